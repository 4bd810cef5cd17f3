// Reads a function's partial batch response (ReportBatchItemFailures) with AWS's rules: empty or
// null responses and lists mean success; anything malformed fails the whole batch.

export type BatchVerdict =
  | { kind: 'success' }
  /** The whole batch returns to the queue. */
  | { kind: 'failed'; reason: string }
  /** Only these message ids return to the queue. */
  | { kind: 'partial'; ids: Set<string> };

const SUCCESS: BatchVerdict = { kind: 'success' };
const failed = (reason: string): BatchVerdict => ({ kind: 'failed', reason });

const isEmpty = (v: unknown): boolean =>
  v === null ||
  v === '' ||
  (Array.isArray(v) && v.length === 0) ||
  (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);

/**
 * `{ batchItemFailures: [{ itemIdentifier }] }`. Success: no payload, `null`, `""`, `{}`, and a
 * missing, null or empty `batchItemFailures`. Whole-batch failure: invalid JSON, any other shape,
 * or an itemIdentifier that is missing, empty, null or not a message of this batch.
 */
export function readBatchResponse(payload: Buffer, batchIds: ReadonlySet<string>): BatchVerdict {
  const text = payload.toString('utf8').trim();
  if (text === '') return SUCCESS;
  let response: unknown;
  try {
    response = JSON.parse(text);
  } catch {
    return failed('the response is not valid JSON');
  }
  if (isEmpty(response)) return SUCCESS;
  if (typeof response !== 'object' || response === null || Array.isArray(response))
    return failed('the response is not a batch response object');
  const list = (response as { batchItemFailures?: unknown }).batchItemFailures;
  if (list === undefined || list === null || (Array.isArray(list) && list.length === 0)) return SUCCESS;
  if (!Array.isArray(list)) return failed('batchItemFailures is not a list');
  const ids = new Set<string>();
  for (const item of list) {
    const id = (item as { itemIdentifier?: unknown } | null)?.itemIdentifier;
    if (typeof id !== 'string' || id === '') return failed('an itemIdentifier is missing or empty');
    if (!batchIds.has(id)) return failed(`itemIdentifier ${id} is not a message of this batch`);
    ids.add(id);
  }
  return { kind: 'partial', ids };
}
