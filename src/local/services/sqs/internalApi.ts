// The in-process SQS API (see internal.ts), built on the same send/receive/visibility code the
// actions use, so internal traffic gets identical validation, durability and wake-ups.

import type { Cloud } from '../../cloud.js';
import type { SqsInternal } from './internal.js';
import { queueUrl } from './names.js';
import { checkReceiveParams, hasReceivable, receiveMessages } from './receive.js';
import { SendBatch } from './send.js';
import type { SqsStore } from './store.js';
import { commitDeletes, commitVisibility, messageToDelete, visibilityChange } from './visibility.js';

export function sqsInternal(store: SqsStore, cloud: Cloud): SqsInternal {
  return {
    async send(queue, body, attrs, options = {}) {
      const q = store.fromRef(queue);
      const batch = new SendBatch(store, q, options.senderId ?? store.accountId);
      const out = batch.add({
        MessageBody: body,
        MessageAttributes: attrs,
        MessageGroupId: options.messageGroupId,
        MessageDeduplicationId: options.messageDeduplicationId,
        DelaySeconds: options.delaySeconds,
      });
      await batch.commit();
      return {
        messageId: out.MessageId!,
        md5OfMessageBody: out.MD5OfMessageBody!,
        sequenceNumber: out.SequenceNumber,
      };
    },

    receive(queue, options = {}) {
      const q = store.fromRef(queue);
      checkReceiveParams(options.maxMessages, options.waitTimeSeconds, options.visibilityTimeout);
      return receiveMessages(store, q, {
        max: options.maxMessages ?? 1,
        visibilityTimeout: options.visibilityTimeout,
        waitSeconds: options.waitTimeSeconds,
        systemNames: ['All'],
        attributeNames: ['All'],
        signal: options.signal,
      });
    },

    async delete(queue, receiptHandle) {
      const q = store.fromRef(queue);
      const m = messageToDelete(q, receiptHandle, store.time.now());
      if (m) await commitDeletes(store, q, [m]);
    },

    async changeVisibility(queue, receiptHandle, visibilityTimeout) {
      const q = store.fromRef(queue);
      const change = visibilityChange(q, receiptHandle, visibilityTimeout, store.time);
      if (change) await commitVisibility(store, q, [change]);
    },

    async waitForMessages(queue, options = {}) {
      const q = store.fromRef(queue);
      const deadline = store.time.after(options.waitTimeSeconds ?? 20);
      for (;;) {
        if (store.stopped || store.queues.get(q.name) !== q) return false;
        if (hasReceivable(q, store.time.now())) return true;
        if (options.signal?.aborted || store.time.now() >= deadline) return false;
        await q.waiters.wait(deadline, options.signal);
      }
    },

    onMessage(queue, listener) {
      return store.fromRef(queue).waiters.listen(listener);
    },

    describe(queue) {
      let q: ReturnType<SqsStore['fromRef']>;
      try {
        q = store.fromRef(queue);
      } catch {
        return undefined;
      }
      return {
        arn: q.arn,
        url: queueUrl(cloud.endpoint, store.accountId, q.name),
        fifo: q.fifo,
        visibilityTimeout: Number(q.attrs.VisibilityTimeout),
        ...(q.attrs.Policy ? { policy: q.attrs.Policy } : {}),
      };
    },
  };
}
