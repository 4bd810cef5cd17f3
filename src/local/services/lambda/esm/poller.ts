// The poller of one enabled SQS mapping: worker loops that long-poll the queue in-process, gather
// a batch (BatchSize within the batching window) and hand it to processBatch.

import type { Message } from '@aws-sdk/client-sqs';
import type { Cloud } from '../../../cloud.js';
import { AwsServiceError } from '../../../errors.js';
import { type BatchHost, processBatch } from './batch.js';
import { MAX_RECEIVE, type MappingRecord } from './model.js';

/** AWS starts an SQS mapping with five concurrent pollers. */
const DEFAULT_POLLERS = 5;
/** SQS's longest long poll. */
const LONG_POLL_S = 20;
/** Pauses (scaled): an idle worker re-checking its cap, and the backoff after a failed receive. */
const IDLE_MS = 1000;
const ERROR_BACKOFF_MS = 5000;

export interface PollerHost extends BatchHost {
  /** The mapping as stored now (its settings may change while the poller runs). */
  mapping(): MappingRecord | undefined;
  /** The function's reserved concurrency, if it has one. */
  reservedConcurrency(m: MappingRecord): number | undefined;
}

export class SqsPoller {
  private readonly abort = new AbortController();
  private stopped = false;
  private lastError = '';

  constructor(
    private readonly host: PollerHost,
    readonly workers: number,
  ) {}

  static workersFor(m: MappingRecord): number {
    return m.maximumConcurrency ?? DEFAULT_POLLERS;
  }

  start(): void {
    for (let i = 0; i < this.workers; i++) void this.work(i);
  }

  /** No new receives; a batch already received still finishes (unless the cloud is stopping). */
  stop(): void {
    this.stopped = true;
    this.abort.abort();
  }

  private get cloud(): Cloud {
    return this.host.cloud;
  }

  private async work(index: number): Promise<void> {
    while (!this.stopped) {
      const m = this.host.mapping();
      if (!m) return;
      // Reserved concurrency bounds the batches in flight: extra workers wait (0 stops them all).
      const reserved = this.host.reservedConcurrency(m);
      if (reserved !== undefined && index >= reserved) {
        await this.pause(IDLE_MS);
        continue;
      }
      const started = performance.now();
      let batch: Message[];
      try {
        batch = await this.collect(m);
      } catch (e) {
        if (this.stopped) return;
        this.report(e);
        await this.pause(ERROR_BACKOFF_MS);
        continue;
      }
      this.lastError = '';
      if (batch.length === 0) {
        // A long poll that came back empty at once means SQS is going away: do not spin.
        if (performance.now() - started < 5) await this.pause(IDLE_MS);
        continue;
      }
      try {
        await processBatch(this.host, m, batch);
      } catch (e) {
        this.cloud.log(`lambda esm ${m.uuid}: batch failed unexpectedly: ${e}`);
      }
    }
  }

  /** One batch: a long poll for the first messages, then (with a window) more until full or due. */
  private async collect(m: MappingRecord): Promise<Message[]> {
    const sqs = this.cloud.api('sqs');
    const receive = (max: number, signal: AbortSignal) =>
      sqs.receive(m.eventSourceArn, {
        maxMessages: Math.min(MAX_RECEIVE, max),
        waitTimeSeconds: LONG_POLL_S,
        signal,
      });
    const batch = await receive(m.batchSize, this.abort.signal);
    const window = m.maximumBatchingWindowInSeconds;
    if (batch.length === 0 || window === 0 || batch.length >= m.batchSize) return batch;
    // The batching window: keep gathering until the batch is full or the window closes.
    const closing = new AbortController();
    const timer = this.cloud.clock.setTimer(() => closing.abort(), window * 1000);
    const signal = AbortSignal.any([this.abort.signal, closing.signal]);
    try {
      while (batch.length < m.batchSize && !signal.aborted) {
        batch.push(...(await receive(m.batchSize - batch.length, signal)));
      }
    } finally {
      timer.cancel();
    }
    return batch;
  }

  private report(e: unknown): void {
    const why = e instanceof AwsServiceError ? `${e.code}: ${e.message}` : String(e);
    // Log a failing queue once, not on every retry.
    if (why === this.lastError) return;
    this.lastError = why;
    this.cloud.log(`lambda esm ${this.host.mapping()?.uuid ?? '?'}: receive failed (${why}); retrying`);
  }

  /** A scaled pause that ends early when the poller stops. */
  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.stopped) return resolve();
      const timer = this.cloud.clock.setTimer(done, ms);
      const signal = this.abort.signal;
      function done() {
        timer.cancel();
        signal.removeEventListener('abort', done);
        resolve();
      }
      signal.addEventListener('abort', done);
    });
  }
}
