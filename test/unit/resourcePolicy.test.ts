// Resource policies asked whether a service may act (S3 → SQS notifications): principals, actions
// and resources with wildcards, SourceArn/SourceAccount conditions, and an explicit Deny winning.
import { describe, expect, it } from 'vitest';
import { resourcePolicyAllows, type ServiceRequest } from '../../src/local/engines/resourcePolicy.js';

const QUEUE = 'arn:aws:sqs:us-east-1:000000000000:uploads';
const request: ServiceRequest = {
  service: 's3.amazonaws.com',
  action: 'sqs:SendMessage',
  resource: QUEUE,
  sourceArn: 'arn:aws:s3:::photos',
  sourceAccount: '000000000000',
};
const policy = (...statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (extra: object = {}) => ({
  Effect: 'Allow',
  Principal: { Service: 's3.amazonaws.com' },
  Action: 'sqs:SendMessage',
  Resource: QUEUE,
  ...extra,
});

describe('resourcePolicyAllows', () => {
  it.each([
    ['no policy', undefined, false],
    ['not JSON', '{oops', false],
    ['a matching Allow', policy(allow()), true],
    ['one statement, not in a list', JSON.stringify({ Statement: allow() }), true],
    ['Principal "*"', policy(allow({ Principal: '*' })), true],
    ['Principal {AWS: "*"}', policy(allow({ Principal: { AWS: '*' } })), true],
    ['another service', policy(allow({ Principal: { Service: ['events.amazonaws.com'] } })), false],
    ['the action in another case', policy(allow({ Action: ['SQS:sendmessage'] })), true],
    ['sqs:*', policy(allow({ Action: 'sqs:*' })), true],
    ['NotAction excluding it', policy(allow({ Action: undefined, NotAction: 'sqs:SendMessage' })), false],
    ['a resource wildcard', policy(allow({ Resource: 'arn:aws:sqs:*:000000000000:up*' })), true],
    ['another queue', policy(allow({ Resource: `${QUEUE}-2` })), false],
    [
      'ArnLike on the bucket',
      policy(allow({ Condition: { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::ph*' } } })),
      true,
    ],
    [
      'ArnEquals on another bucket',
      policy(allow({ Condition: { ArnEquals: { 'aws:SourceArn': 'arn:aws:s3:::x' } } })),
      false,
    ],
    [
      'StringEquals on the account',
      policy(allow({ Condition: { StringEquals: { 'AWS:SourceAccount': '000000000000' } } })),
      true,
    ],
    [
      'StringLike on another account',
      policy(allow({ Condition: { StringLike: { 'aws:SourceAccount': '1*' } } })),
      false,
    ],
    [
      'a condition key it cannot know',
      policy(allow({ Condition: { StringEquals: { 'aws:PrincipalOrgID': 'o-1' } } })),
      false,
    ],
    [
      'an operator it does not evaluate',
      policy(allow({ Condition: { IpAddress: { 'aws:SourceIp': '1.2.3.4' } } })),
      false,
    ],
    ['an explicit Deny after the Allow', policy(allow(), allow({ Effect: 'Deny' })), false],
  ])('%s → %s', (_name, document, expected) => {
    expect(resourcePolicyAllows(document, request)).toBe(expected);
  });
});
