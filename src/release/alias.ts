// The `live` alias and its memory. There is no state file, so the version `live` pointed at before
// a release is written into the alias's own Description (`previous=3`) for rollback to read.

import {
  type AliasConfiguration,
  GetAliasCommand,
  GetFunctionCommand,
  type LambdaClient,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { FaasError } from '../errors.js';

export const LIVE_ALIAS = 'live';

const PREVIOUS = /(?:^|\s)previous=(\d+)(?:\s|$)/;
const ROLLED_BACK_FROM = /(?:^|\s)rolled-back-from=(\d+)(?:\s|$)/;

export const previousDescription = (version: string): string => `previous=${version}`;
/** After a rollback there is deliberately no `previous`: a second rollback must not roll forward. */
export const rolledBackDescription = (version: string): string => `rolled-back-from=${version}`;

export function parsePrevious(description: string | undefined): string | undefined {
  return description?.match(PREVIOUS)?.[1];
}

export function parseRolledBackFrom(description: string | undefined): string | undefined {
  return description?.match(ROLLED_BACK_FROM)?.[1];
}

/** Versions with traffic besides the primary one (a canary in progress), as `{ version: weight }`. */
export function canaryWeights(alias: AliasConfiguration | undefined): Record<string, number> {
  return alias?.RoutingConfig?.AdditionalVersionWeights ?? {};
}

/** The alias, or undefined when the function has never been released. */
export async function getLiveAlias(
  client: LambdaClient,
  functionName: string,
): Promise<AliasConfiguration | undefined> {
  try {
    return await client.send(new GetAliasCommand({ FunctionName: functionName, Name: LIVE_ALIAS }));
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw lambdaError(err, `cannot read alias ${LIVE_ALIAS} of ${functionName}`);
  }
}

/** CodeSha256 of one version (`$LATEST` when no qualifier). */
export async function getCodeSha(
  client: LambdaClient,
  functionName: string,
  qualifier?: string,
): Promise<string | undefined> {
  try {
    const out = await client.send(
      new GetFunctionCommand({ FunctionName: functionName, Qualifier: qualifier }),
    );
    return out.Configuration?.CodeSha256;
  } catch (err) {
    if (err instanceof ResourceNotFoundException) {
      throw new FaasError(
        'FunctionNotFound',
        `function ${functionName}${qualifier ? `:${qualifier}` : ''} does not exist`,
        {
          cause: err,
          hint: qualifier ? 'the version may have been deleted' : 'create it first with `faas up`',
        },
      );
    }
    throw lambdaError(err, `cannot read function ${functionName}`);
  }
}

/** Wraps an unexpected SDK error; FaasErrors pass through untouched. */
export function lambdaError(err: unknown, message: string): FaasError {
  if (err instanceof FaasError) return err;
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  return new FaasError('LambdaError', `${message}: ${detail}`, { cause: err });
}
