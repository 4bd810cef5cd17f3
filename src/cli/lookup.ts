// What the release and traffic commands act on, found by deterministic name: the pipeline's
// functions by short name (`api`, `store`), the ingest HTTP API's URL and the ingest bucket.

import { join } from 'node:path';
import { type Api, type ApiGatewayV2Client, GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { awsFailure } from '../aws/errors.js';
import type { FaasConfig } from '../config/load.js';
import { bucketName, httpApiName, TAG_PROJECT } from '../config/names.js';
import { SECRETS_DIR } from '../config/secrets.js';
import { FaasError } from '../errors.js';
import { INGEST } from '../pipeline/flows/ingest.js';
import type { FunctionSpec } from '../pipeline/types.js';
import { resolveDatabase } from './database.js';
import { desiredState, type Session } from './session.js';

/** Every function of the pipeline, in the desired state's order (`db` only with a database). */
export async function pipelineFunctions(session: Session): Promise<FunctionSpec[]> {
  const database = await resolveDatabase(session.config);
  // The secrets only feed parameters, which nothing here reads.
  return desiredState(session, '', database.url === undefined ? undefined : '').resources.flatMap((r) =>
    r.kind === 'function' ? [r.spec] : [],
  );
}

/** The functions named by short name (all of them when none is named), each once, in the given order. */
export function selectFunctions(all: readonly FunctionSpec[], names: readonly string[]): FunctionSpec[] {
  if (names.length === 0) return [...all];
  const known = all.map((f) => f.source.function);
  const unknown = [...new Set(names.filter((n) => !known.includes(n)))];
  if (unknown.length > 0) {
    const which = unknown.map((n) => `"${n}"`).join(', ');
    throw new FaasError(
      'UnknownFunction',
      `Unknown function${unknown.length === 1 ? '' : 's'} ${which}: the pipeline's functions are ${known.join(', ')}`,
    );
  }
  return [...new Set(names)].map((n) => all.find((f) => f.source.function === n)!);
}

/** The base URL of the ingest HTTP API (`POST <url>/events`), read by name through GetApis. */
export async function ingestApiUrl(session: Session): Promise<string> {
  const { project } = session.config;
  const name = httpApiName(project, INGEST);
  let apis: Api[];
  try {
    apis = await allApis(session.clients.apigw);
  } catch (cause) {
    throw awsFailure('API Gateway GetApis', cause);
  }
  const named = apis.filter((a) => a.Name === name);
  // The same rule as `up`: our tagged API first, an untagged namesake only if it is alone.
  const ours = named.filter((a) => a.Tags?.[TAG_PROJECT] === project);
  const candidates = ours.length > 0 ? ours : named;
  if (candidates.length > 1) {
    throw new FaasError('AmbiguousHttpApi', `${candidates.length} HTTP APIs are named ${name}`, {
      hint: `Delete the extra ones (ids ${candidates.map((a) => a.ApiId).join(', ')}) so faas can tell which is its own.`,
    });
  }
  const endpoint = candidates[0]?.ApiEndpoint;
  if (!endpoint) throw notDeployed(project, `there is no HTTP API named ${name}`);
  return endpoint;
}

/** `send webhook` and `dlq` act on the webhook flow: it must be in the configuration, not only on AWS. */
export function requireWebhookFlow(config: Pick<FaasConfig, 'flows' | 'file'>): void {
  if (config.flows.webhook) return;
  throw new FaasError('FlowNotEnabled', `The webhook flow is not enabled in ${config.file}`, {
    hint: 'Add "flows": { "webhook": {} } to it, then run `faas up` to deploy the flow.',
  });
}

export const notDeployed = (project: string, detail: string): FaasError =>
  new FaasError('NotDeployed', `The pipeline ${project} is not deployed: ${detail}`, {
    hint: 'Run `faas up` to deploy it.',
  });

export const ingestBucket = (session: Session): string =>
  bucketName(session.config.project, INGEST, session.identity.accountId, session.identity.region);

/** `.faas/` next to the config file: secrets and the last send live there. */
export const stateDir = (config: Pick<FaasConfig, 'dir'>): string => join(config.dir, SECRETS_DIR);

async function allApis(apigw: ApiGatewayV2Client): Promise<Api[]> {
  const out: Api[] = [];
  let token: string | undefined;
  do {
    const page = await apigw.send(new GetApisCommand({ NextToken: token }));
    out.push(...(page.Items ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}
