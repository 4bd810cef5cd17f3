// The first call of every command: resolve the region, then ask STS who we are. Whatever goes
// wrong here (nothing listening, no credentials, expired session) becomes one clear FaasError.
import { ExpiredTokenException, GetCallerIdentityCommand } from '@aws-sdk/client-sts';
import type { FaasConfig } from '../config/load.js';
import { closestRegion, isKnownRegion, type Partition, partitionOf } from '../config/regions.js';
import { FaasError } from '../errors.js';
import type { AwsClients } from './clients.js';
import { awsFailure, hasErrorName, isNetworkError } from './errors.js';

export interface Identity {
  accountId: string;
  /** The caller's ARN (user or assumed role), shown by `status`. */
  arn: string;
  region: string;
  partition: Partition;
}

export const LOCAL_START_HINT = 'Start the local cloud with: faas local start --detach';

export async function connect(
  clients: AwsClients,
  config: Pick<FaasConfig, 'target' | 'endpoint' | 'profile'>,
): Promise<Identity> {
  const region = await resolveRegion(clients);
  try {
    const identity = await clients.sts.send(new GetCallerIdentityCommand({}));
    return {
      accountId: identity.Account ?? '000000000000',
      arn: identity.Arn ?? '',
      region,
      partition: partitionOf(region),
    };
  } catch (cause) {
    throw connectionFailure(cause, config);
  }
}

async function resolveRegion(clients: AwsClients): Promise<string> {
  let region: string;
  try {
    region = await clients.sts.config.region();
  } catch (cause) {
    throw new FaasError('NoRegion', 'No AWS region is configured', {
      cause,
      hint: 'Set "region" in .faasrc.json, pass --region, or set AWS_REGION.',
    });
  }
  // The config schema checked a configured region; this catches one the SDK took from a profile.
  if (!isKnownRegion(region)) {
    const guess = closestRegion(region);
    throw new FaasError('UnknownRegion', `"${region}" is not a known AWS region`, {
      hint: guess ? `Did you mean "${guess}"?` : 'Check the region in your AWS profile or AWS_REGION.',
    });
  }
  return region;
}

function connectionFailure(cause: unknown, config: Pick<FaasConfig, 'target' | 'endpoint' | 'profile'>) {
  if (isNetworkError(cause)) {
    if (config.target === 'local') {
      return new FaasError('LocalCloudUnreachable', `Nothing answers at ${config.endpoint}`, {
        cause,
        hint: `${LOCAL_START_HINT} (or point "endpoint" at a running one).`,
      });
    }
    return new FaasError(
      'AwsUnreachable',
      `Cannot reach AWS STS${config.endpoint ? ` at ${config.endpoint}` : ''}`,
      {
        cause,
        hint: 'Check the network connection and any proxy settings.',
      },
    );
  }
  // The credential chain's error class lives in a transitive @smithy package, so match its name.
  if (hasErrorName(cause, 'CredentialsProviderError') || /could not load credentials/i.test(String(cause))) {
    const forProfile = config.profile ? ` for profile "${config.profile}"` : '';
    return new FaasError('NoCredentials', `No AWS credentials found${forProfile}`, {
      cause,
      hint:
        'Run `aws configure` or `aws sso login`, or set AWS_PROFILE / --profile; ' +
        'to work without AWS use "target": "local".',
    });
  }
  if (
    cause instanceof ExpiredTokenException ||
    hasErrorName(cause, 'ExpiredToken', 'ExpiredTokenException')
  ) {
    return new FaasError('CredentialsExpired', 'The AWS session has expired', {
      cause,
      hint: 'Refresh it (e.g. `aws sso login`) and run the command again.',
    });
  }
  if (hasErrorName(cause, 'InvalidClientTokenId', 'SignatureDoesNotMatch', 'UnrecognizedClientException')) {
    return new FaasError('CredentialsRejected', 'AWS rejected the credentials', {
      cause,
      hint: 'Check the access key of the profile in use.',
    });
  }
  return awsFailure('STS GetCallerIdentity', cause);
}
