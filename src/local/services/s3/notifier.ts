// Delivers bucket notifications in-process: SQS queues get the message through the durable
// internal send, Lambda functions through the durable async queue as `s3.amazonaws.com`. Each
// object event is journalled as pending before the request is answered and done once handed
// over, so a kill -9 in between redelivers it at the next start (at least once, as S3 does).

import { randomUUID } from 'node:crypto';
import type { NotificationConfiguration } from '@aws-sdk/client-s3';
import type { Cloud } from '../../cloud.js';
import { bucketArn } from './buckets.js';
import {
  configurationMatches,
  eventMessage,
  type ObjectEvent,
  S3_PRINCIPAL,
  testEventMessage,
} from './notifications.js';
import type { PendingNotification, S3State } from './state.js';

/** One message handed to a destination, with how it went. */
export interface NotificationDelivery {
  bucket: string;
  destinationArn: string;
  /** `s3:ObjectCreated:Put`…, or `s3:TestEvent` for the message sent when a configuration is set. */
  eventName: string;
  body: string;
  /** `pending` until the destination has accepted the message (durably) or refused it. */
  outcome: 'pending' | 'delivered' | 'failed';
  /** Why a failed delivery failed (`QueueDoesNotExist: …`). */
  reason?: string;
}

const RECENT_LIMIT = 1000;

const describe = (e: unknown): string =>
  e instanceof Error ? `${(e as { code?: string }).code ?? e.name}: ${e.message}` : String(e);

export class Notifier {
  /** The latest deliveries, newest last, for inspection (status, tests). */
  readonly recent: NotificationDelivery[] = [];
  /** The last sequencer handed out: sequencers only grow, so events on one key sort in order. */
  private lastSequencer = 0;

  constructor(
    private readonly cloud: Cloud,
    private readonly store: S3State,
  ) {}

  /**
   * Called once an object change is committed. Fire and forget: a delivery never delays or fails
   * the request that caused it, and one that fails is logged and dropped, as S3 does.
   */
  notify(bucket: string, event: ObjectEvent): void {
    const rec = this.store.buckets.get(bucket)?.rec;
    const conf = rec?.notification;
    if (!rec || !conf) return;
    // One sequencer per event: every destination sees the same value for the same change.
    this.lastSequencer = Math.max(event.time * 1000, this.lastSequencer + 1);
    const sequencer = this.lastSequencer.toString(16).toUpperCase().padStart(18, '0');
    const eventName = `s3:${event.name}`;
    const message = (id: string | undefined) =>
      eventMessage(bucket, event, id ?? '', rec.region, `AWS:${this.cloud.accountId}`, sequencer);
    for (const q of conf.QueueConfigurations ?? []) {
      if (!configurationMatches(q, event)) continue;
      this.accept({ bucket, destinationArn: q.QueueArn!, kind: 'queue', eventName, body: message(q.Id) });
    }
    for (const f of conf.LambdaFunctionConfigurations ?? []) {
      if (!configurationMatches(f, event)) continue;
      this.accept({
        bucket,
        destinationArn: f.LambdaFunctionArn!,
        kind: 'function',
        eventName,
        body: message(f.Id),
      });
    }
    for (const t of conf.TopicConfigurations ?? []) {
      if (!configurationMatches(t, event)) continue;
      // Only stored with SkipDestinationValidation: the local cloud has no SNS to publish to.
      const delivery = this.record(bucket, t.TopicArn!, eventName, message(t.Id));
      this.settle(delivery, new Error('the local cloud has no SNS service'));
    }
  }

  /** Delivers what a stopped or killed cloud had accepted and not handed over (after replay). */
  redeliverPending(): void {
    for (const pending of this.store.pendingNotifications.values()) this.deliver(pending);
  }

  /** Journals the notification (written at once, synced with the turn's group commit), then delivers. */
  private accept(notification: Omit<PendingNotification, 'id'>): void {
    const pending = { id: randomUUID(), ...notification };
    this.cloud.persistence.commit('s3', 'notify.pending', pending).catch((e: unknown) => {
      this.cloud.log(`s3: could not journal notification ${pending.id}: ${describe(e)}`);
    });
    this.deliver(pending);
  }

  private deliver(pending: PendingNotification): void {
    const delivery = this.record(pending.bucket, pending.destinationArn, pending.eventName, pending.body);
    const handedOver = pending.kind === 'queue' ? this.toQueue(delivery) : this.toFunction(delivery);
    void handedOver.then(() =>
      this.cloud.persistence.commit('s3', 'notify.done', { id: pending.id }).catch((e: unknown) => {
        this.cloud.log(`s3: could not journal notification ${pending.id} as done: ${describe(e)}`);
      }),
    );
  }

  /**
   * S3 sends each queue destination an `s3:TestEvent` when a configuration is put (Lambda
   * destinations get none). Resolves once every queue has answered; never rejects.
   */
  async testEvent(bucket: string, conf: NotificationConfiguration, requestId: string): Promise<void> {
    const queues = new Set((conf.QueueConfigurations ?? []).map((q) => q.QueueArn!));
    const body = testEventMessage(bucket, this.cloud.clock.now(), requestId);
    await Promise.all([...queues].map((arn) => this.toQueue(this.record(bucket, arn, 's3:TestEvent', body))));
  }

  private record(
    bucket: string,
    destinationArn: string,
    eventName: string,
    body: string,
  ): NotificationDelivery {
    const delivery: NotificationDelivery = { bucket, destinationArn, eventName, body, outcome: 'pending' };
    this.recent.push(delivery);
    if (this.recent.length > RECENT_LIMIT) this.recent.shift();
    return delivery;
  }

  // SqsInternal.send resolves once the message is on disk; a queue deleted since the
  // configuration was set rejects with QueueDoesNotExist, a FIFO queue with MissingParameter.
  private async toQueue(delivery: NotificationDelivery): Promise<void> {
    try {
      await this.cloud.api('sqs').send(delivery.destinationArn, delivery.body);
      this.settle(delivery);
    } catch (e) {
      this.settle(delivery, e);
    }
  }

  // An asynchronous invocation, checked against the function's resource policy for S3 and this
  // bucket (AddPermission with Principal s3.amazonaws.com and the bucket ARN as SourceArn).
  private async toFunction(delivery: NotificationDelivery): Promise<void> {
    try {
      await this.cloud.api('lambda').invokeAsync({
        functionArn: delivery.destinationArn,
        payload: Buffer.from(delivery.body),
        principal: S3_PRINCIPAL,
        sourceArn: bucketArn(delivery.bucket),
      });
      this.settle(delivery);
    } catch (e) {
      this.settle(delivery, e);
    }
  }

  private settle(delivery: NotificationDelivery, error?: unknown): void {
    if (error === undefined) {
      delivery.outcome = 'delivered';
      return;
    }
    delivery.outcome = 'failed';
    delivery.reason = describe(error);
    this.cloud.log(
      `s3: notification ${delivery.eventName} from bucket ${delivery.bucket} to ${delivery.destinationArn} dropped: ${delivery.reason}`,
    );
  }
}
