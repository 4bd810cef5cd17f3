// SQS queue targets: the (transformed) event becomes one message, sent in-process and durably; a
// FIFO queue gets the target's SqsParameters.MessageGroupId (PutTargets insists on one).

// No deduplication id of its own: AWS documents that "the queue must have content-based
// deduplication enabled", so a FIFO queue without it refuses the send and the delivery fails
// (dead-letter queue, FailedInvocations). As on AWS, the queue's own policy must let
// events.amazonaws.com send for the rule, or the delivery fails for want of permission.

import { resourcePolicyAllows } from '../../../engines/resourcePolicy.js';
import { AwsServiceError } from '../../../errors.js';
import type { TargetKind } from './types.js';

const QUEUE_ARN = /^arn:aws[\w-]*:sqs:[a-z0-9-]+:\d{12}:[\w-]{1,80}(\.fifo)?$/;

export const sqsTarget: TargetKind = {
  name: 'sqs',
  accepts: (arn) => QUEUE_ARN.test(arn),
  async deliver({ cloud, arn, input, target, ruleArn }) {
    const sqs = cloud.api('sqs');
    const queue = sqs.describe(arn);
    const allowed =
      !queue ||
      resourcePolicyAllows(queue.policy, {
        service: 'events.amazonaws.com',
        action: 'sqs:SendMessage',
        resource: queue.arn,
        sourceArn: ruleArn,
        sourceAccount: cloud.accountId,
      });
    if (!allowed) {
      throw new AwsServiceError(
        'AccessDenied',
        `The queue policy of ${arn} does not let events.amazonaws.com sqs:SendMessage for ${ruleArn}`,
        403,
      );
    }
    // A queue that does not exist is SQS's own QueueDoesNotExist, from the send.
    await sqs.send(arn, input, undefined, { messageGroupId: target?.SqsParameters?.MessageGroupId });
  },
};
