// Section "Boot to ready": spawn → ready line of the local cloud, against the floor server and
// moto_server started the same way.

import { stopChild } from '../lib/processes.mjs';
import { median } from '../lib/stats.mjs';
import { N, TARGETS } from './config.mjs';
import { fmtMs, fmtRatio, printTable } from './report.mjs';
import { startBare, startCloud, startMoto } from './servers.mjs';

/** Boots `count` processes one after another, each stopped before the next; their start-up times. */
async function boots(count, start) {
  const runs = [];
  for (let i = 0; i < count; i++) {
    const started = await start();
    runs.push(started);
    await stopChild(started.child);
  }
  return runs;
}

export async function bootSection({ hasMoto }) {
  const runs = await boots(N.boots, startCloud);
  const ours = runs.map((r) => r.readyMs);
  const reported = runs.map((r) => r.reportedMs);
  const floor = (await boots(N.floorBoots, startBare)).map((r) => r.readyMs);
  const moto = hasMoto ? (await boots(N.motoBoots, startMoto)).map((r) => r.readyMs) : [];
  const oursMed = median(ours);
  const refs = [['floor', fmtMs(median(floor)), fmtRatio(oursMed, median(floor))]];
  if (hasMoto) refs.push(['moto', fmtMs(median(moto)), fmtRatio(oursMed, median(moto))]);
  printTable(
    'Boot to ready (spawn → ready line), median',
    [
      {
        name: `main.js --ephemeral, spawn → ready (n=${N.boots})`,
        ours: fmtMs(oursMed),
        refs,
        target: `≤ ${TARGETS.bootMs} ms`,
        met: oursMed <= TARGETS.bootMs,
      },
      { name: '  max of the runs', ours: fmtMs(Math.max(...ours)), refs: [] },
      { name: '  as the server reports it (`in Nms`)', ours: fmtMs(median(reported)), refs: [] },
      {
        name: '  the rest: Node start-up + loading modules',
        ours: fmtMs(median(ours.map((t, i) => t - reported[i]))),
        refs: [],
      },
    ],
    [
      `floor: a bare node:http server process (this file with --bare-server), spawn → ready line, n=${N.floorBoots}`,
      hasMoto
        ? `moto: moto_server spawn → first HTTP answer (polled every 5 ms), n=${N.motoBoots}`
        : 'moto: not on PATH, skipped',
      '`in Nms` counts from main.js’s first line to listening: it leaves out Node’s own start and module loading',
    ],
  );
}
