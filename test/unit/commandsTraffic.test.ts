// `faas send`, `faas verify` and `faas logs` in-process over the fake AWS: the exact error for each
// bad input (refused before any AWS call where it can be), and what the commands print.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCanary, parseDuration, parsePositiveInt } from '../../src/cli/parse.js';
import { main } from '../../src/cli.js';
import { failureLines, sendReport, summaryLines } from '../../src/commands/send.js';
import { FaasError } from '../../src/errors.js';
import { writeLastSend } from '../../src/traffic/lastSend.js';
import type { SendResult } from '../../src/traffic/send.js';
import { type Harness, harness } from './fake/harness.js';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.cleanup());

const run = (...args: string[]) => main(['node', 'faas', ...args], h.deps);
const BUCKET = 'demo-ingest-123456789012-eu-west-1';
const NOT_DEPLOYED_HINT = '  Hint: Run `faas up` to deploy it.';

async function deployed(): Promise<void> {
  expect(await run('up', '--yes')).toBe(0);
  h.out.length = 0;
  h.err.length = 0;
}

const jsonError = (text: string): string => {
  try {
    JSON.parse(text);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error(`${text} parsed`);
};

describe('faas send: bad input', () => {
  it('reports invalid JSON in --data with the parser problem, before any call', async () => {
    expect(await run('send', '--data', '{oops')).toBe(2);
    expect(h.err).toEqual([`Error: --data is not valid JSON: ${jsonError('{oops')}`]);
    expect(h.fake.log).toEqual([]);
  });

  it.each([
    ['[1,2]', 'an array'],
    ['"text"', 'a string'],
    ['42', 'a number'],
    ['null', 'null'],
  ])('refuses --data %s: not a JSON object', async (data, got) => {
    expect(await run('send', '--data', data)).toBe(2);
    expect(h.err).toEqual([
      `Error: --data must be a JSON object, got ${got}`,
      `  Hint: e.g. --data '{"message":"hi"}'`,
    ]);
    expect(h.fake.log).toEqual([]);
  });

  it('names the path of a missing --file', async () => {
    expect(await run('send', '--file', 'events/missing.json')).toBe(1);
    expect(h.err).toEqual([
      `Error: No such file: ${h.dir}/events/missing.json`,
      '  Hint: Check the path given to --file (relative paths start from the current directory).',
    ]);
    expect(h.fake.log).toEqual([]);
  });

  it('checks the JSON of --file too', async () => {
    writeFileSync(join(h.dir, 'event.json'), '{"a": 1,}');
    expect(await run('send', '--file', 'event.json')).toBe(2);
    expect(h.err).toEqual([`Error: ${h.dir}/event.json is not valid JSON: ${jsonError('{"a": 1,}')}`]);
  });

  it('takes --data or --file, not both', async () => {
    expect(await run('send', '--data', '{}', '--file', 'x.json')).toBe(2);
    expect(h.err).toEqual(['Error: use either --data or --file, not both']);
  });

  it.each([
    ['--count', '0'],
    ['--count', 'ten'],
    ['--concurrency', '-1'],
    ['--concurrency', '2.5'],
  ])('refuses %s %s', async (option, value) => {
    expect(await run('send', option, value)).toBe(2);
    expect(h.err).toEqual([`Error: ${option} must be a positive integer, got "${value}"`]);
    expect(h.fake.log).toEqual([]);
  });

  it.each([
    ['a b', 'a b'],
    ['a,', ''],
    ['x'.repeat(127), 'x'.repeat(127)],
  ])('refuses webhook group(s) %s', async (groups, bad) => {
    expect(await run('send', 'webhook', '--group', groups)).toBe(2);
    expect(h.err).toEqual([
      `Error: --group "${bad}" is not a valid webhook group: use 1-126 printable ASCII characters, no spaces`,
    ]);
    expect(h.fake.log).toEqual([]);
  });

  it.each([[['send', 'webhook']], [['dlq', 'list']], [['dlq', 'redrive']]])(
    '%j says the webhook flow is not enabled in the configuration',
    async (args) => {
      expect(await run(...args)).toBe(1);
      expect(h.err).toEqual([
        `Error: The webhook flow is not enabled in ${h.dir}/.faasrc.json`,
        '  Hint: Add "flows": { "webhook": {} } to it, then run `faas up` to deploy the flow.',
      ]);
      // Nothing but the identity check that opens every session.
      expect(h.fake.log).toEqual(['GetCallerIdentityCommand']);
    },
  );

  it('says the pipeline is not deployed when there is no HTTP API', async () => {
    expect(await run('send')).toBe(1);
    expect(h.err).toEqual([
      'Error: The pipeline demo is not deployed: there is no HTTP API named demo-ingest-http',
      NOT_DEPLOYED_HINT,
    ]);
  });

  it('never generates a token: without one it says to run faas up', async () => {
    await deployed();
    rmSync(join(h.dir, '.faas', 'secrets.json'));
    expect(await run('send')).toBe(1);
    expect(h.err).toEqual([
      'Error: No ingest token for demo',
      '  Hint: Run `faas up`: it generates one into .faas/secrets.json (or set FAAS_TOKEN to the deployed one).',
    ]);
    expect(h.lastCounter().mutations).toBe(0);
  });
});

describe('faas send: the --count report', () => {
  const result: SendResult = {
    sent: 20,
    accepted: Array.from({ length: 17 }, (_, i) => ({ id: `id-${i}`, body: { n: i } })),
    failures: [
      { index: 3, status: 401, message: 'Unauthorized: invalid token' },
      { index: 7, status: 0, message: 'socket hang up' },
      { index: 9, status: 401, message: 'Unauthorized: invalid token' },
    ],
    durationMs: 812.345,
    eventsPerSecond: 24.6201,
    latencyMs: { p50: 12.3456, p95: 30.01, p99: 41.5, max: 44.75 },
  };

  it('prints counts, throughput and latency percentiles', () => {
    expect(summaryLines('http://x/events', 5, result, '/p/.faas/last-send.json')).toEqual([
      'Sent 20 events to http://x/events in 0.81 s (concurrency 5)',
      '  accepted 17, failed 3',
      '  24.6 events/s',
      '  latency p50 12.3 ms, p95 30.0 ms, p99 41.5 ms (max 44.8 ms)',
      'Recorded 17 ids in /p/.faas/last-send.json: `faas verify --last` checks them in S3.',
    ]);
  });

  it('groups failures by what the API said, most frequent first', () => {
    expect(failureLines(result.failures)).toEqual([
      'Failed: 2 × HTTP 401 Unauthorized: invalid token',
      'Failed: 1 × network error: socket hang up',
    ]);
  });

  it('reports JSON with rounded numbers and the ids', () => {
    const report = sendReport('http://x/events', 5, result);
    expect(report).toMatchObject({
      sent: 20,
      accepted: 17,
      failed: 3,
      durationMs: 812.35,
      eventsPerSecond: 24.62,
      latencyMs: { p50: 12.35, p95: 30.01, p99: 41.5, max: 44.75 },
    });
    expect(report.ids).toHaveLength(17);
  });
});

describe('faas verify', () => {
  const stateDir = () => join(h.dir, '.faas');
  const put = (id: string, body: unknown) =>
    h.fake.buckets.get(BUCKET)!.objects.set(`events/${id}.json`, JSON.stringify(body));
  const lastSend = (records: Array<{ id: string; body: Record<string, unknown> }>, project = 'demo') =>
    writeLastSend(stateDir(), { project, apiUrl: 'https://x/events', sentAt: 'now', records });

  it('without a previous send, says so and how to give ids', async () => {
    expect(await run('verify')).toBe(1);
    expect(h.err).toEqual([
      `Error: There is no previous send to verify (${h.dir}/.faas/last-send.json does not exist).`,
      '  Hint: Run `faas send` first, or pass the ids to check: `faas verify <id>…`.',
    ]);
    h.err.length = 0;
    expect(await run('verify', '--last')).toBe(1);
    expect(h.err[0]).toMatch(/^Error: There is no previous send to verify/);
  });

  it.each(['30', '30 sec', '-1s', 'soon', ''])('refuses --timeout "%s"', async (value) => {
    expect(await run('verify', '--timeout', value)).toBe(2);
    expect(h.err).toEqual([
      `Error: --timeout must be a duration such as 500ms, 30s, 2m or 1h, got "${value}"`,
      '  Hint: Write a number followed by a unit: ms, s, m, h or d.',
    ]);
    expect(h.fake.log).toEqual([]);
  });

  it('takes ids or --last, not both', async () => {
    expect(await run('verify', 'abc', '--last')).toBe(2);
    expect(h.err).toEqual(['Error: give either event ids or --last, not both']);
  });

  it('counts found, missing and different, waiting up to the timeout, and exits 1', async () => {
    await deployed();
    await lastSend([
      { id: 'a', body: { x: 1 } },
      { id: 'b', body: { x: 2 } },
      { id: 'c', body: { x: 3 } },
    ]);
    put('a', { x: 1, id: 'a' });
    put('b', { x: 999, id: 'b' });
    expect(await run('verify', '--timeout', '1s', '--verbose')).toBe(1);
    expect(h.out).toEqual([
      '  ID  STATE      STORED',
      '  a   found',
      '  b   different  {"x":999,"id":"b"}',
      '  c   missing',
      `3 events in s3://${BUCKET}/events/: 1 found, 1 missing, 1 different.`,
    ]);
    expect(h.err).toEqual(['Missing after waiting 1s.']);
    // Polled with the injected clock, never past the timeout.
    expect(h.sleeps.reduce((a, b) => a + b, 0)).toBe(1000);
  });

  it('finds an event that lands while it waits, and exits 0', async () => {
    await deployed();
    await lastSend([{ id: 'late', body: { x: 1 } }]);
    h.onSleep = () => put('late', { x: 1, id: 'late' });
    expect(await run('verify')).toBe(0);
    expect(h.out).toEqual([`1 event in s3://${BUCKET}/events/: 1 found, 0 missing, 0 different.`]);
  });

  it('checks bare ids for existence and id only, and says so', async () => {
    await deployed();
    put('a', { anything: true, id: 'a' });
    put('b', { id: 'not-b' });
    expect(await run('verify', 'a', 'b', '--json')).toBe(1);
    expect(JSON.parse(h.out.join('\n'))).toEqual({
      bucket: BUCKET,
      timeoutMs: 30_000,
      bodiesCompared: false,
      found: 1,
      missing: 0,
      different: 1,
      events: [
        { id: 'a', state: 'found' },
        { id: 'b', state: 'different', actual: { id: 'not-b' } },
      ],
      database: null,
    });
    h.out.length = 0;
    expect(await run('verify', 'a')).toBe(0);
    expect(h.out).toEqual([
      `1 event in s3://${BUCKET}/events/: 1 found, 0 missing, 0 different (ids only: existence and id checked, not the body).`,
    ]);
  });

  it('says the pipeline is not deployed when the bucket is missing', async () => {
    expect(await run('verify', 'a')).toBe(1);
    expect(h.err).toEqual([
      `Error: The pipeline demo is not deployed: there is no bucket ${BUCKET}`,
      NOT_DEPLOYED_HINT,
    ]);
  });

  it("refuses another project's last send", async () => {
    mkdirSync(stateDir(), { recursive: true });
    await lastSend([{ id: 'a', body: {} }], 'other');
    expect(await run('verify')).toBe(1);
    expect(h.err).toEqual([
      'Error: The last send was to project other, not demo',
      '  Hint: Pass --project other, or run `faas send` for demo first.',
    ]);
  });
});

describe('faas logs', () => {
  const GROUP = '/aws/lambda/demo-ingest-api';
  const NOW = 1_000_000; // the harness clock's start
  const at = (ms: number) => new Date(ms).toISOString();
  const event = (id: string, timestamp: number, message: string) => ({ eventId: id, timestamp, message });

  it('prints "timestamp  message" since --since, following every page', async () => {
    await deployed();
    h.fake.logGroups.get(GROUP)!.events = [
      event('old', NOW - 700_000, 'too old'),
      event('1', NOW - 5_000, 'START RequestId: r1\n'),
      event('2', NOW - 4_000, '{"level":"INFO","message":"event accepted"}'),
      event('3', NOW - 3_000, 'END RequestId: r1'),
    ];
    expect(await run('logs', 'api')).toBe(0);
    expect(h.out).toEqual([
      `${at(NOW - 5_000)}  START RequestId: r1`,
      `${at(NOW - 4_000)}  {"level":"INFO","message":"event accepted"}`,
      `${at(NOW - 3_000)}  END RequestId: r1`,
    ]);
    h.out.length = 0;
    expect(await run('logs', 'api', '--since', '1h', '--filter', 'RequestId')).toBe(0);
    // An hour back reaches the old event, which the filter then leaves out.
    expect(h.out).toEqual([
      `${at(NOW - 5_000)}  START RequestId: r1`,
      `${at(NOW - 3_000)}  END RequestId: r1`,
    ]);
  });

  it('follows new events every second until Ctrl-C, printing each once', async () => {
    await deployed();
    const events = [event('1', NOW - 2_000, 'one'), event('2', NOW - 1_000, 'two')];
    h.fake.logGroups.get(GROUP)!.events = events;
    h.onSleep = () => {
      if (h.sleeps.length === 1) {
        // Same millisecond as the newest printed one, and a later one.
        events.push(event('3', NOW - 1_000, 'three'), event('4', NOW + 500, 'four'));
      } else {
        h.interrupt();
      }
    };
    expect(await run('logs', 'api', '--follow')).toBe(0);
    expect(h.out).toEqual([
      `${at(NOW - 2_000)}  one`,
      `${at(NOW - 1_000)}  two`,
      `${at(NOW - 1_000)}  three`,
      `${at(NOW + 500)}  four`,
    ]);
    expect(h.sleeps).toEqual([1_000, 1_000]);
  });

  it('names the known functions for an unknown one, as release does', async () => {
    await deployed();
    expect(await run('logs', 'db')).toBe(1);
    expect(h.err).toEqual([`Error: Unknown function "db": the pipeline's functions are api, store`]);
  });

  it('needs a function, and a valid --since', async () => {
    expect(await run('logs')).toBe(2);
    expect(h.err[0]).toBe("error: missing required argument 'function'");
    h.err.length = 0;
    expect(await run('logs', 'api', '--since', 'yesterday')).toBe(2);
    expect(h.err[0]).toBe('Error: --since must be a duration such as 500ms, 30s, 2m or 1h, got "yesterday"');
  });

  it('says the pipeline is not deployed when the log group is missing', async () => {
    expect(await run('logs', 'store')).toBe(1);
    expect(h.err).toEqual([
      'Error: The pipeline demo is not deployed: there is no log group /aws/lambda/demo-ingest-store',
      NOT_DEPLOYED_HINT,
    ]);
  });
});

describe('option parsers', () => {
  it('parses durations with a unit', () => {
    expect(parseDuration('500ms', '--x')).toBe(500);
    expect(parseDuration('30s', '--x')).toBe(30_000);
    expect(parseDuration('2m', '--x')).toBe(120_000);
    expect(parseDuration('1.5h', '--x')).toBe(5_400_000);
    expect(parseDuration('1d', '--x')).toBe(86_400_000);
    expect(parseDuration('0s', '--x')).toBe(0);
    expect(() => parseDuration('5', '--x')).toThrow(FaasError);
  });

  it('parses positive integers and canary percentages', () => {
    expect(parsePositiveInt('20', '--count')).toBe(20);
    expect(() => parsePositiveInt('1e3', '--count')).toThrow('--count must be a positive integer, got "1e3"');
    expect(parseCanary(undefined)).toBeUndefined();
    expect(parseCanary('12.5')).toBe(12.5);
    expect(parseCanary('99%')).toBe(99);
  });
});
