// Section "Memory": RSS of the local clouds after all the load before it, and of a warm Lambda
// environment running the real bundled api handler, against the floor, moto and an idle node.

import { spawn } from 'node:child_process';
import { rssKb } from '../lib/proc.mjs';
import { sleep, stopChild, track } from '../lib/processes.mjs';
import { N, TARGETS } from './config.mjs';
import { timedSequence } from './load.mjs';
import { fmtMb, fmtMs, fmtRatio, printTable } from './report.mjs';
import { environments } from './servers.mjs';

/** An API Gateway HTTP API (v2) POST /events, as the api handler gets it. */
const apiEvent = (i) =>
  JSON.stringify({
    version: '2.0',
    routeKey: 'POST /events',
    rawPath: '/events',
    rawQueryString: '',
    headers: { 'content-type': 'application/json', token: 'bench-token' },
    requestContext: {
      http: {
        method: 'POST',
        path: '/events',
        protocol: 'HTTP/1.1',
        sourceIp: '127.0.0.1',
        userAgent: 'bench',
      },
      requestId: `r${i}`,
      routeKey: 'POST /events',
      stage: '$default',
      timeEpoch: Date.now(),
    },
    body: JSON.stringify({ order: i, note: 'bench' }),
    isBase64Encoded: false,
  });

/** RSS of an idle Node process doing nothing: the floor of an environment. */
async function idleNodeRss() {
  const idle = track(spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' }));
  await sleep(300);
  const { rss } = rssKb(idle.pid);
  await stopChild(idle);
  return rss;
}

export async function memorySection({ release, procs, kit }) {
  const { lambda, createFunction, invokeOk } = kit;
  // A warm environment running the real, bundled api handler (what `faas up` deploys).
  const artifact = await release.buildFunctionArtifact('api');
  await createFunction('bench-api', artifact.zip, {
    Runtime: release.LAMBDA_RUNTIME,
    Handler: release.LAMBDA_HANDLER,
    MemorySize: 256,
    Timeout: 10,
    Environment: { Variables: { BUS_NAME: 'bench-bus', TOKEN: 'bench-token' } },
  });
  const apiLatency = await timedSequence(N.apiInvokes, 5, async (i) => {
    const out = await invokeOk(lambda, 'bench-api', apiEvent(i));
    const reply = JSON.parse(Buffer.from(out.Payload).toString('utf8'));
    if (reply.statusCode !== 201) throw new Error(`api answered ${reply.statusCode}: ${reply.body}`);
  });
  await sleep(200); // let the last invocation's garbage settle into the steady state
  const envs = environments(procs.durable.child.pid);
  const api = envs.filter((e) => e.fn === 'bench-api');
  const echo = envs.filter((e) => e.fn === 'bench-echo');
  if (api.length === 0)
    throw new Error('no execution environment of bench-api found among the cloud’s children');
  const idleRss = await idleNodeRss();

  const cloud = rssKb(procs.durable.child.pid);
  const eph = rssKb(procs.ephemeral.child.pid);
  const bare = rssKb(procs.bare.child.pid);
  const moto = procs.moto ? rssKb(procs.moto.child.pid) : undefined;
  const refs = (kb) => {
    const list = [['floor', fmtMb(bare.rss), fmtRatio(kb, bare.rss)]];
    if (moto) list.push(['moto', fmtMb(moto.rss), fmtRatio(kb, moto.rss)]);
    return list;
  };
  const apiRss = Math.max(...api.map((e) => e.rss));
  const echoRss = Math.max(...echo.map((e) => e.rss));
  printTable(
    'Memory (RSS, after all the load above)',
    [
      {
        name: 'local cloud process, durable (all sections ran here)',
        ours: fmtMb(cloud.rss),
        refs: refs(cloud.rss),
        target: `≤ ${TARGETS.cloudRssMb} MB`,
        met: cloud.rss / 1024 <= TARGETS.cloudRssMb,
      },
      { name: '  its peak (VmHWM)', ours: fmtMb(cloud.hwm), refs: [] },
      {
        name: 'local cloud process, --ephemeral (S3 + events load)',
        ours: fmtMb(eph.rss),
        refs: refs(eph.rss),
      },
      {
        name: `warm environment, real bundled api handler (${(artifact.size / 1024).toFixed(0)} KB zip)`,
        ours: fmtMb(apiRss),
        refs: [['idle node', fmtMb(idleRss), fmtRatio(apiRss, idleRss)]],
        target: `≤ ${TARGETS.envRssMb} MB`,
        met: apiRss / 1024 <= TARGETS.envRssMb,
      },
      {
        name: '  warm environment, tiny echo handler',
        ours: echo.length ? fmtMb(echoRss) : 'n/a',
        refs: echo.length ? [['idle node', fmtMb(idleRss), fmtRatio(echoRss, idleRss)]] : [],
      },
      {
        name: `  api handler warm Invoke p50 / p99 (n=${N.apiInvokes}; it calls PutEvents back)`,
        ours: `${fmtMs(apiLatency.p50)} / ${fmtMs(apiLatency.p99)}`,
        refs: [],
      },
    ],
    [
      'floor: the bare server process after its share of the same load; moto: moto_server after its S3/SQS load',
      `environments are the cloud’s child processes, told apart by AWS_LAMBDA_FUNCTION_NAME in /proc/<pid>/environ (${envs.length} alive); idle node: \`node -e\` doing nothing`,
      `api environment after ${N.apiInvokes + 5} invocations, MemorySize 256 (so --max-old-space-size=252)`,
    ],
  );
}
