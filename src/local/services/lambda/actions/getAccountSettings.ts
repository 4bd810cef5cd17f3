// GetAccountSettings: Lambda's account limits and what this cloud uses of them.

import type { GetAccountSettingsRequest, GetAccountSettingsResponse } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { MAX_ZIPPED_BYTES } from '../code.js';
import type { LambdaCore } from '../core.js';
import { MAX_UNZIPPED_BYTES } from '../runtime/index.js';
import { ACCOUNT_CONCURRENCY } from './putFunctionConcurrency.js';

export function getAccountSettings(
  _input: GetAccountSettingsRequest,
  ctx: ActionContext<LambdaCore>,
): GetAccountSettingsResponse {
  const core = ctx.state;
  const functions = core.store.all();
  const reserved = functions.reduce((sum, f) => sum + (f.reservedConcurrency ?? 0), 0);
  return {
    AccountLimit: {
      TotalCodeSize: 80_530_636_800,
      CodeSizeUnzipped: MAX_UNZIPPED_BYTES,
      CodeSizeZipped: MAX_ZIPPED_BYTES,
      ConcurrentExecutions: ACCOUNT_CONCURRENCY,
      UnreservedConcurrentExecutions: ACCOUNT_CONCURRENCY - reserved,
    },
    AccountUsage: { TotalCodeSize: core.storedBytes(), FunctionCount: functions.length },
  } satisfies GetAccountSettingsResponse;
}
