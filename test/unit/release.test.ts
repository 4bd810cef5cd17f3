// publishRelease and rollback against the fake Lambda client of test/fixtures/fakeLambda.ts.

import { ResourceNotFoundException } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { FaasError } from '../../src/errors.js';
import { publishRelease } from '../../src/release/publish.js';
import { rollback } from '../../src/release/rollback.js';
import { sha256Base64 } from '../../src/release/zip.js';
import { FakeLambda, FN } from '../fixtures/fakeLambda.js';

const enc = new TextEncoder();
const zipOf = (text: string) => {
  const zip = enc.encode(text);
  return { zip, sha256: sha256Base64(zip) };
};
const V1 = zipOf('code v1');
const V2 = zipOf('code v2');
const V3 = zipOf('code v3');

const noWait = async () => undefined;

describe('publishRelease', () => {
  it('uploads nothing and moves nothing when the live code has the same hash', async () => {
    const fake = FakeLambda.released(V1, V2);
    const result = await publishRelease(fake.client, { functionName: FN, ...V2 });
    expect(result).toEqual({
      functionName: FN,
      oldVersion: '2',
      newVersion: '2',
      zipSize: V2.zip.byteLength,
      changed: false,
    });
    expect(fake.mutations()).toEqual([]);
  });

  it('uploads, waits (real SDK waiter), publishes with the hash guard and moves live', async () => {
    const fake = FakeLambda.released(V1);
    const result = await publishRelease(fake.client, { functionName: FN, ...V2 });
    expect(result).toEqual({
      functionName: FN,
      oldVersion: '1',
      newVersion: '2',
      zipSize: V2.zip.byteLength,
      changed: true,
    });
    expect(fake.mutations()).toEqual(['UpdateFunctionCode', 'PublishVersion', 'UpdateAlias']);
    expect(fake.callsOf('UpdateFunctionCode')[0]).toEqual({ FunctionName: FN, ZipFile: V2.zip });
    expect(fake.callsOf('PublishVersion')[0]).toEqual({ FunctionName: FN, CodeSha256: V2.sha256 });
    expect(fake.callsOf('UpdateAlias')[0]).toEqual({
      FunctionName: FN,
      Name: 'live',
      FunctionVersion: '2',
      RoutingConfig: { AdditionalVersionWeights: {} },
      Description: 'previous=1',
    });
    // The waiter polled GetFunction after the upload.
    const names = fake.calls.map((c) => c.name);
    expect(names.lastIndexOf('GetFunction')).toBeGreaterThan(names.indexOf('UpdateFunctionCode'));
    // Second run with the same code: zero mutating calls.
    const again = FakeLambda.released(V1);
    await publishRelease(again.client, { functionName: FN, ...V2, waitForUpdate: noWait });
    again.calls = [];
    expect(
      (await publishRelease(again.client, { functionName: FN, ...V2, waitForUpdate: noWait })).changed,
    ).toBe(false);
    expect(again.mutations()).toEqual([]);
  });

  it('finishes a release that crashed after the upload, without uploading again', async () => {
    const fake = FakeLambda.released(V1);
    fake.latestSha = V2.sha256; // $LATEST has the new code, live still serves version 1
    const result = await publishRelease(fake.client, { functionName: FN, ...V2, waitForUpdate: noWait });
    expect(result).toMatchObject({ oldVersion: '1', newVersion: '2', changed: true });
    expect(fake.mutations()).toEqual(['PublishVersion', 'UpdateAlias']);
  });

  it('creates live on a first release', async () => {
    const fake = new FakeLambda(V1.sha256);
    const result = await publishRelease(fake.client, {
      functionName: FN,
      ...V1,
      canaryPercent: 10,
      waitForUpdate: noWait,
    });
    expect(result).toEqual({
      functionName: FN,
      oldVersion: undefined,
      newVersion: '1',
      zipSize: V1.zip.byteLength,
      changed: true,
    });
    expect(fake.mutations()).toEqual(['PublishVersion', 'CreateAlias']);
    expect(fake.callsOf('CreateAlias')[0]).toEqual({ FunctionName: FN, Name: 'live', FunctionVersion: '1' });
  });

  it('with a canary, routes the share to the new version and keeps live on the old one', async () => {
    const fake = FakeLambda.released(V1);
    fake.alias!.Description = 'kept as is';
    const result = await publishRelease(fake.client, {
      functionName: FN,
      ...V2,
      canaryPercent: 10,
      waitForUpdate: noWait,
    });
    expect(result).toEqual({
      functionName: FN,
      oldVersion: '1',
      newVersion: '2',
      zipSize: V2.zip.byteLength,
      changed: true,
      canaryPercent: 10,
    });
    expect(fake.callsOf('UpdateAlias')[0]).toEqual({
      FunctionName: FN,
      Name: 'live',
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.1 } },
    });
    expect(fake.alias).toMatchObject({ FunctionVersion: '1', Description: 'kept as is' });

    // The same canary again: nothing to do.
    fake.calls = [];
    const again = await publishRelease(fake.client, {
      functionName: FN,
      ...V2,
      canaryPercent: 10,
      waitForUpdate: noWait,
    });
    expect(again).toMatchObject({ oldVersion: '1', newVersion: '2', changed: false, canaryPercent: 10 });
    expect(fake.mutations()).toEqual([]);

    // Another weight for the same code: only the alias moves.
    fake.calls = [];
    await publishRelease(fake.client, { functionName: FN, ...V2, canaryPercent: 50, waitForUpdate: noWait });
    expect(fake.mutations()).toEqual(['PublishVersion', 'UpdateAlias']);
    expect(fake.alias?.RoutingConfig).toEqual({ AdditionalVersionWeights: { '2': 0.5 } });

    // Promotion: the same code without a canary takes all traffic and records the old version.
    fake.calls = [];
    const promoted = await publishRelease(fake.client, { functionName: FN, ...V2, waitForUpdate: noWait });
    expect(promoted).toMatchObject({ oldVersion: '1', newVersion: '2', changed: true });
    expect(fake.mutations()).toEqual(['PublishVersion', 'UpdateAlias']);
    expect(fake.alias).toMatchObject({
      FunctionVersion: '2',
      Description: 'previous=1',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
  });

  it('drops a canary in flight when the release equals the stable version', async () => {
    const fake = FakeLambda.released(V1, V2);
    fake.alias = {
      ...fake.alias!,
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: { '2': 0.2 } },
    };
    const result = await publishRelease(fake.client, { functionName: FN, ...V1, waitForUpdate: noWait });
    expect(result).toMatchObject({ oldVersion: '1', newVersion: '1', changed: true });
    expect(fake.mutations()).toEqual(['UpdateAlias']);
    expect(fake.alias?.RoutingConfig).toEqual({ AdditionalVersionWeights: {} });
  });

  it.each([0, 100, -5, 0.5, 150, Number.NaN])(
    'rejects canary %s as a usage error before any call',
    async (pct) => {
      const fake = FakeLambda.released(V1);
      const err = await publishRelease(fake.client, { functionName: FN, ...V2, canaryPercent: pct }).catch(
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(FaasError);
      expect(err).toMatchObject({
        code: 'Usage',
        exitCode: 2,
        message: `canary percentage must be between 1 and 99, got ${pct}`,
      });
      expect(fake.calls).toEqual([]);
    },
  );

  it('maps a missing function to FunctionNotFound with a hint', async () => {
    const fake = new FakeLambda(V1.sha256);
    fake.exists = false;
    const err = await publishRelease(fake.client, { functionName: FN, ...V1 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaasError);
    expect(err).toMatchObject({
      code: 'FunctionNotFound',
      message: `function ${FN} does not exist`,
      hint: 'create it first with `faas up`',
    });
    expect((err as FaasError).cause).toBeInstanceOf(ResourceNotFoundException);
  });

  it('maps a PublishVersion hash conflict to ReleaseConflict', async () => {
    const fake = FakeLambda.released(V1);
    // Someone else uploads V3 between our upload and our publish.
    const err = await publishRelease(fake.client, {
      functionName: FN,
      ...V2,
      waitForUpdate: async () => {
        fake.latestSha = V3.sha256;
      },
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      code: 'ReleaseConflict',
      message: `$LATEST of ${FN} changed during the release`,
    });
    expect(fake.alias?.FunctionVersion).toBe('1');
  });

  it('reports an update that never completes as UpdateFailed', async () => {
    const fake = FakeLambda.released(V1);
    fake.updateStatus = 'Failed';
    const err = await publishRelease(fake.client, { functionName: FN, ...V2 }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaasError);
    expect(err).toMatchObject({ code: 'UpdateFailed', message: `the code update of ${FN} did not complete` });
    expect(fake.mutations()).toEqual(['UpdateFunctionCode']);
  });
});

describe('rollback', () => {
  it('moves live back to the version recorded before the last release', async () => {
    const fake = FakeLambda.released(V1);
    await publishRelease(fake.client, { functionName: FN, ...V2, waitForUpdate: noWait });
    fake.calls = [];
    const result = await rollback(fake.client, FN);
    expect(result).toEqual({
      functionName: FN,
      fromVersion: '2',
      toVersion: '1',
      canaryAborted: false,
      changed: true,
    });
    expect(fake.callsOf('UpdateAlias')[0]).toEqual({
      FunctionName: FN,
      Name: 'live',
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: {} },
      Description: 'rolled-back-from=2',
    });
  });

  it('refuses a second rollback (it would roll forward) with a hint', async () => {
    const fake = FakeLambda.released(V1, V2);
    fake.alias!.Description = 'previous=1';
    await rollback(fake.client, FN);
    const err = await rollback(fake.client, FN).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaasError);
    expect(err).toMatchObject({
      code: 'NoPreviousVersion',
      message: `live of ${FN} (version 1) has no previous version recorded`,
      hint: 'live was already rolled back from version 2; name a version explicitly to move it again',
    });
  });

  it('fails with a hint when no previous version is recorded', async () => {
    const fake = FakeLambda.released(V1, V2);
    const err = await rollback(fake.client, FN).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(FaasError);
    expect(err).toMatchObject({
      code: 'NoPreviousVersion',
      message: `live of ${FN} (version 2) has no previous version recorded`,
      hint: 'name the version to roll back to explicitly (published versions: `aws lambda list-versions-by-function`)',
    });
    expect(fake.mutations()).toEqual([]);
  });

  it('goes to an explicit version', async () => {
    const fake = FakeLambda.released(V1, V2, V3);
    const result = await rollback(fake.client, FN, '1');
    expect(result).toMatchObject({ fromVersion: '3', toVersion: '1', changed: true });
    expect(fake.alias).toMatchObject({ FunctionVersion: '1', Description: 'rolled-back-from=3' });
  });

  it('does nothing when asked for the version live already serves', async () => {
    const fake = FakeLambda.released(V1, V2);
    expect(await rollback(fake.client, FN, '2')).toMatchObject({
      fromVersion: '2',
      toVersion: '2',
      changed: false,
    });
    expect(fake.mutations()).toEqual([]);
  });

  it('rejects a malformed version and reports a missing one', async () => {
    const fake = FakeLambda.released(V1);
    await expect(rollback(fake.client, FN, 'latest')).rejects.toMatchObject({
      code: 'Usage',
      message: "invalid version 'latest'",
    });
    await expect(rollback(fake.client, FN, '9')).rejects.toMatchObject({
      code: 'VersionNotFound',
      message: `version 9 of ${FN} does not exist`,
    });
  });

  it('aborts a canary in flight: all traffic back on the primary version', async () => {
    const fake = FakeLambda.released(V1);
    await publishRelease(fake.client, { functionName: FN, ...V2, canaryPercent: 25, waitForUpdate: noWait });
    const result = await rollback(fake.client, FN);
    expect(result).toEqual({
      functionName: FN,
      fromVersion: '2',
      toVersion: '1',
      canaryAborted: true,
      changed: true,
    });
    expect(fake.alias).toMatchObject({
      FunctionVersion: '1',
      RoutingConfig: { AdditionalVersionWeights: {} },
    });
  });

  it('needs a released function', async () => {
    const fake = new FakeLambda(V1.sha256);
    await expect(rollback(fake.client, FN)).rejects.toMatchObject({
      code: 'NotReleased',
      message: `${FN} has no 'live' alias, so there is nothing to roll back`,
      hint: 'release it first with `faas release`',
    });
  });
});
