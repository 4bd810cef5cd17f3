import { GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { describe, expect, it } from 'vitest';
import type { LocalCloud } from '../../src/local/index.js';
import { useLocalCloud } from '../helpers/localCloud.js';

let local: LocalCloud;
useLocalCloud((l) => {
  local = l;
});

describe('STS through the real SDK client', () => {
  it('answers GetCallerIdentity with the local account', async () => {
    const sts = new STSClient({
      endpoint: local.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const id = await sts.send(new GetCallerIdentityCommand({}));
    expect(id.Account).toBe('000000000000');
    expect(id.Arn).toBe('arn:aws:iam::000000000000:root');
  });

  it('answers an operation it does not implement with an error naming it', async () => {
    const sts = new STSClient({
      endpoint: local.endpoint,
      region: 'us-east-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    });
    const { GetSessionTokenCommand } = await import('@aws-sdk/client-sts');
    await expect(sts.send(new GetSessionTokenCommand({}))).rejects.toMatchObject({
      name: 'NotImplemented',
      message: 'GetSessionToken is not implemented by the faas local cloud (service sts)',
      $metadata: { httpStatusCode: 501 },
    });
  });
});
