// Table "function zips": per function, the zip with the SDK bundled (buildFunctionArtifact), its
// index.mjs unzipped, and one uncached build.

import { dist } from '../lib/setup.mjs';
import { AIM, progress } from './config.mjs';
import { fmtKb, fmtMs, met, printTable } from './report.mjs';

export async function benchZips() {
  const [{ buildFunctionArtifact }, { unzipSync }] = await Promise.all([
    dist('release/index.js'),
    import('fflate'),
  ]);
  progress('zip sizes (buildFunctionArtifact), and an uncached build of each');
  const rows = [];
  for (const fn of ['api', 'store']) {
    const artifact = await buildFunctionArtifact(fn);
    const unzipped = Object.values(unzipSync(artifact.zip)).reduce((n, d) => n + d.byteLength, 0);
    const started = performance.now();
    await buildFunctionArtifact(fn, { cache: false });
    const buildMs = performance.now() - started;
    rows.push({
      metric: `${fn}: zip (SDK bundled)`,
      figure: fmtKb(artifact.size),
      aim: `< ${AIM.zipBytes / 1024} KB`,
      met: met(artifact.size < AIM.zipBytes),
    });
    rows.push({ metric: `${fn}: index.mjs unzipped`, figure: fmtKb(unzipped) });
    rows.push({ metric: `${fn}: uncached build (esbuild + zip)`, figure: fmtMs(buildMs) });
  }
  printTable('function zips', rows);
}
