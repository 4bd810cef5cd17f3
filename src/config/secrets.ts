// Generated secrets live in .faas/secrets.json next to the config file, readable by the owner
// only (0600 in a 0700 directory); .faas/ is git-ignored. Keyed by project, then flow.
import { randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { FaasError } from '../errors.js';
import type { FaasConfig, ValueSource } from './load.js';

export const SECRETS_DIR = '.faas';
export const SECRETS_FILE = 'secrets.json';

interface SecretsFile {
  version: 1;
  projects: Record<string, { flows: Record<string, { token?: string }> }>;
}

export const secretsPath = (dir: string): string => join(dir, SECRETS_DIR, SECRETS_FILE);

/** 32 random bytes, base64url: 43 characters, safe in an HTTP header. */
export const generateToken = (): string => randomBytes(32).toString('base64url');

export async function readSecrets(dir: string): Promise<SecretsFile> {
  const file = secretsPath(dir);
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, projects: {} };
    throw new FaasError('SecretsUnreadable', `Cannot read ${file}`, { cause });
  }
  try {
    const parsed = JSON.parse(text) as SecretsFile;
    if (typeof parsed !== 'object' || parsed === null || typeof parsed.projects !== 'object') {
      throw new FaasError('SecretsInvalid', `${file} does not hold a faas secrets object`);
    }
    return parsed;
  } catch (cause) {
    if (cause instanceof FaasError) throw cause;
    throw new FaasError('SecretsInvalid', `${file} is not valid JSON`, {
      cause,
      hint: `Delete ${file} to have faas up generate new secrets (the ingest token will change).`,
    });
  }
}

export async function storeFlowToken(
  dir: string,
  project: string,
  flow: string,
  token: string,
): Promise<void> {
  const secrets = await readSecrets(dir);
  const entry = secrets.projects[project] ?? { flows: {} };
  secrets.projects[project] = entry;
  entry.flows[flow] = { ...entry.flows[flow], token };
  const folder = join(dir, SECRETS_DIR);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const file = secretsPath(dir);
  const temp = `${file}.${process.pid}.tmp`;
  // Written to a temp file created 0600 and renamed, so the secret is never briefly readable by
  // others and a crash never leaves a half-written file.
  await writeFile(temp, `${JSON.stringify(secrets, null, 2)}\n`, { mode: 0o600 });
  await chmod(temp, 0o600);
  await rename(temp, file);
}

export interface ResolvedToken {
  token: string | undefined;
  source: ValueSource | 'secrets' | 'generated';
}

/**
 * The ingest token, first found of: FAAS_TOKEN / .faasrc.json (already merged into the config),
 * .faas/secrets.json, or — only when `generate` is set (`faas up`) — a fresh one, which the
 * caller stores with storeFlowToken before deploying it.
 */
export async function resolveIngestToken(config: FaasConfig, generate: boolean): Promise<ResolvedToken> {
  const configured = config.flows.ingest.token;
  if (configured !== undefined) return { token: configured, source: config.sources.token };
  const stored = (await readSecrets(config.dir)).projects[config.project]?.flows.ingest?.token;
  if (stored !== undefined) return { token: stored, source: 'secrets' };
  return generate ? { token: generateToken(), source: 'generated' } : { token: undefined, source: 'default' };
}
