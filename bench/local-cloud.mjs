// Benchmarks the embedded local cloud (dist/local) against references measured in the same run: a
// bare Node loopback HTTP server (the physical floor) and moto_server (a peer emulator) when on PATH.
// Run with `npm run build && node bench/local-cloud.mjs`; bench/README.md says what each number means.
//
// The same file runs in three roles: the bench itself (no argument, bench/local-cloud/main.mjs),
// `--bare-server` (the floor server, as its own process so it is measured like the local cloud is)
// and `--s3-worker` (one of the client processes of the multi-process S3 run). Each role loads only
// its own module, and the static imports use Node built-ins alone, so the bare server starts as fast
// as a bare Node server can.

import { cleanupOnExit } from './lib/processes.mjs';
import { quietSdk } from './lib/setup.mjs';

quietSdk();
// Every process the bench starts is killed on the way out, Ctrl-C included.
cleanupOnExit({ signals: ['SIGINT', 'SIGTERM'] });

const role = process.argv[2];
if (role === '--bare-server') (await import('./local-cloud/floor-server.mjs')).bareServer();
else if (role === '--s3-worker') await (await import('./local-cloud/s3-worker.mjs')).s3Worker();
else await (await import('./local-cloud/main.mjs')).main();
