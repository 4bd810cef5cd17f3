// S3 bucket notifications delivered to Lambda through real S3 and Lambda clients: an asynchronous
// invocation as s3.amazonaws.com with the same Records event, and no s3:TestEvent.

import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AddPermissionCommand, type LambdaClient } from '@aws-sdk/client-lambda';
import {
  PutBucketNotificationConfigurationCommand,
  PutObjectCommand,
  type S3Client,
} from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';
import { createActive, lambdaClient, uniqueName } from './lambdaHelpers.js';
import { newBucket, s3Client } from './s3Helpers.js';

/** Writes each event it gets to `<dir>/<key of the first record>.json`. */
const RECORDER = (dir: string) => `
const fs = require('node:fs');
exports.handler = async (e) => {
  const key = e.Records ? e.Records[0].s3.object.key : 'not-a-records-event';
  fs.writeFileSync(${JSON.stringify(dir)} + '/' + encodeURIComponent(key) + '.json', JSON.stringify(e));
};`;

let local: LocalCloud;
let s3: S3Client;
let lambda: LambdaClient;
let dir: string;

useLocalCloud((l) => {
  local = l;
  s3 = s3Client(l.endpoint);
  lambda = lambdaClient(l.endpoint);
});
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'faas-s3-lambda-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function until<T>(check: () => T | undefined, what: string): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const value = check();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const written = (key: string) => {
  const file = join(dir, `${encodeURIComponent(key)}.json`);
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
};

describe('S3 notifications to Lambda', () => {
  it('invokes the function asynchronously with the Records event, and sends it no test event', async () => {
    const Bucket = await newBucket(s3, 'tolambda');
    const name = uniqueName('s3-recorder');
    const fn = await createActive(lambda, name, RECORDER(dir));
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        StatementId: 's3',
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceArn: `arn:aws:s3:::${Bucket}`,
        SourceAccount: '000000000000',
      }),
    );
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            {
              Id: 'to-fn',
              LambdaFunctionArn: fn.FunctionArn,
              Events: ['s3:ObjectCreated:*'],
              Filter: { Key: { FilterRules: [{ Name: 'suffix', Value: '.csv' }] } },
            },
          ],
        },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket, Key: 'skipped.txt', Body: 'no' }));
    await s3.send(new PutObjectCommand({ Bucket, Key: 'in/data 1.csv', Body: 'a,b' }));
    const event = await until(() => written('in/data+1.csv'), 'the function to get the event');
    expect(event.Records).toHaveLength(1);
    expect(event.Records[0]).toMatchObject({
      eventSource: 'aws:s3',
      eventName: 'ObjectCreated:Put',
      s3: {
        configurationId: 'to-fn',
        bucket: { name: Bucket, arn: `arn:aws:s3:::${Bucket}` },
        object: { key: 'in/data+1.csv', size: 3 },
      },
    });
    const mine = local.cloud
      .api('s3')
      .notifications()
      .filter((d) => d.bucket === Bucket);
    // Only the matching object: no test event for a function, nothing for skipped.txt.
    expect(mine.map((d) => [d.eventName, d.destinationArn, d.outcome])).toEqual([
      ['s3:ObjectCreated:Put', fn.FunctionArn, 'delivered'],
    ]);
  });

  it('records the refusal when the function policy does not let this bucket invoke it', async () => {
    const Bucket = await newBucket(s3, 'nopermission');
    const name = uniqueName('s3-denied');
    const fn = await createActive(lambda, name, RECORDER(dir));
    // S3 may invoke it, but only for another bucket.
    await lambda.send(
      new AddPermissionCommand({
        FunctionName: name,
        StatementId: 's3-other',
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceArn: `arn:aws:s3:::${Bucket}-other`,
      }),
    );
    await s3.send(
      new PutBucketNotificationConfigurationCommand({
        Bucket,
        SkipDestinationValidation: true,
        NotificationConfiguration: {
          LambdaFunctionConfigurations: [
            { LambdaFunctionArn: fn.FunctionArn, Events: ['s3:ObjectCreated:Put'] },
          ],
        },
      }),
    );
    await s3.send(new PutObjectCommand({ Bucket, Key: 'denied.txt', Body: 'x' }));
    const failed = await until(
      () =>
        local.cloud
          .api('s3')
          .notifications()
          .find((d) => d.bucket === Bucket && d.outcome === 'failed'),
      'the delivery to fail',
    );
    expect(failed.reason).toMatch(/^AccessDeniedException: User: s3\.amazonaws\.com is not authorized/);
    expect(written('denied.txt')).toBeUndefined();
  });

  it('refuses at put a function that does not exist, or whose policy does not let this bucket invoke it', async () => {
    const Bucket = await newBucket(s3, 'lambdacheck');
    const name = uniqueName('s3-unpermitted');
    const fn = await createActive(lambda, name, RECORDER(dir));
    const missing = `arn:aws:lambda:us-east-1:000000000000:function:${uniqueName('s3-missing')}`;
    for (const arn of [fn.FunctionArn!, missing]) {
      await expect(
        s3.send(
          new PutBucketNotificationConfigurationCommand({
            Bucket,
            NotificationConfiguration: {
              LambdaFunctionConfigurations: [{ LambdaFunctionArn: arn, Events: ['s3:ObjectCreated:*'] }],
            },
          }),
        ),
      ).rejects.toMatchObject({
        name: 'InvalidArgument',
        message: 'Unable to validate the following destination configurations',
        ArgumentName1: `${arn}, null`,
        ArgumentValue1: `Not authorized to invoke function [${arn}]`,
        $metadata: { httpStatusCode: 400 },
      });
    }
  });
});
