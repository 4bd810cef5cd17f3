// The target kinds EventBridge delivers to: one file each, one line here. A target whose ARN no
// kind accepts (SNS, Step Functions… until their kinds exist) fails delivery and is counted.

import type { Target } from '@aws-sdk/client-eventbridge';
import type { TargetInputConfig } from '../../../engines/targetInput.js';
import { AwsServiceError } from '../../../errors.js';
import { eventBusTarget } from './eventBus.js';
import { lambdaTarget } from './lambda.js';
import { logsTarget } from './logs.js';
import { sqsTarget } from './sqs.js';
import type { TargetKind } from './types.js';

export const targetKinds: TargetKind[] = [lambdaTarget, logsTarget, eventBusTarget, sqsTarget];

export function targetKindFor(arn: string): TargetKind {
  const kind = targetKinds.find((k) => k.accepts(arn));
  if (!kind)
    throw new AwsServiceError(
      'UnsupportedTarget',
      `The local cloud cannot deliver to target ${arn} yet`,
      400,
    );
  return kind;
}

/** A stored target's input members in the engine's shape (PutTargets guarantees InputTemplate). */
export function inputConfig(target: Target): TargetInputConfig {
  const { Input, InputPath, InputTransformer } = target;
  return {
    Input,
    InputPath,
    InputTransformer: InputTransformer && {
      InputPathsMap: InputTransformer.InputPathsMap,
      InputTemplate: InputTransformer.InputTemplate ?? '',
    },
  };
}
