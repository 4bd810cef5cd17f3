// SQS in memory: queues by name with their attributes and tags (no messages: plans only).
import { QueueDoesNotExist } from '@aws-sdk/client-sqs';
import { type Handlers, sdkError } from './core.js';

export interface FakeQueue {
  attributes: Record<string, string>;
  tags: Record<string, string>;
}

export function sqsHandlers(queues: Map<string, FakeQueue>, region: string, account: string): Handlers {
  const urlOf = (name: string) => `https://sqs.${region}.amazonaws.com/${account}/${name}`;
  const nameOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
  const get = (url: string): FakeQueue => {
    const q = queues.get(nameOf(url));
    if (!q) throw sdkError(QueueDoesNotExist, 'The specified queue does not exist.');
    return q;
  };
  return {
    GetQueueUrl: (i) => {
      if (!queues.has(i.QueueName)) throw sdkError(QueueDoesNotExist, 'The specified queue does not exist.');
      return { QueueUrl: urlOf(i.QueueName) };
    },
    CreateQueue: (i) => {
      if (!queues.has(i.QueueName)) {
        queues.set(i.QueueName, {
          attributes: {
            VisibilityTimeout: '30',
            MessageRetentionPeriod: '345600',
            ...(i.Attributes ?? {}),
            QueueArn: `arn:aws:sqs:${region}:${account}:${i.QueueName}`,
          },
          tags: { ...(i.tags ?? {}) },
        });
      }
      return { QueueUrl: urlOf(i.QueueName) };
    },
    GetQueueAttributes: (i) => ({ Attributes: { ...get(i.QueueUrl).attributes } }),
    SetQueueAttributes: (i) => {
      Object.assign(get(i.QueueUrl).attributes, i.Attributes);
      return {};
    },
    ListQueueTags: (i) => ({ Tags: { ...get(i.QueueUrl).tags } }),
    TagQueue: (i) => {
      Object.assign(get(i.QueueUrl).tags, i.Tags);
      return {};
    },
    UntagQueue: (i) => {
      const q = get(i.QueueUrl);
      for (const k of i.TagKeys) delete q.tags[k];
      return {};
    },
    DeleteQueue: (i) => {
      get(i.QueueUrl);
      queues.delete(nameOf(i.QueueUrl));
      return {};
    },
  };
}
