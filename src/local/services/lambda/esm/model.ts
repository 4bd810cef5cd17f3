// The stored shape of an event source mapping (plain JSON for the journal) and its states: AWS
// answers Create/Update/Delete with a transitional state that settles shortly after.

/** Settled states a poller acts on, and the transitional ones AWS reports meanwhile. */
export type MappingState =
  | 'Creating'
  | 'Enabling'
  | 'Enabled'
  | 'Disabling'
  | 'Disabled'
  | 'Updating'
  | 'Deleting';

export interface MappingRecord {
  uuid: string;
  /** The function as the caller named it, qualified or not (AWS echoes the qualifier back). */
  functionName: string;
  qualifier?: string;
  eventSourceArn: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  /** Filter patterns as given (JSON text); an empty list means no filtering. */
  filters: string[];
  functionResponseTypes: string[];
  maximumConcurrency?: number;
  /** What the user asked for; `state` follows it once the transition settles. */
  enabled: boolean;
  state: MappingState;
  /** Epoch ms. */
  lastModified: number;
}

/** States in which Update and Delete answer ResourceInUseException. */
export const TRANSITIONAL: ReadonlySet<MappingState> = new Set([
  'Creating',
  'Enabling',
  'Disabling',
  'Updating',
  'Deleting',
]);

export const mappingArn = (region: string, accountId: string, uuid: string): string =>
  `arn:aws:lambda:${region}:${accountId}:event-source-mapping:${uuid}`;

/** SQS's default batch, and the most one FIFO batch (or one ReceiveMessage) may carry. */
export const DEFAULT_BATCH_SIZE = 10;
export const MAX_RECEIVE = 10;

export const reportsBatchItemFailures = (m: MappingRecord): boolean =>
  m.functionResponseTypes.includes('ReportBatchItemFailures');
