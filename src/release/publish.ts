// Publishes a release: upload the zip only if its hash differs, publish a version, then move the
// `live` alias (all of it, or a canary share of its traffic). Rollback is in rollback.ts.

import {
  CreateAliasCommand,
  InvalidParameterValueException,
  type LambdaClient,
  PreconditionFailedException,
  PublishVersionCommand,
  ResourceNotFoundException,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda';
import { FaasError, usageError } from '../errors.js';
import {
  canaryWeights,
  getCodeSha,
  getLiveAlias,
  LIVE_ALIAS,
  lambdaError,
  previousDescription,
} from './alias.js';

export interface PublishOptions {
  functionName: string;
  zip: Uint8Array;
  /** Base64 SHA-256 of `zip` (sha256Base64), compared with the deployed CodeSha256. */
  sha256: string;
  /** Send this share (1–99) of `live` traffic to the new version; the rest stays on the old one. */
  canaryPercent?: number;
  /**
   * Waits until a code update has finished (no qualifier) or a just-published version is Active
   * (qualifier = the version); injectable so tests need no real waiter delays.
   */
  waitForUpdate?: (client: LambdaClient, functionName: string, version?: string) => Promise<void>;
  /** Upper bound for the default waiter. */
  maxWaitSeconds?: number;
}

export interface PublishResult {
  functionName: string;
  /** Primary version of `live` before the release; undefined on a function's first release. */
  oldVersion: string | undefined;
  /** The version now serving the release (the canary version with canaryPercent). */
  newVersion: string;
  zipSize: number;
  /** False when the deployed code already had this hash: nothing was uploaded or moved. */
  changed: boolean;
  /** The canary share applied, if any. */
  canaryPercent?: number;
}

export function validateCanaryPercent(percent: number | undefined): void {
  if (percent === undefined) return;
  if (!Number.isFinite(percent) || percent < 1 || percent > 99) {
    throw usageError(
      `canary percentage must be between 1 and 99, got ${percent}`,
      'e.g. --canary 10 sends 10% of traffic',
    );
  }
}

export async function publishRelease(client: LambdaClient, options: PublishOptions): Promise<PublishResult> {
  const { functionName, zip, sha256, canaryPercent } = options;
  validateCanaryPercent(canaryPercent);
  const base = { functionName, zipSize: zip.byteLength };

  // $LATEST first: it also tells "no such function" apart from "never released" (no alias).
  const latestSha = await getCodeSha(client, functionName);
  const alias = await getLiveAlias(client, functionName);
  const oldVersion = alias?.FunctionVersion;
  const weights = canaryWeights(alias);
  // Compare with what `live` serves, not with $LATEST: after a crash between upload and alias
  // update, $LATEST holds the new code while `live` does not, and a rerun must finish the job.
  const liveSha = oldVersion === undefined ? undefined : await getCodeSha(client, functionName, oldVersion);

  if (alias && oldVersion && liveSha === sha256) {
    if (Object.keys(weights).length === 0)
      return { ...base, oldVersion, newVersion: oldVersion, changed: false };
    // The release equals the stable version: a canary in flight is dropped, not re-weighted.
    await updateAlias(client, functionName, oldVersion, {});
    return { ...base, oldVersion, newVersion: oldVersion, changed: true };
  }
  if (alias && oldVersion && canaryPercent !== undefined) {
    const pending = await sameCanary(client, functionName, weights, canaryPercent / 100, sha256);
    if (pending) return { ...base, oldVersion, newVersion: pending, changed: false, canaryPercent };
  }

  if (latestSha !== sha256) await uploadCode(client, options);
  const newVersion = await publishVersion(client, functionName, sha256);
  await waitForVersion(client, options, newVersion);

  if (!alias || !oldVersion) {
    // First release: there is no old version to keep traffic on, so a canary cannot apply.
    await createAlias(client, functionName, newVersion);
    return { ...base, oldVersion: undefined, newVersion, changed: true };
  }
  if (canaryPercent !== undefined && newVersion !== oldVersion) {
    // FunctionVersion stays on the old version; the new one gets the weight. The Description's
    // `previous=` is left alone: it describes the primary version, which has not moved.
    await updateAlias(client, functionName, oldVersion, { [newVersion]: canaryPercent / 100 });
    return { ...base, oldVersion, newVersion, changed: true, canaryPercent };
  }
  await updateAlias(client, functionName, newVersion, {}, previousDescription(oldVersion));
  return { ...base, oldVersion, newVersion, changed: true };
}

/** The requested canary is already in place with this code: rerunning must change nothing. */
async function sameCanary(
  client: LambdaClient,
  functionName: string,
  weights: Record<string, number>,
  weight: number,
  sha256: string,
): Promise<string | undefined> {
  const entries = Object.entries(weights);
  if (entries.length !== 1) return undefined;
  const [version, current] = entries[0]!;
  if (Math.abs(current - weight) > 1e-9) return undefined;
  return (await getCodeSha(client, functionName, version)) === sha256 ? version : undefined;
}

async function uploadCode(client: LambdaClient, options: PublishOptions): Promise<void> {
  const { functionName, zip, sha256 } = options;
  let uploadedSha: string | undefined;
  try {
    const out = await client.send(
      new UpdateFunctionCodeCommand({ FunctionName: functionName, ZipFile: zip }),
    );
    uploadedSha = out.CodeSha256;
  } catch (err) {
    throw lambdaError(err, `cannot upload code of ${functionName}`);
  }
  if (uploadedSha !== undefined && uploadedSha !== sha256) {
    throw new FaasError(
      'CodeShaMismatch',
      `Lambda hashed the upload of ${functionName} as ${uploadedSha}, expected ${sha256}`,
      {
        hint: 'the zip changed between hashing and upload; run the release again',
      },
    );
  }
  const wait = options.waitForUpdate ?? defaultWait(options.maxWaitSeconds ?? 300);
  try {
    await wait(client, functionName);
  } catch (err) {
    throw new FaasError('UpdateFailed', `the code update of ${functionName} did not complete`, {
      cause: err,
      hint: `see LastUpdateStatusReason in \`aws lambda get-function --function-name ${functionName}\``,
    });
  }
}

async function waitForVersion(client: LambdaClient, options: PublishOptions, version: string): Promise<void> {
  const wait = options.waitForUpdate ?? defaultWait(options.maxWaitSeconds ?? 300);
  try {
    await wait(client, options.functionName, version);
  } catch (err) {
    throw new FaasError(
      'VersionNotReady',
      `version ${version} of ${options.functionName} did not become active`,
      {
        cause: err,
        hint: `see StateReason in \`aws lambda get-function --function-name ${options.functionName}:${version}\`; \`live\` was not moved, so run the release again`,
      },
    );
  }
}

/**
 * Poll Lambda's state every quarter second at first: updates and new versions usually settle
 * within a second, and the SDK waiters' defaults (first retry after 1–5 s) add seconds per call.
 */
export const LAMBDA_POLL = { minDelay: 0.25, maxDelay: 5 } as const;

function defaultWait(
  maxWaitSeconds: number,
): (client: LambdaClient, functionName: string, version?: string) => Promise<void> {
  return async (client, functionName, version) => {
    const params = { client, maxWaitTime: maxWaitSeconds, ...LAMBDA_POLL };
    if (version === undefined) await waitUntilFunctionUpdatedV2(params, { FunctionName: functionName });
    // A new version starts Pending; invoking `live` before it is Active fails with a conflict.
    else await waitUntilPublishedVersionActive(params, { FunctionName: functionName, Qualifier: version });
  };
}

async function publishVersion(client: LambdaClient, functionName: string, sha256: string): Promise<string> {
  try {
    // The CodeSha256 guard: if someone else changed $LATEST since our upload, Lambda refuses
    // instead of publishing their code under our release.
    const out = await client.send(
      new PublishVersionCommand({ FunctionName: functionName, CodeSha256: sha256 }),
    );
    if (!out.Version)
      throw new FaasError('LambdaError', `PublishVersion of ${functionName} returned no version`);
    return out.Version;
  } catch (err) {
    if (err instanceof PreconditionFailedException || err instanceof InvalidParameterValueException) {
      throw new FaasError('ReleaseConflict', `$LATEST of ${functionName} changed during the release`, {
        cause: err,
        hint: 'another deployment is running; wait for it, then release again',
      });
    }
    throw lambdaError(err, `cannot publish a version of ${functionName}`);
  }
}

async function createAlias(client: LambdaClient, functionName: string, version: string): Promise<void> {
  try {
    await client.send(
      new CreateAliasCommand({ FunctionName: functionName, Name: LIVE_ALIAS, FunctionVersion: version }),
    );
  } catch (err) {
    throw lambdaError(err, `cannot create alias ${LIVE_ALIAS} of ${functionName}`);
  }
}

/** An empty weights map clears any routing; omitting Description leaves it as it is. */
export async function updateAlias(
  client: LambdaClient,
  functionName: string,
  version: string,
  weights: Record<string, number>,
  description?: string,
): Promise<void> {
  try {
    await client.send(
      new UpdateAliasCommand({
        FunctionName: functionName,
        Name: LIVE_ALIAS,
        FunctionVersion: version,
        RoutingConfig: { AdditionalVersionWeights: weights },
        ...(description === undefined ? {} : { Description: description }),
      }),
    );
  } catch (err) {
    // The alias was just read, so "not found" here means the target version.
    if (err instanceof ResourceNotFoundException) {
      throw new FaasError('VersionNotFound', `version ${version} of ${functionName} does not exist`, {
        cause: err,
        hint: `list versions with \`aws lambda list-versions-by-function --function-name ${functionName}\``,
      });
    }
    throw lambdaError(err, `cannot move alias ${LIVE_ALIAS} of ${functionName} to version ${version}`);
  }
}
