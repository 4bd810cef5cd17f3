// SQS GetQueueAttributes: `All` or named attributes, with the message counts computed now.

import type { GetQueueAttributesRequest, GetQueueAttributesResult } from '@aws-sdk/client-sqs';
import type { ActionContext } from '../../../service.js';
import { checkReadableName } from '../attributes.js';
import type { SqsStore } from '../store.js';

export function getQueueAttributes(
  input: GetQueueAttributesRequest,
  ctx: ActionContext<SqsStore>,
): GetQueueAttributesResult {
  const q = ctx.state.fromUrl(input.QueueUrl);
  const names: string[] = input.AttributeNames ?? [];
  for (const n of names) checkReadableName(n);
  if (names.length === 0) return {} satisfies GetQueueAttributesResult;
  const counts = q.counts(ctx.state.time.now());
  const all: Record<string, string> = {
    ...q.attrs,
    ApproximateNumberOfMessages: String(counts.visible),
    ApproximateNumberOfMessagesNotVisible: String(counts.inflight),
    ApproximateNumberOfMessagesDelayed: String(counts.delayed),
    // Epoch seconds, unlike the message timestamps (milliseconds).
    CreatedTimestamp: String(Math.floor(q.record.created / 1000)),
    LastModifiedTimestamp: String(Math.floor(q.record.modified / 1000)),
    QueueArn: q.arn,
  };
  const every = names.includes('All');
  const Attributes: Record<string, string> = {};
  for (const [k, v] of Object.entries(all)) if (every || names.includes(k)) Attributes[k] = v;
  return { Attributes } satisfies GetQueueAttributesResult;
}
