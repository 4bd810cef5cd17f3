// Issue 5: the local cloud, a real process, killed with kill -9 in the middle of
// `faas send webhook --count 500` → after a restart on the same data dir and port, every webhook
// that got a 200 is processed exactly once, in send order per group (`faas verify --last`).
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemClock } from '../../src/provision/clock.js';
import type { LastSend } from '../../src/traffic/lastSend.js';
import { inProcessCli, localClients } from '../helpers/cliHarness.js';
import { type LocalProcess, spawnLocalCloud } from '../helpers/localProcess.js';

const COUNT = 500;
const root = mkdtempSync(join(tmpdir(), 'faas-webhook-crash-'));
const dataDir = join(root, 'data');
const dir = join(root, 'project');
const project = `whc${Math.random().toString(36).slice(2, 10)}`;
const bucket = `${project}-ingest-000000000000-us-east-1`;
let proc: LocalProcess | undefined;
/** Each run has its own output: the send runs alongside other commands. */
const { faas } = inProcessCli({ cwd: () => dir });

/** How many webhook objects the processor has stored so far (a sign the send is under way). */
async function storedCount(endpoint: string): Promise<number> {
  const { s3 } = localClients(endpoint);
  let n = 0;
  let token: string | undefined;
  do {
    const page = await s3.send(
      new ListObjectsV2Command({ Bucket: bucket, Prefix: 'webhooks/', ContinuationToken: token }),
    );
    n += page.KeyCount ?? 0;
    token = page.NextContinuationToken;
  } while (token);
  return n;
}

/** Restarts on the same port: the project's endpoint and the deployed API URL stay valid. */
async function restart(port: string): Promise<LocalProcess> {
  for (let attempt = 1; ; attempt++) {
    try {
      // The later --port wins over the helper's --port 0.
      return await spawnLocalCloud(dataDir, ['--port', port]);
    } catch (error) {
      // The port may be briefly unavailable right after the kill.
      if (attempt >= 10) throw error;
      await systemClock.sleep(300);
    }
  }
}

beforeAll(async () => {
  // spawnLocalCloud passes --no-postgres itself (no --postgres-port here).
  proc = await spawnLocalCloud(dataDir);
  mkdirSync(dir);
});

afterAll(async () => {
  await proc?.stop();
  rmSync(root, { recursive: true, force: true });
});

describe('webhooks across a kill -9 of the local cloud', () => {
  it('every webhook that got a 200 is processed exactly once, in order per group, after a restart', async () => {
    const first = proc!;
    const endpoint = first.endpoint;
    const port = new URL(endpoint).port;
    expect(port).not.toBe('');
    writeFileSync(
      join(dir, '.faasrc.json'),
      JSON.stringify({ project, target: 'local', endpoint, flows: { webhook: {} } }),
    );

    const up = await faas('up', '--yes');
    expect(up.err).toEqual([]);
    expect(up.code).toBe(0);

    // Not awaited: the cloud dies under it.
    const sending = faas('send', 'webhook', '--count', String(COUNT), '--group', 'a,b');
    let sendDone = false;
    void sending.then(() => {
      sendDone = true;
    });
    // Kill once some webhooks were processed (so some were accepted), or after 15 s at most.
    const deadline = Date.now() + 15_000;
    let seen = 0;
    while (!sendDone && Date.now() < deadline) {
      seen = await storedCount(endpoint).catch(() => 0);
      if (seen >= 20) break;
      await systemClock.sleep(20);
    }
    const killedEarly = !sendDone;
    await first.kill9();
    const firstLog = first.output();
    proc = undefined;

    // The rest of the send fails fast against the dead port; it records what got a 200.
    const send = await sending;
    const summary = send.out.find((l) => l.startsWith('  accepted ')) ?? '';
    const accepted = Number(/accepted (\d+)/.exec(summary)?.[1] ?? 'NaN');
    console.log(
      `webhookCrash: killed after ${seen} stored; send: ${summary.trim()}${killedEarly ? '' : ' (the send had already finished)'}`,
    );
    expect(accepted).toBeGreaterThan(0);
    if (accepted < COUNT) {
      expect(send.code).toBe(1);
      expect(send.err.join('\n')).toMatch(/network error/);
    } else {
      console.log('webhookCrash: all webhooks were accepted before the kill');
    }
    const last = JSON.parse(readFileSync(join(dir, '.faas', 'last-send.json'), 'utf8')) as LastSend;
    expect(last.kind).toBe('webhook');
    expect(last.webhooks).toHaveLength(accepted);

    proc = await restart(port);
    expect(proc.endpoint).toBe(endpoint);

    // Webhooks in flight at the kill stay invisible for the queue's visibility timeout (6 × the
    // function's timeout, 60 s) and hold back their FIFO group, as on AWS: hence the long wait.
    const verify = await faas('verify', '--last', '--timeout', '150s', '--verbose');
    const groups = new Set(last.webhooks!.map((w) => w.group)).size;
    const missing = verify.out.filter((l) => l.endsWith('  missing')).length;
    const duplicated = verify.out.filter((l) => l.endsWith('  duplicated')).length;
    const line = verify.out.find((l) => l.startsWith(`${accepted} webhooks in `));
    console.log(`webhookCrash: ${line}`);
    const logs = `cloud log before the kill (tail):\n${firstLog.slice(-3000)}\nafter the restart (tail):\n${proc.output().slice(-3000)}`;
    expect({ missing, duplicated, err: verify.err }, logs).toEqual({ missing: 0, duplicated: 0, err: [] });
    expect(line).toMatch(
      new RegExp(
        `^${accepted} webhooks in s3://${bucket}/webhooks/ \\(${groups} groups?\\): ` +
          `${accepted} processed, 0 missing, 0 duplicated, 0 groups out of order\\.$`,
      ),
    );
    expect(verify.code).toBe(0);
  }, 300_000);
});
