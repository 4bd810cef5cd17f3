// PutBucketNotificationConfiguration's destination check: S3 refuses the whole configuration when
// any destination cannot take its messages, listing each one as ArgumentNameN/ArgumentValueN.

import type { NotificationConfiguration } from '@aws-sdk/client-s3';
import type { Cloud } from '../../cloud.js';
import { resourcePolicyAllows } from '../../engines/resourcePolicy.js';
import { AwsServiceError } from '../../errors.js';

interface Rejection {
  arn: string;
  reason: string;
}

const S3_PRINCIPAL = 's3.amazonaws.com';
const UNABLE = 'Unable to validate the following destination configurations';
const QUEUE_MISSING = 'The destination queue does not exist';
// AWS validates a queue by sending it the s3:TestEvent as S3; a FIFO queue refuses a message
// without MessageGroupId, and S3 reports a refused test message this way.
const QUEUE_REFUSES =
  'Permissions on the destination queue do not allow S3 to publish notifications from this bucket';
// There is no SNS in the local cloud, so no topic can exist.
const TOPIC_MISSING = 'The destination topic does not exist';

/**
 * Throws InvalidArgument naming every destination that cannot be used: a queue that does not
 * exist, is FIFO (S3 publishes to standard queues only) or whose policy does not let
 * s3.amazonaws.com send from this bucket; a function that does not exist or whose policy does not
 * let S3 invoke it for this bucket; a topic (none exist locally). Each distinct ARN is checked once.
 */
export function validateDestinations(cloud: Cloud, bucket: string, conf: NotificationConfiguration): void {
  const rejected: Rejection[] = [];
  const seen = new Set<string>();
  const check = (arn: string, reason: () => Rejection | undefined) => {
    if (seen.has(arn)) return;
    seen.add(arn);
    const why = reason();
    if (why) rejected.push(why);
  };
  const bucketArn = `arn:aws:s3:::${bucket}`;
  for (const q of conf.QueueConfigurations ?? []) {
    const arn = q.QueueArn!;
    check(arn, () => {
      const queue = cloud.api('sqs').describe(arn);
      if (!queue) return { arn, reason: QUEUE_MISSING };
      const allowed = resourcePolicyAllows(queue.policy, {
        service: S3_PRINCIPAL,
        action: 'sqs:SendMessage',
        resource: queue.arn,
        sourceArn: bucketArn,
        sourceAccount: cloud.accountId,
      });
      return queue.fifo || !allowed ? { arn, reason: QUEUE_REFUSES } : undefined;
    });
  }
  for (const f of conf.LambdaFunctionConfigurations ?? []) {
    const arn = f.LambdaFunctionArn!;
    check(arn, () => {
      try {
        cloud.api('lambda').authorize({ functionArn: arn, principal: S3_PRINCIPAL, sourceArn: bucketArn });
        return undefined;
      } catch {
        // AWS answers a missing function and a refused one alike.
        return { arn: `${arn}, null`, reason: `Not authorized to invoke function [${arn}]` };
      }
    });
  }
  for (const t of conf.TopicConfigurations ?? []) {
    const arn = t.TopicArn!;
    check(arn, () => ({ arn, reason: TOPIC_MISSING }));
  }
  if (rejected.length === 0) return;
  const extra: Record<string, string> = {};
  rejected.forEach((r, i) => {
    extra[`ArgumentName${i + 1}`] = r.arn;
    extra[`ArgumentValue${i + 1}`] = r.reason;
  });
  throw new AwsServiceError('InvalidArgument', UNABLE, 400, { extra });
}
