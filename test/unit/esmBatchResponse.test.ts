// AWS's partial batch response contract for SQS event source mappings, case by case.

import { describe, expect, it } from 'vitest';
import { readBatchResponse } from '../../src/local/services/lambda/esm/batchResult.js';

const ids = new Set(['m1', 'm2']);
const read = (payload: string) => readBatchResponse(Buffer.from(payload), ids);

describe('readBatchResponse', () => {
  it.each([
    ['no payload', ''],
    ['null', 'null'],
    ['an empty string', '""'],
    ['an empty object', '{}'],
    ['an empty list', '[]'],
    ['a null batchItemFailures', '{"batchItemFailures":null}'],
    ['an empty batchItemFailures', '{"batchItemFailures":[]}'],
    ['other members only', '{"ok":true}'],
  ])('treats %s as complete success', (_, payload) => {
    expect(read(payload)).toEqual({ kind: 'success' });
  });

  it('returns the reported ids', () => {
    expect(read('{"batchItemFailures":[{"itemIdentifier":"m2"},{"itemIdentifier":"m2"}]}')).toEqual({
      kind: 'partial',
      ids: new Set(['m2']),
    });
  });

  it.each([
    ['invalid JSON', '{"batchItemFailures":'],
    ['a string', '"done"'],
    ['a number', '42'],
    ['a non-empty list', '[{"itemIdentifier":"m1"}]'],
    ['batchItemFailures not a list', '{"batchItemFailures":{"itemIdentifier":"m1"}}'],
    ['an empty itemIdentifier', '{"batchItemFailures":[{"itemIdentifier":""}]}'],
    ['a null itemIdentifier', '{"batchItemFailures":[{"itemIdentifier":null}]}'],
    ['a bad key name', '{"batchItemFailures":[{"itemId":"m1"}]}'],
    ['an id not in the batch', '{"batchItemFailures":[{"itemIdentifier":"m9"}]}'],
    ['a non-object item', '{"batchItemFailures":["m1"]}'],
  ])('fails the whole batch on %s', (_, payload) => {
    expect(read(payload).kind).toBe('failed');
  });
});
