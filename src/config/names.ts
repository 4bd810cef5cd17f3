// Deterministic resource names: `<project>-<flow>-<role>`, so resources are found again by name
// (there is no state file) and tagged `faas:project` / `faas:flow` for people and billing.
import { FaasError } from '../errors.js';

export const TAG_PROJECT = 'faas:project';
export const TAG_FLOW = 'faas:flow';

// Service limits the derived names must respect.
const LIMITS = { function: 64, role: 64, bus: 256, rule: 64, bucket: 63, httpApi: 128 } as const;

export const functionName = (project: string, flow: string, fn: string): string =>
  checked('function', `${project}-${flow}-${fn}`);

// One execution role per function; the suffix keeps the IAM console readable when a function
// and its role sit side by side in a policy or a CloudTrail event.
export const roleName = (project: string, flow: string, fn: string): string =>
  checked('role', `${project}-${flow}-${fn}-role`);

/** Lambda writes to this group; creating it ourselves is what lets us set the retention. */
export const logGroupName = (functionName: string): string => `/aws/lambda/${functionName}`;

export const busName = (project: string, flow: string): string => checked('bus', `${project}-${flow}-bus`);

export const ruleName = (project: string, flow: string, target: string): string =>
  checked('rule', `${project}-${flow}-to-${target}`);

export const httpApiName = (project: string, flow: string): string =>
  checked('httpApi', `${project}-${flow}-http`);

/** SSM parameter of a flow's secret: `/<project>/<flow>/<name>` (a path, so IAM can name it exactly). */
export const parameterName = (project: string, flow: string, name: string): string =>
  `/${project}/${flow}/${name}`;

/**
 * S3 bucket names share one global namespace across every AWS account, so `<project>-<flow>`
 * alone would collide with anyone else's `demo-ingest`. Appending the account id and the region
 * makes the name unique per account and region while staying deterministic (no random suffix, so
 * `up`, `status` and `down` find it again without a state file). With the project capped at 20
 * characters, the longest flow name (8) and the longest region id (14) it is at most 57 of the 63
 * characters S3 allows.
 */
export const bucketName = (project: string, flow: string, accountId: string, region: string): string =>
  checked('bucket', `${project}-${flow}-${accountId}-${region}`);

/** The tags every resource of a flow carries, user tags first so ours cannot be overridden. */
export const resourceTags = (
  project: string,
  flow: string,
  extra: Readonly<Record<string, string>> = {},
): Record<string, string> => ({ ...extra, [TAG_PROJECT]: project, [TAG_FLOW]: flow });

function checked(kind: keyof typeof LIMITS, name: string): string {
  // The config schema bounds the project so this cannot trip for the shipped flows; it guards
  // a future flow or role name that is too long.
  if (name.length > LIMITS[kind]) {
    throw new FaasError(
      'NameTooLong',
      `The ${kind} name "${name}" is ${name.length} characters; AWS allows at most ${LIMITS[kind]}`,
      { hint: 'Use a shorter project name.' },
    );
  }
  return name;
}
