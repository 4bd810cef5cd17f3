// Section "HTTP round trip": sequential keep-alive GETs with plain node:http, the server's own
// per-request overhead against the floor server's.

import { N } from './config.mjs';
import { rawGets } from './load.mjs';
import { fmtMs, fmtRatio, printTable } from './report.mjs';

export async function httpSection({ procs }) {
  const bare = await rawGets(procs.bare.endpoint, '/');
  const ours = await rawGets(procs.durable.endpoint, '/_faas/health');
  printTable(
    `Loopback HTTP round trip, sequential keep-alive GET, plain node:http client (n=${N.httpGets})`,
    [
      {
        name: 'p50',
        ours: fmtMs(ours.p50),
        refs: [['floor', fmtMs(bare.p50), fmtRatio(ours.p50, bare.p50)]],
      },
      {
        name: 'p99',
        ours: fmtMs(ours.p99),
        refs: [['floor', fmtMs(bare.p99), fmtRatio(ours.p99, bare.p99)]],
      },
    ],
    [
      'ours: GET /_faas/health (the server’s whole request path, no service action); floor: GET / on the bare server',
    ],
  );
}
