// The .faasrc.json schema (zod 4): the single source for validation, defaults and the published
// JSON Schema (schema/faasrc.schema.json is generated from it by z.toJSONSchema).
import { z } from 'zod';
import { closestRegion, KNOWN_REGIONS, REGION_FORMAT } from './regions.js';

export const PROJECT_MAX_LENGTH = 20;

// Single hyphens only: a `--` could make the bucket name start with the reserved `xn--`, and a
// trailing hyphen would give `demo--ingest-…`.
export const PROJECT_PATTERN = /^[a-z](?:-?[a-z0-9])*$/;

export const PROJECT_RULE =
  'is not a valid project name: use 1-20 lowercase letters, digits and single hyphens, starting with ' +
  'a letter and not ending with a hyphen (it prefixes every resource name, and the longest, the S3 ' +
  'bucket <project>-<flow>-<account>-<region>, must fit in 63 characters)';

const projectError = (iss: { input?: unknown }) => `${show(iss.input)} ${PROJECT_RULE}`;
const project = z
  .string()
  .min(1, { error: projectError })
  .max(PROJECT_MAX_LENGTH, { error: projectError })
  .regex(PROJECT_PATTERN, { error: projectError })
  // S3 reserves these bucket-name prefixes, and every faas bucket starts with the project.
  .refine((p) => !/^(sthree|amzn-s3-demo)(-|$)/.test(p), {
    error: 'must not start with "sthree" or "amzn-s3-demo" (S3 reserves these bucket name prefixes)',
  })
  .describe('Prefix of every resource name: <project>-<flow>-<role>.');

// One check with one message: an enum gives editors the list through the JSON Schema, and the
// message tells a malformed id from a well-formed one that names no region.
const region = z
  .enum(KNOWN_REGIONS, {
    error: (iss) => {
      if (typeof iss.input !== 'string') return `expected a string, got ${show(iss.input)}`;
      if (!REGION_FORMAT.test(iss.input))
        return `must be an AWS region id like "eu-west-1", got ${show(iss.input)}`;
      const guess = closestRegion(iss.input);
      return `${show(iss.input)} is not a known AWS region${guess ? ` (did you mean "${guess}"?)` : ''}`;
    },
  })
  .describe('AWS region id, e.g. eu-west-1. Defaults to us-east-1 for target local.');

export const RUNTIMES = ['nodejs20.x', 'nodejs22.x', 'nodejs24.x'] as const;
export const ARCHITECTURES = ['x86_64', 'arm64'] as const;
export const TARGETS = ['local', 'aws'] as const;
// The only values CloudWatch Logs accepts for PutRetentionPolicy.
export const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

const memory = z.int().min(128).max(10240).describe('Lambda memory in MB (128-10240).');
const timeout = z.int().min(1).max(900).describe('Lambda timeout in seconds (1-900).');

export const functionSettingsSchema = z.strictObject({
  memory: memory.optional(),
  timeout: timeout.optional(),
});

export const TOKEN_RULE = 'must be 16-512 printable ASCII characters without spaces';

export const tokenSchema = z
  .string()
  .min(16, { error: TOKEN_RULE })
  .max(512, { error: TOKEN_RULE })
  .regex(/^[\x21-\x7e]+$/, { error: TOKEN_RULE });

// A database URL is checked at load by src/config/load.ts with the same parser the db handler
// uses (so its error never echoes the URL); here it only has to be a non-empty string.
const databaseSchema = z.strictObject({
  url: z
    .string()
    .min(1)
    .optional()
    .describe(
      'PostgreSQL URL (postgres://user:password@host:5432/db?sslmode=require) the db function writes ' +
        'to. Overridden by FAAS_DATABASE_URL. Stored as an SSM SecureString, never in plain text. ' +
        "Target local without one: the local cloud's own PostgreSQL; target aws without one: the " +
        'db path is not deployed.',
    ),
  vpc: z
    .strictObject({
      subnetIds: z
        .array(z.string().regex(/^subnet-[0-9a-f]+$/, { error: 'expected a subnet id like "subnet-0abc…"' }))
        .min(1),
      securityGroupIds: z
        .array(z.string().regex(/^sg-[0-9a-f]+$/, { error: 'expected a security group id like "sg-0abc…"' }))
        .min(1),
    })
    .optional()
    .describe('Subnets and security groups of the db function, for a database inside a VPC.'),
});

const ingestFlow = z.strictObject({
  token: tokenSchema
    .optional()
    .describe(
      'Shared secret the api function expects in the `token` header. Overridden by FAAS_TOKEN; ' +
        'when neither is set, `faas up` generates one into .faas/secrets.json.',
    ),
  functions: z
    .strictObject({
      api: functionSettingsSchema.optional(),
      store: functionSettingsSchema.optional(),
      db: functionSettingsSchema.optional(),
    })
    .optional(),
  database: databaseSchema.optional().describe('Where the db function stores events (PostgreSQL).'),
});

// The webhook flow is deployed when this section is present (`"webhook": {}` takes every default),
// so a project that only wants ingest gets nothing more; `down` removes it either way.
const webhookFlow = z.strictObject({
  maxReceiveCount: z
    .int()
    .min(1)
    .max(1000)
    .default(5)
    .describe('Receives of one message before SQS moves it to the dead-letter queue.'),
  batchSize: z
    .int()
    .min(1)
    .max(10)
    .default(10)
    .describe('Messages per webhook invocation (FIFO: at most 10).'),
  functions: z.strictObject({ webhook: functionSettingsSchema.optional() }).optional(),
});

// faas adds faas:project and faas:flow; AWS reserves aws:. 48 leaves room for ours under the
// 50-tag limit that S3, Lambda and IAM share.
const tagKey = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]+$/u, {
    error: 'tag keys may contain letters, digits, spaces and _ . : / = + - @',
  })
  .refine((k) => !/^(aws|faas):/i.test(k), {
    error: 'tag keys starting with "aws:" or "faas:" are reserved',
  });
const tagValue = z
  .string()
  .max(256)
  .regex(/^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u, {
    error: 'tag values may contain letters, digits, spaces and _ . : / = + - @',
  });

export const faasrcSchema = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of this JSON Schema, for editors.'),
    project,
    target: z
      .enum(TARGETS)
      .default('local')
      .describe('local: the embedded local cloud at `endpoint`; aws: the real AWS account.'),
    region: region.optional(),
    profile: z.string().min(1).optional().describe('Named profile from ~/.aws/config (like AWS_PROFILE).'),
    endpoint: z
      .url({
        protocol: /^https?$/,
        error: (iss) => `must be an http(s) URL like "http://127.0.0.1:4566", got ${show(iss.input)}`,
      })
      .optional()
      .describe('Service endpoint for every client. Defaults to http://127.0.0.1:4566 for target local.'),
    runtime: z.enum(RUNTIMES).default('nodejs22.x').describe('Lambda runtime of every function.'),
    architecture: z.enum(ARCHITECTURES).default('arm64').describe('Lambda instruction set architecture.'),
    memory: memory.default(256),
    timeout: timeout.default(10),
    logRetentionDays: z
      .literal(RETENTION_DAYS)
      .default(14)
      .describe('Retention of every /aws/lambda/<function> log group.'),
    tags: z
      .record(tagKey, tagValue)
      .refine((t) => Object.keys(t).length <= 48, { error: 'at most 48 tags (faas adds two of its own)' })
      .default({})
      .describe('Extra tags on every resource.'),
    flows: z
      .strictObject({ ingest: ingestFlow.optional(), webhook: webhookFlow.optional() })
      .default({})
      .describe('Per-flow settings.'),
  })
  .describe('faas configuration (.faasrc.json)');

export type FaasrcInput = z.input<typeof faasrcSchema>;
export type FaasrcParsed = z.output<typeof faasrcSchema>;
export type Target = (typeof TARGETS)[number];
export type Runtime = (typeof RUNTIMES)[number];
export type Architecture = (typeof ARCHITECTURES)[number];
export type FunctionSettings = z.output<typeof functionSettingsSchema>;
export type DatabaseVpc = NonNullable<z.output<typeof databaseSchema>['vpc']>;

/** The published JSON Schema (what schema/faasrc.schema.json holds). */
export const faasrcJsonSchema = (): Record<string, unknown> =>
  z.toJSONSchema(faasrcSchema, { io: 'input', target: 'draft-2020-12' }) as Record<string, unknown>;

export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null) return 'null';
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `${typeof value} ${String(value)}`;
}
