// Loads .faasrc.json (or --config PATH), lays environment variables and flags over it, validates
// the result with the zod schema and reports every bad field in ONE FaasError with its JSON path.
import { readFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { z } from 'zod';
import { FaasError } from '../errors.js';
import { DatabaseUrlError, parseDatabaseUrl } from '../handlers/lib/databaseUrl.js';
import {
  type Architecture,
  type DatabaseVpc,
  type FunctionSettings,
  faasrcSchema,
  type Runtime,
  show,
  type Target,
} from './schema.js';

export const DEFAULT_CONFIG_FILE = '.faasrc.json';
export const DEFAULT_LOCAL_ENDPOINT = 'http://127.0.0.1:4566';
export const DEFAULT_LOCAL_REGION = 'us-east-1';

/** Values given on the command line; they win over the environment and the file. */
export interface ConfigFlags {
  project?: string;
  target?: string;
  region?: string;
  profile?: string;
  endpoint?: string;
}

export interface LoadConfigOptions {
  cwd: string;
  /** --config PATH; relative to cwd. */
  configPath?: string;
  flags?: ConfigFlags;
  env?: Readonly<Record<string, string | undefined>>;
}

export type ValueSource = 'default' | 'file' | 'env' | 'flag';

export interface FaasConfig {
  project: string;
  target: Target;
  /** Undefined only for target aws with no region anywhere: the SDK then resolves it from the profile. */
  region: string | undefined;
  profile: string | undefined;
  endpoint: string | undefined;
  runtime: Runtime;
  architecture: Architecture;
  memory: number;
  timeout: number;
  logRetentionDays: number;
  tags: Record<string, string>;
  flows: {
    ingest: {
      token: string | undefined;
      functions: Record<string, FunctionSettings>;
      /** url: from the file or FAAS_DATABASE_URL, already parsed once (it is valid). */
      database: { url: string | undefined; vpc: DatabaseVpc | undefined };
    };
    /** Undefined: the webhook flow is not configured, so `up` does not deploy it. */
    webhook?: { maxReceiveCount: number; batchSize: number; functions: Record<string, FunctionSettings> };
  };
  /** Absolute path of the file that was loaded. */
  file: string;
  /** Directory holding the config file: where .faas/ (secrets) lives. */
  dir: string;
  /** Where the values that can come from several places came from (for `status` and errors). */
  sources: Record<
    'project' | 'target' | 'region' | 'profile' | 'endpoint' | 'token' | 'databaseUrl',
    ValueSource
  >;
}

// Precedence, as in the AWS CLI: flag > environment > file > default.
const ENV_OVERLAYS: ReadonlyArray<{ env: string; path: readonly string[] }> = [
  { env: 'AWS_PROFILE', path: ['profile'] },
  { env: 'AWS_DEFAULT_REGION', path: ['region'] },
  { env: 'AWS_REGION', path: ['region'] },
  { env: 'AWS_ENDPOINT_URL', path: ['endpoint'] },
  { env: 'FAAS_TOKEN', path: ['flows', 'ingest', 'token'] },
  { env: 'FAAS_DATABASE_URL', path: ['flows', 'ingest', 'database', 'url'] },
];
const FLAG_OVERLAYS: ReadonlyArray<{ flag: keyof ConfigFlags; path: readonly string[] }> = [
  { flag: 'project', path: ['project'] },
  { flag: 'target', path: ['target'] },
  { flag: 'region', path: ['region'] },
  { flag: 'profile', path: ['profile'] },
  { flag: 'endpoint', path: ['endpoint'] },
];

export async function loadConfig(options: LoadConfigOptions): Promise<FaasConfig> {
  const file = resolve(options.cwd, options.configPath ?? DEFAULT_CONFIG_FILE);
  const raw = parseJson(await readConfigFile(file, options.configPath !== undefined), file);
  return resolveConfig(raw, file, options.flags ?? {}, options.env ?? {});
}

/** Validates an already-parsed file body with overlays; exported for tests and `status`. */
export function resolveConfig(
  raw: unknown,
  file: string,
  flags: ConfigFlags,
  env: Readonly<Record<string, string | undefined>>,
): FaasConfig {
  // Which layer supplied each overridden path, so an error names `--region` or `AWS_REGION`
  // instead of `$.region` when the bad value did not come from the file.
  const origins = new Map<string, { label: string; source: ValueSource }>();
  const merged = isPlainObject(raw) ? structuredClone(raw) : raw;
  if (isPlainObject(merged)) {
    for (const { env: name, path } of ENV_OVERLAYS) {
      const value = env[name];
      if (value === undefined || value === '') continue;
      setPath(merged, path, value);
      origins.set(path.join('.'), { label: name, source: 'env' });
    }
    for (const { flag, path } of FLAG_OVERLAYS) {
      const value = flags[flag];
      if (value === undefined) continue;
      setPath(merged, path, value);
      origins.set(path.join('.'), { label: `--${flag}`, source: 'flag' });
    }
  }

  const result = faasrcSchema.safeParse(merged, { reportInput: true, error: defaultMessage });
  if (!result.success) throw invalidConfig(file, result.error.issues, origins);
  const c = result.data;
  const source = (path: string, present: boolean): ValueSource =>
    origins.get(path)?.source ?? (present ? 'file' : 'default');
  const fileObject = isPlainObject(raw) ? raw : {};
  const fileIngest = (
    fileObject.flows as { ingest?: { token?: unknown; database?: { url?: unknown } } } | undefined
  )?.ingest;
  const databaseUrl = c.flows.ingest?.database?.url;
  if (databaseUrl !== undefined)
    checkDatabaseUrl(databaseUrl, origins.get('flows.ingest.database.url')?.label);

  return {
    project: c.project,
    target: c.target,
    region: c.region ?? (c.target === 'local' ? DEFAULT_LOCAL_REGION : undefined),
    profile: c.profile,
    endpoint: c.endpoint ?? (c.target === 'local' ? DEFAULT_LOCAL_ENDPOINT : undefined),
    runtime: c.runtime,
    architecture: c.architecture,
    memory: c.memory,
    timeout: c.timeout,
    logRetentionDays: c.logRetentionDays,
    tags: c.tags,
    flows: {
      ingest: {
        token: c.flows.ingest?.token,
        functions: { ...(c.flows.ingest?.functions ?? {}) } as Record<string, FunctionSettings>,
        database: { url: databaseUrl, vpc: c.flows.ingest?.database?.vpc },
      },
      ...(c.flows.webhook
        ? {
            webhook: {
              maxReceiveCount: c.flows.webhook.maxReceiveCount,
              batchSize: c.flows.webhook.batchSize,
              functions: { ...(c.flows.webhook.functions ?? {}) } as Record<string, FunctionSettings>,
            },
          }
        : {}),
    },
    file,
    dir: dirname(file),
    sources: {
      project: source('project', true),
      target: source('target', 'target' in fileObject),
      region: source('region', 'region' in fileObject),
      profile: source('profile', 'profile' in fileObject),
      endpoint: source('endpoint', 'endpoint' in fileObject),
      token: source('flows.ingest.token', fileIngest?.token !== undefined),
      databaseUrl: source('flows.ingest.database.url', fileIngest?.database?.url !== undefined),
    },
  };
}

/**
 * The URL is parsed here exactly as src/db and the db handler parse it, so a bad one stops every
 * command at load. Same code and words as src/db's databaseSettings; the URL itself (and so its
 * password) is never part of the message.
 */
function checkDatabaseUrl(url: string, origin: string | undefined): void {
  try {
    parseDatabaseUrl(url);
  } catch (error) {
    if (!(error instanceof DatabaseUrlError)) throw error;
    throw new FaasError(
      'DatabaseUrlInvalid',
      `Invalid database URL${origin ? ` in ${origin}` : ''}: ${error.message}.`,
      { hint: 'Set the URL in flows.ingest.database.url or FAAS_DATABASE_URL.' },
    );
  }
}

async function readConfigFile(file: string, explicit: boolean): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new FaasError('ConfigNotFound', `No configuration file at ${file}`, {
        hint: explicit
          ? 'Check the path given to --config.'
          : 'Create .faasrc.json in this directory (start from .faasrc.example.json) or pass --config PATH.',
      });
    }
    throw new FaasError('ConfigUnreadable', `Cannot read configuration file ${file}`, { cause });
  }
}

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (cause) {
    // The parser's own message (kept as the cause) points at the offending spot.
    throw new FaasError('ConfigInvalidJson', `Configuration file ${file} is not valid JSON`, {
      cause,
      hint: 'Fix the JSON syntax: comments and trailing commas are not allowed.',
    });
  }
}

type Issue = z.core.$ZodIssue;

function invalidConfig(
  file: string,
  issues: readonly Issue[],
  origins: ReadonlyMap<string, { label: string; source: ValueSource }>,
): FaasError {
  const lines: string[] = [];
  let fromFlag = false;
  for (const issue of issues) {
    // An unknown key is reported at the object holding it; name the key itself instead.
    const entries =
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: [...issue.path, key], message: 'unknown field' }))
        : issue.code === 'invalid_key'
          ? [{ path: issue.path, message: issue.issues[0]?.message ?? issue.message }]
          : [{ path: issue.path, message: issue.message }];
    for (const { path, message } of entries) {
      const origin = origins.get(path.map(String).join('.'));
      if (origin?.source === 'flag') fromFlag = true;
      const line = `  - ${origin?.label ?? jsonPath(path)}: ${message}`;
      // Several checks on one field can fail with the same message (length and pattern).
      if (!lines.includes(line)) lines.push(line);
    }
  }
  const count = lines.length === 1 ? '1 problem' : `${lines.length} problems`;
  return new FaasError(
    'ConfigInvalid',
    [`Invalid configuration in ${file} (${count}):`, ...lines].join('\n'),
    {
      hint: 'Every field is described in schema/faasrc.schema.json; an example is in .faasrc.example.json.',
      exitCode: fromFlag ? 2 : 1,
    },
  );
}

/** `$.flows.ingest.token`, `$.tags["team:name"]`. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '$';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(String(part))) out += `.${String(part)}`;
    else out += `[${JSON.stringify(String(part))}]`;
  }
  return out;
}

// Messages for issues the schema does not word itself: say what is expected and what was found.
function defaultMessage(issue: z.core.$ZodRawIssue): string {
  const got = show(issue.input);
  switch (issue.code) {
    case 'invalid_type': {
      const expected = issue.expected === 'int' ? 'an integer' : article(String(issue.expected));
      return issue.input === undefined ? `required (${expected})` : `expected ${expected}, got ${got}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}, got ${got}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `must be at least ${issue.minimum} characters, got ${got}`
        : `must be at least ${issue.minimum}, got ${got}`;
    case 'too_big':
      return issue.origin === 'string'
        ? `must be at most ${issue.maximum} characters, got ${got}`
        : `must be at most ${issue.maximum}, got ${got}`;
    case 'invalid_key':
      return 'invalid key';
    default:
      return `invalid value ${got}`;
  }
}

const article = (type: string): string => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function setPath(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  let node = target;
  for (const key of path.slice(0, -1)) {
    if (node[key] === undefined) node[key] = {};
    // A wrong type in the file (`"flows": 5`) must still be reported, not papered over.
    if (!isPlainObject(node[key])) return;
    node = node[key] as Record<string, unknown>;
  }
  node[path[path.length - 1]!] = value;
}
