// `faas release` and `faas rollback` in-process over the fake AWS: the exact errors for bad input,
// the table they print, and that an unchanged release makes no mutating call.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../src/cli.js';
import { type Harness, harness } from './fake/harness.js';

let h: Harness;
beforeEach(() => {
  h = harness();
});
afterEach(() => h.cleanup());

const run = (...args: string[]) => main(['node', 'faas', ...args], h.deps);
const API = 'demo-ingest-api';
/** The fake's zips are `<fn> v<n>`: 6 bytes for api, 8 for store. */
const ZIP = '6 B';

async function deployed(): Promise<void> {
  expect(await run('up', '--yes')).toBe(0);
  h.out.length = 0;
  h.err.length = 0;
}

describe('faas release: bad input', () => {
  it('names the known functions for an unknown one', async () => {
    await deployed();
    expect(await run('release', 'api', 'nope')).toBe(1);
    expect(h.err).toEqual([`Error: Unknown function "nope": the pipeline's functions are api, store`]);

    h.err.length = 0;
    expect(await run('release', 'x', 'y', 'x')).toBe(1);
    expect(h.err).toEqual([`Error: Unknown functions "x", "y": the pipeline's functions are api, store`]);
    expect(h.lastCounter().mutations).toBe(0);
  });

  it.each(['0', '100', '150', '-5', 'abc', '10.5.1'])(
    'refuses --canary %s before any call',
    async (value) => {
      expect(await run('release', '--canary', value)).toBe(2);
      expect(h.err).toEqual([
        `Error: canary percentage must be between 1 and 99, got ${value}`,
        '  Hint: e.g. --canary 10 sends 10% of traffic',
      ]);
      expect(h.fake.log).toEqual([]);
    },
  );

  it('says to run up when the function does not exist', async () => {
    expect(await run('release', 'api')).toBe(1);
    expect(h.err).toEqual([
      `Error: function ${API} does not exist`,
      `  Cause: ResourceNotFoundException: Function not found: arn:aws:lambda:eu-west-1:123456789012:function:${API}`,
      '  Hint: create it first with `faas up`',
    ]);
  });
});

describe('faas release', () => {
  it('publishes nothing when the code is what live serves', async () => {
    await deployed();
    expect(await run('release')).toBe(0);
    expect(h.out.slice(1)).toEqual([
      '  FUNCTION  VERSION  ZIP  RESULT',
      `  api       1 → 1    ${ZIP}  unchanged`,
      '  store     1 → 1    8 B  unchanged',
      'Done: 0 changed, 2 unchanged (0 mutating AWS calls).',
    ]);
    expect(h.out[0]).toMatch(/^Release of demo: target aws, region eu-west-1, account 123456789012$/);
    expect(h.lastCounter().mutations).toBe(0);
  });

  it('publishes changed code as version n+1 and moves live, recording the previous version', async () => {
    await deployed();
    h.codeVersion['api'] = 2;
    expect(await run('release')).toBe(0);
    expect(h.out.slice(1)).toEqual([
      '  FUNCTION  VERSION  ZIP  RESULT',
      `  api       1 → 2    ${ZIP}  published`,
      '  store     1 → 1    8 B  unchanged',
      'Done: 1 changed, 1 unchanged (3 mutating AWS calls).',
    ]);
    expect(
      h
        .lastCounter()
        .mutatingCalls()
        .map((c) => c.command),
    ).toEqual(['UpdateFunctionCodeCommand', 'PublishVersionCommand', 'UpdateAliasCommand']);
    const fn = h.fake.functions.get(API)!;
    expect(fn.aliases.get('live')).toBe('2');
    expect(fn.aliasDetails.get('live')?.Description).toBe('previous=1');
  });

  it('releases only the named functions, and prints JSON', async () => {
    await deployed();
    h.codeVersion['api'] = 2;
    h.codeVersion['store'] = 2;
    expect(await run('release', 'store', '--json')).toBe(0);
    expect(JSON.parse(h.out.join('\n'))).toEqual({
      project: 'demo',
      functions: [
        {
          function: 'store',
          functionName: 'demo-ingest-store',
          oldVersion: '1',
          newVersion: '2',
          zipSize: 8,
          changed: true,
          canaryPercent: null,
        },
      ],
    });
    expect(h.fake.functions.get(API)!.aliases.get('live')).toBe('1');
  });

  it('says which functions were released before one failed', async () => {
    await deployed();
    h.codeVersion['api'] = 2;
    h.fake.functions.delete('demo-ingest-store');
    expect(await run('release')).toBe(1);
    expect(h.err[0]).toBe(`Released before the failure: ${API} 1 → 2`);
    expect(h.err[1]).toBe('Error: function demo-ingest-store does not exist');
  });

  it('gives a canary its share of live and leaves live on the old version', async () => {
    await deployed();
    h.codeVersion['api'] = 2;
    expect(await run('release', 'api', '--canary', '10%')).toBe(0);
    expect(h.out[2]).toBe(`  api       1 → 2    ${ZIP}  canary 10% of live`);
    const fn = h.fake.functions.get(API)!;
    expect(fn.aliases.get('live')).toBe('1');
    expect(fn.aliasDetails.get('live')?.RoutingConfig).toEqual({ AdditionalVersionWeights: { '2': 0.1 } });

    // The same canary again changes nothing.
    h.out.length = 0;
    expect(await run('release', 'api', '--canary', '10')).toBe(0);
    expect(h.out[2]).toBe(`  api       1 → 2    ${ZIP}  unchanged (canary 10%)`);
    expect(h.lastCounter().mutations).toBe(0);
  });
});

describe('faas rollback', () => {
  it('explains that live has no previous version, with a hint', async () => {
    await deployed();
    expect(await run('rollback', 'api')).toBe(1);
    expect(h.err).toEqual([
      `Error: live of ${API} (version 1) has no previous version recorded`,
      '  Hint: name the version to roll back to explicitly (published versions: `aws lambda list-versions-by-function`)',
    ]);
    // With no function named and nothing to roll back anywhere, the first function's error.
    h.err.length = 0;
    expect(await run('rollback')).toBe(1);
    expect(h.err[0]).toBe(`Error: live of ${API} (version 1) has no previous version recorded`);
  });

  it('moves live back after a release, skipping functions with nothing to roll back', async () => {
    await deployed();
    h.codeVersion['api'] = 2;
    await run('release');
    h.out.length = 0;
    expect(await run('rollback')).toBe(0);
    expect(h.out.slice(1)).toEqual([
      '  FUNCTION  LIVE   RESULT',
      '  api       2 → 1  rolled back',
      '  store            skipped: live of demo-ingest-store (version 1) has no previous version recorded',
      'Done: 1 rolled back, 1 skipped.',
    ]);
    expect(h.fake.functions.get(API)!.aliases.get('live')).toBe('1');

    // Rolling back twice does not roll forward; --to does, explicitly.
    h.err.length = 0;
    expect(await run('rollback', 'api')).toBe(1);
    expect(h.err).toEqual([
      `Error: live of ${API} (version 1) has no previous version recorded`,
      '  Hint: live was already rolled back from version 2; name a version explicitly to move it again',
    ]);
    h.out.length = 0;
    expect(await run('rollback', 'api', '--to', '2', '--json')).toBe(0);
    expect(JSON.parse(h.out.join('\n'))).toEqual({
      project: 'demo',
      functions: [
        {
          function: 'api',
          functionName: API,
          fromVersion: '1',
          toVersion: '2',
          canaryAborted: false,
          changed: true,
        },
      ],
      skipped: [],
    });
  });

  it('says which functions were rolled back before one failed', async () => {
    await deployed();
    h.codeVersion['api'] = 2;
    h.codeVersion['store'] = 2;
    await run('release');
    h.fake.functions.get('demo-ingest-store')!.aliasDetails.get('live')!.Description = '';
    h.out.length = 0;
    expect(await run('rollback', 'api', 'store')).toBe(1);
    expect(h.err).toEqual([
      'Rolled back before the failure: api 2 → 1',
      'Error: live of demo-ingest-store (version 2) has no previous version recorded',
      '  Hint: name the version to roll back to explicitly (published versions: `aws lambda list-versions-by-function`)',
    ]);
  });

  it('ends a canary in flight', async () => {
    await deployed();
    h.codeVersion['api'] = 2;
    await run('release', 'api', '--canary', '25');
    h.out.length = 0;
    expect(await run('rollback', 'api')).toBe(0);
    expect(h.out[2]).toBe('  api       2 → 1  canary ended: all traffic on version 1');
    expect(h.fake.functions.get(API)!.aliasDetails.get('live')?.RoutingConfig).toEqual({
      AdditionalVersionWeights: {},
    });
  });

  it('needs exactly one function with --to, and a version number', async () => {
    expect(await run('rollback', '--to', '3')).toBe(2);
    expect(h.err).toEqual([
      'Error: --to needs exactly one function: versions are numbered per function',
      '  Hint: e.g. faas rollback api --to 3',
    ]);
    expect(h.fake.log).toEqual([]);

    h.err.length = 0;
    expect(await run('rollback', 'api', 'store', '--to', '3')).toBe(2);
    expect(h.err[0]).toBe('Error: --to needs exactly one function: versions are numbered per function');

    await deployed();
    expect(await run('rollback', 'api', '--to', 'v3')).toBe(2);
    expect(h.err).toEqual([
      "Error: invalid version 'v3'",
      '  Hint: a version is a published version number such as 3',
    ]);
  });

  it('names the known functions for an unknown one', async () => {
    await deployed();
    expect(await run('rollback', 'apix')).toBe(1);
    expect(h.err).toEqual([`Error: Unknown function "apix": the pipeline's functions are api, store`]);
  });
});
