// The IAM evaluator services acting as a role use: Allow/Deny, NotAction/NotResource, wildcards.

import { describe, expect, it } from 'vitest';
import { policiesAllow, trustAllows } from '../../src/local/services/iam/evaluate.js';

const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:webhook.fifo';
const policy = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });

describe('policiesAllow', () => {
  it('needs a matching Allow; action names ignore case, resources do not', () => {
    expect(
      policiesAllow(
        [policy({ Effect: 'Allow', Action: 'SQS:sendmessage', Resource: QUEUE })],
        'sqs:SendMessage',
        QUEUE,
      ),
    ).toBe(true);
    expect(
      policiesAllow(
        [policy({ Effect: 'Allow', Action: 'sqs:SendMessage', Resource: QUEUE.toUpperCase() })],
        'sqs:SendMessage',
        QUEUE,
      ),
    ).toBe(false);
    expect(policiesAllow([], 'sqs:SendMessage', QUEUE)).toBe(false);
    expect(
      policiesAllow(
        [policy({ Effect: 'Allow', Action: 'sqs:ReceiveMessage', Resource: '*' })],
        'sqs:SendMessage',
        QUEUE,
      ),
    ).toBe(false);
  });

  it('matches * and ? wildcards, lists, NotAction and NotResource', () => {
    expect(
      policiesAllow(
        [
          policy({
            Effect: 'Allow',
            Action: ['s3:*', 'sqs:Send*'],
            Resource: 'arn:aws:sqs:*:*:webhook.????',
          }),
        ],
        'sqs:SendMessage',
        QUEUE,
      ),
    ).toBe(true);
    expect(
      policiesAllow(
        [policy({ Effect: 'Allow', NotAction: 'sqs:Delete*', Resource: '*' })],
        'sqs:SendMessage',
        QUEUE,
      ),
    ).toBe(true);
    expect(
      policiesAllow([policy({ Effect: 'Allow', Action: '*', NotResource: QUEUE })], 'sqs:SendMessage', QUEUE),
    ).toBe(false);
  });

  it('lets an explicit Deny in any policy win', () => {
    const allow = policy({ Effect: 'Allow', Action: 'sqs:*', Resource: '*' });
    const deny = policy({ Effect: 'Deny', Action: 'sqs:SendMessage', Resource: QUEUE });
    expect(policiesAllow([allow, deny], 'sqs:SendMessage', QUEUE)).toBe(false);
    expect(policiesAllow([allow, 'not json'], 'sqs:SendMessage', QUEUE)).toBe(true);
  });
});

describe('trustAllows', () => {
  it('accepts the service principal (alone or in a list) or *', () => {
    const trust = (Principal: unknown) => policy({ Effect: 'Allow', Principal, Action: 'sts:AssumeRole' });
    expect(trustAllows(trust({ Service: 'apigateway.amazonaws.com' }), 'apigateway.amazonaws.com')).toBe(
      true,
    );
    expect(
      trustAllows(
        trust({ Service: ['lambda.amazonaws.com', 'apigateway.amazonaws.com'] }),
        'apigateway.amazonaws.com',
      ),
    ).toBe(true);
    expect(trustAllows(trust('*'), 'apigateway.amazonaws.com')).toBe(true);
    expect(trustAllows(trust({ Service: 'lambda.amazonaws.com' }), 'apigateway.amazonaws.com')).toBe(false);
  });
});
