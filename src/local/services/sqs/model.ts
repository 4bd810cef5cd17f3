// The plain-JSON shapes SQS keeps and journals: queues, messages, and the mutation records that
// are applied identically live and on replay after a restart.

/** A message attribute as stored: binary values as base64 text so records stay plain JSON. */
export interface StoredAttribute {
  DataType: string;
  StringValue?: string;
  BinaryValue?: string;
  StringListValues?: string[];
  BinaryListValues?: string[];
}

export interface QueueRecord {
  name: string;
  fifo: boolean;
  /** Settable attributes with their effective (defaulted, normalized) values. */
  attrs: Record<string, string>;
  tags: Record<string, string>;
  /** Epoch milliseconds. */
  created: number;
  modified: number;
}

export interface MessageRecord {
  id: string;
  body: string;
  md5: string;
  attrs?: Record<string, StoredAttribute>;
  md5Attrs?: string;
  /** Message system attributes (AWSTraceHeader). */
  sys?: Record<string, StoredAttribute>;
  md5Sys?: string;
  /** SentTimestamp, epoch ms; retention counts from it, even after a move to a dead-letter queue. */
  sent: number;
  sender: string;
  /** Wall-clock ms at which the message is (again) visible: its delay, then each visibility timeout. */
  visibleAt: number;
  group?: string;
  dedup?: string;
  seq?: string;
  /** Until when (wall-clock ms) the deduplication id blocks duplicates (FIFO). */
  dedupUntil?: number;
  /** ApproximateReceiveCount. */
  count: number;
  firstReceive?: number;
  /** The receipt handle of the latest receive and when that receive happened. */
  handle?: string;
  receivedAt?: number;
  /** DeadLetterQueueSourceArn, once redriven. */
  dlqSource?: string;
}

export interface ReceiveItem {
  id: string;
  /** New receipt handle. */
  h: string;
  /** End of the visibility timeout. */
  v: number;
  /** Receive time. */
  at: number;
}

/** The journal records SQS writes (record type → data). */
export interface SqsRecords {
  createQueue: QueueRecord;
  deleteQueue: { q: string };
  setAttributes: { q: string; attrs: Record<string, string>; modified: number };
  tagQueue: { q: string; tags: Record<string, string> };
  untagQueue: { q: string; keys: string[] };
  send: { q: string; m: MessageRecord[] };
  receive: { q: string; m: ReceiveItem[] };
  delete: { q: string; ids: string[] };
  visibility: { q: string; m: { id: string; v: number }[] };
  /** Moves messages to the dead-letter queue `to`, with fresh sequence numbers there when FIFO. */
  redrive: { q: string; to: string; ids: string[]; seqs?: string[]; at: number; source: string };
  purge: { q: string; at: number };
}

export type SqsRecordType = keyof SqsRecords;
