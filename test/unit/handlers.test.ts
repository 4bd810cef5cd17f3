// The ingest flow's handlers against fake SDK clients (objects with `send`) and a fake context:
// every answer of `api` with its exact error body, and `store`'s create-only write.

import { Logger } from '@aws-lambda-powertools/logger';
import { PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ApiDeps, createApiHandler } from '../../src/handlers/api.js';
import { isJsonContentType } from '../../src/handlers/lib/http.js';
import { entrySize, MAX_ENTRY_BYTES, tokensMatch } from '../../src/handlers/lib/ingest.js';
import { InvalidEventError } from '../../src/handlers/lib/store.js';
import { ConfigurationError, createStoreHandler } from '../../src/handlers/store.js';
import {
  accepted,
  bridgeEvent,
  context,
  fakeEventBridge,
  fakeLogger,
  fakeS3,
  httpEvent,
  ID,
  type PutEventsAnswer,
  s3Error,
  TOKEN,
} from '../fixtures/handlerFakes.js';

const jsonHeaders = { token: TOKEN, 'content-type': 'application/json' };

function setup(overrides: Partial<ApiDeps> = {}, answer: PutEventsAnswer = accepted) {
  const eventBridge = fakeEventBridge(answer);
  const logger = fakeLogger();
  const handler = createApiHandler({
    eventBridge,
    logger,
    busName: () => 'faas-ingest-bus',
    expectedToken: async () => TOKEN,
    newId: () => ID,
    ...overrides,
  });
  const call = async (event: APIGatewayProxyEventV2) => {
    const res = (await handler(event, context)) as APIGatewayProxyStructuredResultV2;
    return { status: res.statusCode, body: JSON.parse(res.body ?? 'null') as unknown, headers: res.headers };
  };
  return { eventBridge, logger, call };
}

const error = (code: string, message: string) => ({ error: { code, message } });

describe('api handler', () => {
  it('answers 201 with the posted object plus its id, after putting it on the bus', async () => {
    const { call, eventBridge } = setup();
    const res = await call(httpEvent({ headers: jsonHeaders, body: '{"name":"order","qty":2}' }));
    expect(res).toEqual({
      status: 201,
      body: { name: 'order', qty: 2, id: ID },
      headers: { 'content-type': 'application/json; charset=utf-8' },
    });
    expect(eventBridge.sent).toHaveLength(1);
    expect(eventBridge.sent[0]!.input).toEqual({
      Entries: [
        {
          EventBusName: 'faas-ingest-bus',
          Source: 'faas.api',
          DetailType: 'event.received',
          Detail: JSON.stringify({ name: 'order', qty: 2, id: ID }),
        },
      ],
    });
  });

  it('overwrites a client-sent id with the one it assigns', async () => {
    const { call } = setup();
    const res = await call(httpEvent({ headers: jsonHeaders, body: '{"id":"mine","a":1}' }));
    expect(res.body).toEqual({ id: ID, a: 1 });
  });

  it('uses a random UUID when no id source is injected', async () => {
    const { call } = setup({ newId: undefined });
    const res = await call(httpEvent({ headers: jsonHeaders, body: '{}' }));
    expect((res.body as { id: string }).id).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });

  it('answers 401 without a token header, and calls nothing', async () => {
    const { call, eventBridge } = setup();
    const res = await call(httpEvent({ headers: { 'content-type': 'application/json' }, body: '{}' }));
    expect(res).toMatchObject({ status: 401, body: error('Unauthorized', 'missing token header') });
    expect(eventBridge.sent).toHaveLength(0);
  });

  it('answers 401 for a wrong token, before looking at the content', async () => {
    const { call, eventBridge } = setup();
    for (const token of ['wrong', `${TOKEN}x`, TOKEN.slice(0, -1), TOKEN.toUpperCase()]) {
      const res = await call(httpEvent({ headers: { token, 'content-type': 'text/plain' }, body: 'x' }));
      expect(res).toMatchObject({ status: 401, body: error('Unauthorized', 'invalid token') });
    }
    expect(eventBridge.sent).toHaveLength(0);
  });

  it('finds headers whatever their case', async () => {
    const { call } = setup();
    const res = await call(
      httpEvent({ headers: { Token: TOKEN, 'Content-Type': 'application/json' }, body: '{}' }),
    );
    expect(res.status).toBe(201);
  });

  it.each([
    ['application/json', 201],
    ['application/json; charset=utf-8', 201],
    ['Application/JSON;charset="UTF-8"', 201],
    ['application/json; charset=utf8', 201],
    ['application/json; charset=iso-8859-1', 415],
    ['text/plain', 415],
    ['application/jsonp', 415],
    ['application/x-www-form-urlencoded', 415],
    ['', 415],
  ])('content-type %j → %i', async (contentType, status) => {
    const { call } = setup();
    const res = await call(
      httpEvent({ headers: { token: TOKEN, 'content-type': contentType }, body: '{"a":1}' }),
    );
    expect(res.status).toBe(status);
    if (status === 415) {
      expect(res.body).toEqual(error('UnsupportedMediaType', 'content-type must be application/json'));
    }
  });

  it('answers 415 without a content-type', async () => {
    const { call } = setup();
    const res = await call(httpEvent({ headers: { token: TOKEN }, body: '{}' }));
    expect(res).toMatchObject({
      status: 415,
      body: error('UnsupportedMediaType', 'content-type must be application/json'),
    });
  });

  it.each(['{"a":', 'not json', '', "{'a':1}"])('answers 400 for invalid JSON %j', async (body) => {
    const { call, eventBridge } = setup();
    const res = await call(httpEvent({ headers: jsonHeaders, body }));
    expect(res).toMatchObject({ status: 400, body: error('InvalidJson', 'request body is not valid JSON') });
    expect(eventBridge.sent).toHaveLength(0);
  });

  it('answers 400 for a missing body', async () => {
    const { call } = setup();
    const res = await call(httpEvent({ headers: jsonHeaders }));
    expect(res).toMatchObject({ status: 400, body: error('InvalidJson', 'request body is not valid JSON') });
  });

  it.each(['[{"a":1}]', '[]', 'null', '"text"', '42', 'true'])(
    'answers 400 for the non-object %s',
    async (body) => {
      const { call } = setup();
      const res = await call(httpEvent({ headers: jsonHeaders, body }));
      expect(res).toMatchObject({
        status: 400,
        body: error('InvalidBody', 'request body must be a JSON object'),
      });
    },
  );

  it('decodes a base64-encoded body', async () => {
    const { call } = setup();
    const body = Buffer.from('{"emoji":"✓","n":1}', 'utf8').toString('base64');
    const res = await call(httpEvent({ headers: jsonHeaders, body, isBase64Encoded: true }));
    expect(res).toMatchObject({ status: 201, body: { emoji: '✓', n: 1, id: ID } });
  });

  describe('entry size limit (256 KB as EventBridge counts it)', () => {
    // Source + DetailType + Detail, in UTF-8 bytes; the padding string is the only variable part.
    const overhead =
      'faas.api'.length + 'event.received'.length + JSON.stringify({ data: '', id: ID }).length;

    it('accepts an entry of exactly the limit', async () => {
      const { call } = setup();
      const data = 'x'.repeat(MAX_ENTRY_BYTES - overhead);
      const res = await call(httpEvent({ headers: jsonHeaders, body: JSON.stringify({ data }) }));
      expect(res.status).toBe(201);
    });

    it('answers 413 one byte over, counting bytes not characters', async () => {
      const { call, eventBridge } = setup();
      // 'é' is two bytes in UTF-8: in characters this body is well under the limit.
      const chars = (MAX_ENTRY_BYTES - overhead + 1) / 2;
      expect(Number.isInteger(chars)).toBe(true);
      const res = await call(
        httpEvent({ headers: jsonHeaders, body: JSON.stringify({ data: 'é'.repeat(chars) }) }),
      );
      expect(res).toMatchObject({
        status: 413,
        body: error(
          'PayloadTooLarge',
          `event is ${MAX_ENTRY_BYTES + 1} bytes; the bus accepts at most ${MAX_ENTRY_BYTES}`,
        ),
      });
      expect(eventBridge.sent).toHaveLength(0);
    });
  });

  it('answers 502, never 201, when PutEvents reports the entry failed', async () => {
    const { call, logger } = setup({}, async () => ({
      FailedEntryCount: 1,
      Entries: [{ ErrorCode: 'InternalFailure', ErrorMessage: 'boom' }],
    }));
    const res = await call(httpEvent({ headers: jsonHeaders, body: '{"a":1}' }));
    expect(res).toMatchObject({
      status: 502,
      body: error('EventNotAccepted', 'the event bus did not accept the event (InternalFailure)'),
    });
    expect(logger.records.some((r) => r.level === 'error' && r.message === 'event rejected by the bus')).toBe(
      true,
    );
  });

  it('answers 502 when PutEvents returns no event id', async () => {
    const { call } = setup({}, async () => ({ FailedEntryCount: 0, Entries: [{}] }));
    const res = await call(httpEvent({ headers: jsonHeaders, body: '{"a":1}' }));
    expect(res).toMatchObject({
      status: 502,
      body: error('EventNotAccepted', 'the event bus did not accept the event (no event id returned)'),
    });
  });

  it('answers 502 when the PutEvents call itself fails', async () => {
    const { call } = setup({}, async () => {
      throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
    });
    const res = await call(httpEvent({ headers: jsonHeaders, body: '{"a":1}' }));
    expect(res).toMatchObject({
      status: 502,
      body: error('EventNotAccepted', 'the event bus could not be reached'),
    });
  });

  it('fails closed with 500 when the token or the bus is not configured', async () => {
    for (const overrides of [{ expectedToken: async () => undefined }, { busName: () => undefined }]) {
      const { call, eventBridge } = setup(overrides);
      const res = await call(httpEvent({ headers: jsonHeaders, body: '{}' }));
      expect(res).toMatchObject({
        status: 500,
        body: error('NotConfigured', 'the service is not configured'),
      });
      expect(eventBridge.sent).toHaveLength(0);
    }
  });

  it('never logs the token (fake logger)', async () => {
    const { call, logger } = setup();
    await call(httpEvent({ headers: jsonHeaders, body: '{"a":1}' }));
    await call(
      httpEvent({ headers: { token: `${TOKEN}-wrong`, 'content-type': 'application/json' }, body: '{}' }),
    );
    await call(httpEvent({ headers: { 'content-type': 'application/json' }, body: '{}' }));
    expect(logger.records.length).toBeGreaterThan(0);
    expect(JSON.stringify(logger.records)).not.toContain(TOKEN);
  });

  describe('with the real Powertools logger', () => {
    afterEach(() => {
      vi.restoreAllMocks();
    });

    it('writes structured JSON lines without the token', async () => {
      const lines: string[] = [];
      const capture = (chunk: string | Uint8Array) => {
        lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
        return true;
      };
      vi.spyOn(process.stdout, 'write').mockImplementation(capture);
      vi.spyOn(process.stderr, 'write').mockImplementation(capture);
      const { call } = setup({ logger: new Logger({ serviceName: 'faas-api-test', logLevel: 'INFO' }) });
      await call(httpEvent({ headers: jsonHeaders, body: '{"a":1}' }));
      await call(
        httpEvent({ headers: { token: `${TOKEN}-wrong`, 'content-type': 'application/json' }, body: '{}' }),
      );
      vi.restoreAllMocks();

      const records = lines
        .join('')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(records.map((r) => r['message'])).toEqual(['event accepted', 'request rejected']);
      expect(records[0]).toMatchObject({
        level: 'INFO',
        service: 'faas-api-test',
        eventId: ID,
        function_request_id: 'req-1',
      });
      expect(lines.join('')).not.toContain(TOKEN);
    });
  });
});

describe('ingest helpers', () => {
  it('tokensMatch compares in constant time over hashes, any lengths', () => {
    expect(tokensMatch(TOKEN, TOKEN)).toBe(true);
    expect(tokensMatch('a', 'ab')).toBe(false);
    expect(tokensMatch('', TOKEN)).toBe(false);
  });

  it('entrySize counts Source, DetailType, Detail, Resources and 14 bytes for Time', () => {
    expect(entrySize({ Source: 'ab', DetailType: 'cd', Detail: '{"é":1}' })).toBe(2 + 2 + 8);
    expect(
      entrySize({ Source: 'ab', Time: new Date(0), Resources: ['r1', 'r22'], EventBusName: 'ignored' }),
    ).toBe(14 + 2 + 5);
  });

  it('isJsonContentType accepts only application/json with an optional UTF-8 charset', () => {
    expect(isJsonContentType('application/json; boundary=x')).toBe(true);
    expect(isJsonContentType(undefined)).toBe(false);
    expect(isJsonContentType('application/json; charset=utf-16')).toBe(false);
  });
});

function storeSetup(
  answer: () => Promise<void> = async () => undefined,
  bucket: string | null = 'faas-ingest-events',
) {
  const s3 = fakeS3(answer);
  const logger = fakeLogger();
  const handler = createStoreHandler({ s3, logger, bucketName: () => bucket ?? undefined });
  return { s3, logger, handler };
}

describe('store handler', () => {
  const detail = { name: 'order', qty: 2, id: ID };

  it('writes events/<id>.json create-only with the detail as JSON', async () => {
    const { handler, s3 } = storeSetup();
    await expect(handler(bridgeEvent(detail), context)).resolves.toEqual({
      key: `events/${ID}.json`,
      alreadyStored: false,
    });
    expect(s3.sent).toHaveLength(1);
    expect(s3.sent[0]!.input).toEqual({
      Bucket: 'faas-ingest-events',
      Key: `events/${ID}.json`,
      Body: JSON.stringify(detail),
      ContentType: 'application/json',
      IfNoneMatch: '*',
    });
  });

  it('treats 412 PreconditionFailed as already stored: a redelivery succeeds', async () => {
    const { handler, logger } = storeSetup(async () => {
      throw s3Error('PreconditionFailed', 412);
    });
    await expect(handler(bridgeEvent(detail), context)).resolves.toEqual({
      key: `events/${ID}.json`,
      alreadyStored: true,
    });
    expect(logger.records.map((r) => r.message)).toEqual(['event already stored']);
  });

  it.each([
    ['a 409 ConditionalRequestConflict', () => s3Error('ConditionalRequestConflict', 409)],
    ['a 503 SlowDown', () => s3Error('SlowDown', 503)],
    ['a 403 AccessDenied', () => s3Error('AccessDenied', 403)],
    ['a network error', () => new Error('socket hang up')],
  ])('throws on %s so the async retries apply', async (_label, makeError) => {
    const err = makeError();
    const { handler } = storeSetup(async () => {
      throw err;
    });
    await expect(handler(bridgeEvent(detail), context)).rejects.toBe(err);
  });

  it.each([
    [null, 'event detail is not a JSON object'],
    [[1], 'event detail is not a JSON object'],
    [{ a: 1 }, 'event detail has no valid id'],
    [{ id: '../../etc/passwd' }, 'event detail has no valid id'],
    [{ id: 7 }, 'event detail has no valid id'],
  ])('rejects the detail %j', async (bad, message) => {
    const { handler, s3 } = storeSetup();
    const err = await handler(bridgeEvent(bad), context).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidEventError);
    expect((err as Error).message).toBe(message);
    expect(s3.sent).toHaveLength(0);
  });

  it('throws a ConfigurationError without BUCKET_NAME', async () => {
    const { handler } = storeSetup(undefined, null);
    const err = await handler(bridgeEvent(detail), context).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigurationError);
    expect((err as Error).message).toBe('BUCKET_NAME is not set');
  });
});

it('builds PutEvents/PutObject commands the fakes can inspect', () => {
  // Guard for the fakes above: they read `command.input`, which the SDK commands expose.
  expect(new PutEventsCommand({ Entries: [] }).input).toEqual({ Entries: [] });
  expect(new PutObjectCommand({ Bucket: 'b', Key: 'k' }).input).toEqual({ Bucket: 'b', Key: 'k' });
});
