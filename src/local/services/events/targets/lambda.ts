// Lambda targets (function, version or alias ARN): the event goes into the function's durable
// async queue as `events.amazonaws.com` with the rule as SourceArn, so its resource policy applies.

import type { TargetKind } from './types.js';

const FUNCTION_ARN = /^arn:aws[\w-]*:lambda:[a-z0-9-]+:\d{12}:function:[^:]+(:[^:]+)?$/;

export const lambdaTarget: TargetKind = {
  name: 'lambda',
  accepts: (arn) => FUNCTION_ARN.test(arn),
  deliver: ({ cloud, arn, input, ruleArn }) =>
    cloud.api('lambda').invokeAsync({
      functionArn: arn,
      payload: Buffer.from(input, 'utf8'),
      principal: 'events.amazonaws.com',
      sourceArn: ruleArn,
    }),
};
