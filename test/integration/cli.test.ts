// The CLI end to end, in-process, against the real local cloud through the real SDK clients:
// up → up again (no mutation) → send → verify → release → changed code → release → rollback →
// logs → down, and nothing with the project's prefix left afterwards.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListEventBusesCommand } from '@aws-sdk/client-eventbridge';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import { GetAliasCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListBucketsCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../src/aws/clients.js';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import type { Artifact, ArtifactRequest } from '../../src/provision/artifacts.js';
import { systemClock } from '../../src/provision/clock.js';
import {
  bundleHandler,
  deterministicZip,
  HANDLER_FILE,
  handlerEntry,
  sha256Base64,
} from '../../src/release/index.js';
import type { LastSend } from '../../src/traffic/lastSend.js';
import { builtArtifact, inProcessCli, localClients } from '../helpers/cliHarness.js';

let local: LocalCloud;
let dir: string;
let clients: AwsClients;
const project = `cli${Math.random().toString(36).slice(2, 10)}`;
const API = `${project}-ingest-api`;
/** When set, the `api` function is built with this comment appended: new bytes, same behaviour. */
let apiEdit: string | undefined;

async function artifact(request: ArtifactRequest): Promise<Artifact> {
  if (request.function === 'api' && apiEdit !== undefined) {
    const { code } = await bundleHandler(handlerEntry('api'));
    const edited = new TextEncoder().encode(`${new TextDecoder().decode(code)}\n// ${apiEdit}\n`);
    const zip = await deterministicZip([{ name: HANDLER_FILE, data: edited }]);
    return { zip, sha256: sha256Base64(zip) };
  }
  return builtArtifact(request);
}

let interrupt: (() => void) | undefined;
let onSleep: (() => void) | undefined;

const { faas, counters } = inProcessCli({
  cwd: () => dir,
  overrides: {
    clock: {
      now: systemClock.now,
      sleep: async (ms) => {
        await systemClock.sleep(ms);
        onSleep?.();
      },
    },
    artifacts: { build: artifact },
    onInterrupt: (listener) => {
      interrupt = listener;
      return () => {
        interrupt = undefined;
      };
    },
  },
});

const liveVersion = async (name: string) =>
  (await clients.lambda.send(new GetAliasCommand({ FunctionName: name, Name: 'live' }))).FunctionVersion;

beforeAll(async () => {
  local = await startLocalCloud({ port: 0, ephemeral: true });
  dir = mkdtempSync(join(tmpdir(), 'faas-cli-'));
  writeFileSync(
    join(dir, '.faasrc.json'),
    JSON.stringify({ project, target: 'local', endpoint: local.endpoint }),
  );
  clients = localClients(local.endpoint);
});

afterAll(async () => {
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('faas against the local cloud', () => {
  it('deploys the pipeline, and a second up makes no mutating call', async () => {
    const up = await faas('up', '--yes');
    expect(up.err).toEqual([]);
    expect(up.code).toBe(0);
    expect(up.out.at(-1)).toMatch(/^Ingest endpoint: POST http:\/\/127\.0\.0\.1:\d+\/.*\/events/);

    const again = await faas('up');
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing to change: everything is up to date.');
    expect(counters.at(-1)!.mutatingCalls()).toEqual([]);
  });

  it('sends 20 events, and verify --last finds each one in S3 as sent', async () => {
    const send = await faas('send', '--count', '20', '--concurrency', '5');
    expect(send.err).toEqual([]);
    expect(send.code).toBe(0);
    expect(send.out[0]).toMatch(/^Sent 20 events to http:\/\/.*\/events in \d+\.\d\d s \(concurrency 5\)$/);
    expect(send.out[1]).toBe('  accepted 20, failed 0');
    expect(send.out[2]).toMatch(/^ {2}\d+\.\d events\/s$/);
    expect(send.out[3]).toMatch(
      /^ {2}latency p50 \d+\.\d ms, p95 \d+\.\d ms, p99 \d+\.\d ms \(max \d+\.\d ms\)$/,
    );
    const last = JSON.parse(readFileSync(join(dir, '.faas', 'last-send.json'), 'utf8')) as LastSend;
    expect(last.project).toBe(project);
    expect(last.records).toHaveLength(20);
    expect(last.records[0]!.body).toMatchObject({ message: 'hello from faas', n: 0 });

    const verify = await faas('verify', '--last', '--timeout', '30s');
    expect(verify.err).toEqual([]);
    expect(verify.code).toBe(0);
    expect(verify.out.at(-1)).toMatch(
      /^20 events in s3:\/\/.*\/events\/: 20 found, 0 missing, 0 different\.$/,
    );
  });

  it('sends one event with --data and verifies it by id', async () => {
    const send = await faas('send', '--data', '{"order":42}');
    expect(send.code).toBe(0);
    expect(send.out).toHaveLength(1);
    const id = send.out[0]!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    const verify = await faas('verify', id, '--verbose');
    expect(verify.code).toBe(0);
    expect(verify.out[1]).toMatch(new RegExp(`^ {2}${id} {2}found$`));
    expect(verify.out.at(-1)).toMatch(
      /: 1 found, 0 missing, 0 different \(ids only: existence and id checked/,
    );

    const unknown = await faas('verify', '00000000-0000-0000-0000-000000000000', '--timeout', '300ms');
    expect(unknown.code).toBe(1);
    expect(unknown.out.at(-1)).toMatch(/: 0 found, 1 missing, 0 different/);
  });

  it('releases nothing when the code is unchanged', async () => {
    const release = await faas('release');
    expect(release.code).toBe(0);
    expect(release.out.slice(1, 4).map((l) => l.replace(/\d+\.\d KB */, 'N KB  '))).toEqual([
      '  FUNCTION  VERSION  ZIP       RESULT',
      '  api       1 → 1    N KB  unchanged',
      '  store     1 → 1    N KB  unchanged',
    ]);
    expect(release.out[4]).toBe('Done: 0 changed, 2 unchanged (0 mutating AWS calls).');
    expect(counters.at(-1)!.mutatingCalls()).toEqual([]);
  });

  it('publishes changed code as a new version behind live, and rolls back', async () => {
    apiEdit = 'release 2';
    const release = await faas('release', 'api');
    expect(release.err).toEqual([]);
    expect(release.code).toBe(0);
    expect(release.out[2]).toMatch(/^ {2}api {7}1 → 2 {4}\d+\.\d KB {2}published$/);
    expect(await liveVersion(API)).toBe('2');
    // No wait here: release waits for the new version to be Active before moving live.
    // The new version serves traffic.
    const sent = await faas('send');
    expect(sent.err).toEqual([]);
    expect(sent.code).toBe(0);

    const rollback = await faas('rollback');
    expect(rollback.code).toBe(0);
    expect(rollback.out.slice(1, 4)).toEqual([
      '  FUNCTION  LIVE   RESULT',
      '  api       2 → 1  rolled back',
      `  store            skipped: live of ${project}-ingest-store (version 1) has no previous version recorded`,
    ]);
    expect(await liveVersion(API)).toBe('1');

    // A second rollback must not roll forward.
    const again = await faas('rollback', 'api');
    expect(again.code).toBe(1);
    expect(again.err).toEqual([
      `Error: live of ${API} (version 1) has no previous version recorded`,
      '  Hint: live was already rolled back from version 2; name a version explicitly to move it again',
    ]);

    // An explicit version moves live anywhere, forward included.
    const forward = await faas('rollback', 'api', '--to', '2');
    expect(forward.code).toBe(0);
    expect(await liveVersion(API)).toBe('2');
  });

  it('prints the functions log lines', async () => {
    const logs = await faas('logs', 'api', '--since', '10m');
    expect(logs.err).toEqual([]);
    expect(logs.code).toBe(0);
    expect(logs.out.length).toBeGreaterThan(0);
    for (const line of logs.out) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z {2}/);
  });

  it('follows the log until Ctrl-C, printing each event once', async () => {
    let polls = 0;
    onSleep = () => {
      polls++;
      if (polls === 2) interrupt?.();
    };
    try {
      const follow = await faas('logs', 'store', '--follow');
      expect(follow.code).toBe(0);
      expect(polls).toBe(2);
      expect(follow.out.length).toBeGreaterThan(0);
      // Two polls over the same events printed each one once: what one plain read prints.
      // (Lines may repeat legitimately — INIT_START of several environments in one millisecond.)
      const plain = await faas('logs', 'store');
      expect(plain.out.slice(0, follow.out.length)).toEqual(follow.out);
    } finally {
      onSleep = undefined;
    }
  });

  it('down deletes everything, leaving nothing with the project prefix', async () => {
    const down = await faas('down', '--yes', '--force');
    expect(down.err).toEqual([]);
    expect(down.code).toBe(0);
    expect(await leftovers()).toEqual([]);

    const send = await faas('send');
    expect(send.code).toBe(1);
    expect(send.err).toEqual([
      `Error: The pipeline ${project} is not deployed: there is no HTTP API named ${project}-ingest-http`,
      '  Hint: Run `faas up` to deploy it.',
    ]);
  });
});

/** Every resource whose name starts with the project, across the services faas uses. */
async function leftovers(): Promise<string[]> {
  const mine = (name: string | undefined) => name?.startsWith(`${project}-`) ?? false;
  const [roles, functions, groups, buses, buckets, apis] = await Promise.all([
    clients.iam.send(new ListRolesCommand({})),
    clients.lambda.send(new ListFunctionsCommand({})),
    clients.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: `/aws/lambda/${project}-` })),
    clients.events.send(new ListEventBusesCommand({ NamePrefix: project })),
    clients.s3.send(new ListBucketsCommand({})),
    clients.apigw.send(new GetApisCommand({})),
  ]);
  return [
    ...(roles.Roles ?? []).filter((r) => mine(r.RoleName)).map((r) => `role ${r.RoleName}`),
    ...(functions.Functions ?? [])
      .filter((f) => mine(f.FunctionName))
      .map((f) => `function ${f.FunctionName}`),
    ...(groups.logGroups ?? []).map((g) => `logGroup ${g.logGroupName}`),
    ...(buses.EventBuses ?? []).filter((b) => mine(b.Name)).map((b) => `bus ${b.Name}`),
    ...(buckets.Buckets ?? []).filter((b) => mine(b.Name)).map((b) => `bucket ${b.Name}`),
    ...(apis.Items ?? []).filter((a) => mine(a.Name)).map((a) => `httpApi ${a.Name}`),
  ];
}
