// STS GetCallerIdentity: every caller is the account root of the local cloud's account.

import type { GetCallerIdentityRequest, GetCallerIdentityResponse } from '@aws-sdk/client-sts';
import type { ActionContext } from '../../../service.js';

export function getCallerIdentity(
  _input: GetCallerIdentityRequest,
  ctx: ActionContext,
): GetCallerIdentityResponse {
  return {
    Account: ctx.accountId,
    Arn: `arn:aws:iam::${ctx.accountId}:root`,
    UserId: ctx.accountId,
  } satisfies GetCallerIdentityResponse;
}
