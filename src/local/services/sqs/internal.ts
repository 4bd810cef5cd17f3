// What SQS offers other services in-process: S3 notifications and EventBridge targets send,
// the Lambda event source mapping poller receives/deletes/changes visibility and waits for
// messages — all without HTTP, with the same validation, durability and errors as the API.

import type { Message, MessageAttributeValue } from '@aws-sdk/client-sqs';

export interface SqsSendOptions {
  /** Required on FIFO queues. */
  messageGroupId?: string;
  /** FIFO: required unless the queue has ContentBasedDeduplication. */
  messageDeduplicationId?: string;
  /** Standard queues only. */
  delaySeconds?: number;
  /** The SenderId receivers see; defaults to the account id. */
  senderId?: string;
}

export interface SqsSendResult {
  messageId: string;
  md5OfMessageBody: string;
  sequenceNumber?: string;
}

export interface SqsReceiveOptions {
  /** 1–10, default 1. */
  maxMessages?: number;
  /** Seconds; default the queue's VisibilityTimeout. */
  visibilityTimeout?: number;
  /** Long poll, 0–20 s (scaled by the time factor like every SQS duration); default the queue's. */
  waitTimeSeconds?: number;
  /** Ends a long poll early (an event source mapping being disabled). */
  signal?: AbortSignal;
}

export interface SqsQueueInfo {
  arn: string;
  url: string;
  fifo: boolean;
  /** Seconds. */
  visibilityTimeout: number;
  /** The queue's resource policy (its Policy attribute), for services checking they may send. */
  policy?: string;
}

export interface SqsInternal {
  /**
   * Sends one message durably (resolves once on disk). `queue` is an ARN or a queue URL. Rejects
   * with the AwsServiceError the API would answer (QueueDoesNotExist, InvalidParameterValue…).
   */
  send(
    queue: string,
    body: string,
    attrs?: Record<string, MessageAttributeValue>,
    options?: SqsSendOptions,
  ): Promise<SqsSendResult>;
  /** Receives like ReceiveMessage with every system and message attribute included. */
  receive(queue: string, options?: SqsReceiveOptions): Promise<Message[]>;
  /** Deletes by receipt handle (ReceiptHandleIsInvalid for a foreign or malformed handle). */
  delete(queue: string, receiptHandle: string): Promise<void>;
  /** ChangeMessageVisibility: 0 makes the message visible again at once. */
  changeVisibility(queue: string, receiptHandle: string, visibilityTimeout: number): Promise<void>;
  /**
   * Resolves true as soon as a receive would return a message (at once if one is waiting), false
   * when `waitTimeSeconds` (default 20, scaled) passes or `signal` aborts first.
   */
  waitForMessages(
    queue: string,
    options?: { waitTimeSeconds?: number; signal?: AbortSignal },
  ): Promise<boolean>;
  /**
   * Calls `listener` whenever messages may have become available on the queue (a send, a
   * visibility timeout or delay ending); returns the unsubscribe function.
   */
  onMessage(queue: string, listener: () => void): () => void;
  /** The queue's identity and settings, or undefined when it does not exist. */
  describe(queue: string): SqsQueueInfo | undefined;
}

declare module '../../cloud.js' {
  interface InternalApis {
    sqs: SqsInternal;
  }
}
