// Table "faas release": unchanged (spawned and in-process) against changed (in-process, with an
// `artifacts` dep that adds one file to the real zips), counting UpdateFunctionCode calls.

import { dist } from '../lib/setup.mjs';
import { median } from '../lib/stats.mjs';
import { progress, RELEASE_RUNS } from './config.mjs';
import { expectOk, runCli } from './processes.mjs';
import { fmtMs, fmtRatio, met, printTable, spread } from './report.mjs';

/**
 * A change without touching src/: the real zip plus one extra file, re-zipped deterministically.
 * Built before the timed run, so the timing is the publish path only (a real edit also pays the
 * cold build measured in the `up` table).
 */
/**
 * Every pipeline function's real zip plus one extra file: built up front for the functions the
 * pipeline has (api, store, and db with a database), so no build lands in the timed release.
 */
async function modifiedArtifacts(nonce, functions) {
  const [{ buildFunctionArtifact, deterministicZip, sha256Base64 }, { unzipSync }] = await Promise.all([
    dist('release/index.js'),
    import('fflate'),
  ]);
  const out = new Map();
  for (const fn of functions) {
    const real = await buildFunctionArtifact(fn);
    const files = Object.entries(unzipSync(real.zip)).map(([name, data]) => ({ name, data }));
    files.push({
      name: 'bench-change.txt',
      data: new TextEncoder().encode(`faas bench change ${nonce}\n`),
    });
    const zip = await deterministicZip(files);
    out.set(fn, { zip, sha256: sha256Base64(zip) });
  }
  return {
    build: async (request) => {
      const artifact = out.get(request.function);
      if (!artifact) throw new Error(`bench: no modified artifact for function ${request.function}`);
      return artifact;
    },
  };
}

export async function benchRelease({ projectDir, runInProcess }) {
  progress(`faas release --json (unchanged, spawned) ×${RELEASE_RUNS}`);
  const spawned = [];
  let spawnedChanged = 0;
  let functions = [];
  for (let i = 0; i < RELEASE_RUNS; i++) {
    const r = expectOk(await runCli(['release', '--json'], projectDir), 'faas release (unchanged)');
    const report = JSON.parse(r.stdout).functions;
    spawnedChanged += report.filter((f) => f.changed).length;
    functions = report.map((f) => f.function);
    spawned.push(r.ms);
  }

  progress(`in-process faas release (unchanged) ×${RELEASE_RUNS}`);
  const unchanged = [];
  for (let i = 0; i < RELEASE_RUNS; i++) unchanged.push(await runInProcess(['release'], projectDir));

  progress(`in-process faas release (changed: ${functions.join(', ')}) ×${RELEASE_RUNS}`);
  const changed = [];
  for (let i = 0; i < RELEASE_RUNS; i++) {
    const artifacts = await modifiedArtifacts(`${Date.now()}-${i}`, functions);
    changed.push(await runInProcess(['release'], projectDir, { artifacts }));
  }
  // Back to the real code, so the deployed pipeline matches the source again.
  await runInProcess(['release'], projectDir);

  const uploads = (runs) => runs.map((r) => r.count('UpdateFunctionCodeCommand'));
  const unchangedUploads = uploads(unchanged);
  const changedUploads = uploads(changed);
  const unchangedMs = unchanged.map((r) => r.ms);
  const changedMs = changed.map((r) => r.ms);
  const rows = [
    {
      metric: `unchanged: wall (spawned) median (p99), n=${RELEASE_RUNS}`,
      // A change here means the handler sources changed during the run (someone edited src/handlers).
      figure: `${spread(spawned)}, ${spawnedChanged} changed`,
      aim: '0 changed',
      met: met(spawnedChanged === 0),
    },
    {
      metric: 'unchanged: UpdateFunctionCode / mutating (in-process)',
      figure: `${Math.max(...unchangedUploads)} / ${Math.max(...unchanged.map((r) => r.mutations))}`,
      aim: '0 / 0',
      met: met(unchanged.every((r) => r.mutations === 0 && r.count('UpdateFunctionCodeCommand') === 0)),
    },
    { metric: 'unchanged: read calls (in-process)', figure: String(unchanged[0].reads) },
    { metric: `unchanged: wall (in-process) median (p99), n=${RELEASE_RUNS}`, figure: spread(unchangedMs) },
    {
      metric: `changed: wall (in-process) median (p99), n=${RELEASE_RUNS}`,
      figure: spread(changedMs),
      reference: fmtMs(median(unchangedMs)),
      ratio: fmtRatio(median(changedMs), median(unchangedMs)),
    },
    {
      metric: 'changed: with an AWS call in flight, median',
      figure: fmtMs(median(changed.map((r) => r.callMs))),
    },
    {
      metric: 'changed: UpdateFunctionCode / mutating (in-process)',
      figure: `${Math.min(...changedUploads)} / ${Math.min(...changed.map((r) => r.mutations))}`,
      aim: `${functions.length} uploads`,
      met: met(changedUploads.every((n) => n === functions.length)),
    },
    { metric: 'changed: read calls (in-process)', figure: String(changed[0].reads) },
  ];
  printTable(
    'faas release',
    rows,
    'changed = an artifacts dep returning the real zip plus one extra file (src/ untouched), built before timing;\n' +
      'reference for the changed row: the unchanged in-process release of the same run. Wall time with no AWS call in flight\n' +
      'is local work plus the SDK waiters sleeping between polls (FunctionUpdatedV2, PublishedVersionActive).',
  );
}
