// The webhook flow end to end, in-process, against the real local cloud: up (ingest + webhook) →
// up again (no mutation) → send webhook across two groups → verify --last (each once, in order) →
// edge cases (no group header, the same id twice, a malformed body) → down leaves nothing.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetApisCommand } from '@aws-sdk/client-apigatewayv2';
import { ListRolesCommand } from '@aws-sdk/client-iam';
import { ListEventSourceMappingsCommand, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { GetQueueUrlCommand, ListQueuesCommand, SendMessageCommand } from '@aws-sdk/client-sqs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AwsClients } from '../../src/aws/clients.js';
import { type LocalCloud, startLocalCloud } from '../../src/local/index.js';
import type { Artifact, ArtifactRequest } from '../../src/provision/artifacts.js';
import { systemClock } from '../../src/provision/clock.js';
import { bundleHandler } from '../../src/release/bundle.js';
import { handlerEntry, packageRoot } from '../../src/release/paths.js';
import { deterministicZip, sha256Base64 } from '../../src/release/zip.js';
import type { LastSend } from '../../src/traffic/lastSend.js';
import { builtArtifact, inProcessCli, localClients } from '../helpers/cliHarness.js';

let local: LocalCloud;
let dir: string;
let clients: AwsClients;
const project = `wh${Math.random().toString(36).slice(2, 10)}`;

/** While set, the webhook function is released with a bug: test/fixtures/poisonWebhook.mjs. */
let poisoned = false;

function artifact(request: ArtifactRequest): Promise<Artifact> {
  if (poisoned && request.function === 'webhook') return poisonedWebhook();
  return builtArtifact(request);
}

/** The real webhook bundle as real.mjs, behind the fixture as index.mjs. */
async function poisonedWebhook(): Promise<Artifact> {
  const root = packageRoot();
  const { code } = await bundleHandler(handlerEntry('webhook', root), { root });
  const wrapper = readFileSync(join(root, 'test', 'fixtures', 'poisonWebhook.mjs'));
  const zip = await deterministicZip([
    { name: 'index.mjs', data: wrapper },
    { name: 'real.mjs', data: code },
  ]);
  return { zip, sha256: sha256Base64(zip) };
}

const sortBySequence = (objects: Array<Record<string, unknown>>) =>
  [...objects].sort((x, y) =>
    BigInt(String(x['sequenceNumber'])) < BigInt(String(y['sequenceNumber'])) ? -1 : 1,
  );

const { faas, counters } = inProcessCli({ cwd: () => dir, overrides: { artifacts: { build: artifact } } });

let apiUrl = '';
const bucket = () => `${project}-ingest-000000000000-us-east-1`;

async function post(
  headers: Record<string, string>,
  body: string,
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${apiUrl}/webhook`, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

/** The stored webhooks of one group, polled until `count` are there (bounded by the test timeout). */
async function stored(group: string, count: number): Promise<Array<Record<string, unknown>>> {
  for (;;) {
    const list = await clients.s3.send(
      new ListObjectsV2Command({ Bucket: bucket(), Prefix: `webhooks/${group}/` }),
    );
    const keys = (list.Contents ?? []).map((o) => o.Key!);
    if (keys.length >= count) {
      return Promise.all(
        keys.map(async (Key) => {
          const res = await clients.s3.send(new GetObjectCommand({ Bucket: bucket(), Key }));
          return JSON.parse(await res.Body!.transformToString()) as Record<string, unknown>;
        }),
      );
    }
    await systemClock.sleep(100);
  }
}

beforeAll(async () => {
  // Visibility timeouts (60 s for the webhook queue) and SQS's 5-minute deduplication window, ×0.02.
  local = await startLocalCloud({ port: 0, ephemeral: true, timeFactor: 0.02 });
  dir = mkdtempSync(join(tmpdir(), 'faas-webhook-'));
  writeFileSync(
    join(dir, '.faasrc.json'),
    JSON.stringify({
      project,
      target: 'local',
      endpoint: local.endpoint,
      flows: { webhook: { maxReceiveCount: 3 } },
    }),
  );
  clients = localClients(local.endpoint);
});

afterAll(async () => {
  await local?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the webhook flow against the local cloud', () => {
  it('deploys queue, dead-letter queue, roles, mapping and routes; a second up changes nothing', async () => {
    const up = await faas('up', '--yes');
    expect(up.err).toEqual([]);
    expect(up.code).toBe(0);
    const endpoint = /POST (http:\/\/\S+)\/events/.exec(up.out.at(-1)!)?.[1];
    expect(endpoint).toBeDefined();
    apiUrl = endpoint!;

    const again = await faas('up');
    expect(again.code).toBe(0);
    expect(again.out).toContain('Nothing to change: everything is up to date.');
    expect(counters.at(-1)!.mutatingCalls()).toEqual([]);
  });

  it('the webhook app answers GET /, /health and /api/{path+} through the HTTP API', async () => {
    const health = await fetch(`${apiUrl}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });
    const api = await fetch(`${apiUrl}/api/a/b?x=1`);
    expect(await api.json()).toEqual({ path: 'a/b', query: { x: '1' } });
    expect((await fetch(`${apiUrl}/`)).status).toBe(200);
  });

  it('sends 20 webhooks across 2 groups; verify --last finds each once, in order per group', async () => {
    const send = await faas('send', 'webhook', '--count', '20', '--group', 'a,b', '--concurrency', '2');
    expect(send.err).toEqual([]);
    expect(send.code).toBe(0);
    expect(send.out[1]).toBe('  accepted 20, failed 0');
    const last = JSON.parse(readFileSync(join(dir, '.faas', 'last-send.json'), 'utf8')) as LastSend;
    expect(last.kind).toBe('webhook');
    expect(last.webhooks).toHaveLength(20);

    const verify = await faas('verify', '--last');
    expect(verify.err).toEqual([]);
    expect(verify.code).toBe(0);
    expect(verify.out.at(-1)).toMatch(
      /^20 webhooks in s3:\/\/.*\/webhooks\/ \(2 groups\): 20 processed, 0 missing, 0 duplicated, 0 groups out of order\.$/,
    );
  });

  it('processes the same webhook id once, and keeps a malformed body as text', async () => {
    const headers = { 'x-webhook-group': 'dup', 'x-webhook-id': `id-${project}` };
    expect((await post(headers, '{"n":1}')).status).toBe(200);
    // Within SQS's 5-minute deduplication window: accepted, but not enqueued again.
    expect((await post(headers, '{"n":1}')).status).toBe(200);
    expect(
      (await post({ 'x-webhook-group': 'dup', 'x-webhook-id': `bad-${project}` }, '{not json')).status,
    ).toBe(200);
    const objects = await stored('dup', 2);
    expect(objects.map((o) => o['id']).sort()).toEqual([`bad-${project}`, `id-${project}`]);
    const bad = objects.find((o) => o['id'] === `bad-${project}`)!;
    expect(bad).toMatchObject({ body: '{not json', bodyIsText: true, group: 'dup' });
  });

  it('a webhook without a group header goes to the default group', async () => {
    const res = await post({ 'x-webhook-id': `nogroup-${project}` }, '{"n":0}');
    expect(res.status).toBe(200);
    const [object] = await stored('default', 1);
    expect(object).toMatchObject({ id: `nogroup-${project}`, group: 'default', body: { n: 0 } });
  });

  it("an over-size body gets 413, with SQS's own error as the body", async () => {
    const res = await post(
      { 'x-webhook-group': 'big', 'x-webhook-id': `big-${project}` },
      'x'.repeat(1024 * 1024 + 1),
    );
    expect(res.status).toBe(413);
    expect(JSON.parse(res.text)).toMatchObject({
      Error: {
        Code: 'InvalidParameterValue',
        Message: 'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.',
      },
    });
    // The mapping goes by status only: SQS's other 400s on this route are 413 too, and say why.
    const empty = await post({ 'x-webhook-group': 'big' }, '');
    expect(empty.status).toBe(413);
    expect(JSON.parse(empty.text)).toMatchObject({ Error: { Code: 'MissingParameter' } });
  });

  it('status shows the queues; dlq list and redrive move a dead letter back, and it is processed', async () => {
    const dlqUrl = (
      await clients.sqs.send(new GetQueueUrlCommand({ QueueName: `${project}-webhook-dlq.fifo` }))
    ).QueueUrl!;
    // As SQS's redrive leaves it: the original group and deduplication id.
    await clients.sqs.send(
      new SendMessageCommand({
        QueueUrl: dlqUrl,
        MessageBody: '{"dead":true}',
        MessageGroupId: 'g',
        MessageDeduplicationId: `dead-${project}`,
      }),
    );
    const status = await faas('status');
    expect(status.code).toBe(0);
    expect(status.out).toContain(`Webhook endpoint: POST ${apiUrl}/webhook`);
    expect(status.out).toContain(`  ${project}-webhook-dlq.fifo: 1 dead-lettered, 0 in flight`);
    // The webhook queue's counts depend on whether the mapping has deleted the last batch yet.
    expect(status.out).toContainEqual(
      expect.stringMatching(new RegExp(`^ {2}${project}-webhook\\.fifo: \\d+ waiting, \\d+ in flight$`)),
    );

    const list = await faas('dlq', 'list');
    expect(list.code).toBe(0);
    expect(list.out[0]).toBe(`1 dead-lettered webhook in ${project}-webhook-dlq.fifo`);
    expect(list.out[1]).toMatch(
      new RegExp(`^ {2}group g {2}id dead-${project} {2}received 1× {2}\\{"dead":true\\}$`),
    );

    const redrive = await faas('dlq', 'redrive');
    expect(redrive.err).toEqual([]);
    expect(redrive.out).toEqual([`Redrove 1 webhook to ${project}-webhook.fifo.`]);
    const [object] = await stored('g', 1);
    expect(object).toMatchObject({ id: `dead-${project}`, group: 'g', body: { dead: true } });
    expect((await faas('dlq', 'list')).out[0]).toBe(
      `0 dead-lettered webhooks in ${project}-webhook-dlq.fifo`,
    );
  });

  it('a poison webhook is dead-lettered after maxReceiveCount; its group goes on, the other was never blocked', async () => {
    poisoned = true;
    const release = await faas('release', 'webhook');
    expect(release.err).toEqual([]);
    expect(release.code).toBe(0);
    const send = async (group: string, n: number, extra: object = {}) =>
      expect(
        (
          await post(
            { 'x-webhook-group': group, 'x-webhook-id': `${group}-${n}` },
            JSON.stringify({ n, ...extra }),
          )
        ).status,
      ).toBe(200);
    await Promise.all([
      (async () => {
        await send('pa', 1);
        await send('pa', 2, { poison: true });
      })(),
      (async () => {
        await send('pb', 1);
        await send('pb', 2);
      })(),
    ]);
    // Sent once the poison has failed: had pa-3 been in the poison's first batch, it would have
    // shared each of its receives and been dead-lettered with it, as on AWS (see the README).
    while (!(await faas('logs', 'webhook', '--since', '5m')).out.some((l) => l.includes('poisoned by')))
      await systemClock.sleep(100);
    await send('pa', 3);
    const a = sortBySequence(await stored('pa', 2));
    expect(a.map((o) => o['id'])).toEqual(['pa-1', 'pa-3']);
    const b = sortBySequence(await stored('pb', 2));
    expect(b.map((o) => o['id'])).toEqual(['pb-1', 'pb-2']);
    // pa-3 waited for the poison's 3 receives (3 visibility timeouts); group pb did not.
    expect(Date.parse(String(b[1]!['receivedAt']))).toBeLessThan(Date.parse(String(a[1]!['receivedAt'])));

    const list = await faas('dlq', 'list');
    expect(list.out[0]).toBe(`1 dead-lettered webhook in ${project}-webhook-dlq.fifo`);
    expect(list.out[1]).toMatch(/^ {2}group pa {2}id pa-2 {2}received \d+× {2}\{"n":2,"poison":true\}$/);

    // The bug fixed and released, the dead letter is redriven and processed.
    poisoned = false;
    expect((await faas('release', 'webhook')).code).toBe(0);
    expect((await faas('dlq', 'redrive')).out).toEqual([`Redrove 1 webhook to ${project}-webhook.fifo.`]);
    expect((await stored('pa', 3)).map((o) => o['id']).sort()).toEqual(['pa-1', 'pa-2', 'pa-3']);
  });

  it('down deletes everything, leaving nothing with the project prefix', async () => {
    const down = await faas('down', '--yes', '--force');
    expect(down.err).toEqual([]);
    expect(down.code).toBe(0);
    expect(await leftovers()).toEqual([]);
  });
});

async function leftovers(): Promise<string[]> {
  const mine = (name: string | undefined) => name?.startsWith(`${project}-`) ?? false;
  const [roles, functions, queues, mappings, apis] = await Promise.all([
    clients.iam.send(new ListRolesCommand({})),
    clients.lambda.send(new ListFunctionsCommand({})),
    clients.sqs.send(new ListQueuesCommand({ QueueNamePrefix: project })),
    clients.lambda.send(new ListEventSourceMappingsCommand({})),
    clients.apigw.send(new GetApisCommand({})),
  ]);
  return [
    ...(roles.Roles ?? []).filter((r) => mine(r.RoleName)).map((r) => `role ${r.RoleName}`),
    ...(functions.Functions ?? [])
      .filter((f) => mine(f.FunctionName))
      .map((f) => `function ${f.FunctionName}`),
    ...(queues.QueueUrls ?? []).map((u) => `queue ${u}`),
    ...(mappings.EventSourceMappings ?? [])
      // Lambda deletes a mapping asynchronously: `Deleting` is what AWS shows until it is gone.
      .filter((m) => m.EventSourceArn?.includes(project) && m.State !== 'Deleting')
      .map((m) => `mapping ${m.UUID} ${m.State}`),
    ...(apis.Items ?? []).filter((a) => mine(a.Name)).map((a) => `httpApi ${a.Name}`),
  ];
}
