// Rollback is moving the `live` alias: abort a canary in flight, or go back to the version
// recorded in the alias Description (`previous=N`) by the last full release, or to an explicit one.

import type { LambdaClient } from '@aws-sdk/client-lambda';
import { FaasError, usageError } from '../errors.js';
import {
  canaryWeights,
  getCodeSha,
  getLiveAlias,
  LIVE_ALIAS,
  parsePrevious,
  parseRolledBackFrom,
  rolledBackDescription,
} from './alias.js';
import { updateAlias } from './publish.js';

export interface RollbackResult {
  functionName: string;
  /** The version that was taking traffic and no longer is (the canary version when aborting one). */
  fromVersion: string;
  toVersion: string;
  /** True when only a canary's routing was removed; the primary version did not move. */
  canaryAborted: boolean;
  changed: boolean;
}

const VERSION = /^[1-9]\d*$/;

export async function rollback(
  client: LambdaClient,
  functionName: string,
  toVersion?: string,
): Promise<RollbackResult> {
  if (toVersion !== undefined && !VERSION.test(toVersion)) {
    throw usageError(`invalid version '${toVersion}'`, 'a version is a published version number such as 3');
  }
  // Reading $LATEST first gives a clear "function does not exist" before the alias question.
  await getCodeSha(client, functionName);
  const alias = await getLiveAlias(client, functionName);
  if (!alias?.FunctionVersion) {
    throw new FaasError(
      'NotReleased',
      `${functionName} has no '${LIVE_ALIAS}' alias, so there is nothing to roll back`,
      {
        hint: 'release it first with `faas release`',
      },
    );
  }
  const current = alias.FunctionVersion;
  const canary = Object.keys(canaryWeights(alias));

  // A canary in flight: rolling back means all traffic returns to the primary version.
  if (toVersion === undefined && canary.length > 0) {
    await updateAlias(client, functionName, current, {});
    return {
      functionName,
      fromVersion: canary.join(','),
      toVersion: current,
      canaryAborted: true,
      changed: true,
    };
  }

  const target = toVersion ?? parsePrevious(alias.Description);
  if (target === undefined) {
    const from = parseRolledBackFrom(alias.Description);
    throw new FaasError(
      'NoPreviousVersion',
      `live of ${functionName} (version ${current}) has no previous version recorded`,
      {
        hint:
          from === undefined
            ? 'name the version to roll back to explicitly (published versions: `aws lambda list-versions-by-function`)'
            : `live was already rolled back from version ${from}; name a version explicitly to move it again`,
      },
    );
  }
  if (target === current && canary.length === 0) {
    return { functionName, fromVersion: current, toVersion: target, canaryAborted: false, changed: false };
  }
  await updateAlias(client, functionName, target, {}, rolledBackDescription(current));
  return { functionName, fromVersion: current, toVersion: target, canaryAborted: false, changed: true };
}
