import { describe, expect, it } from 'vitest';
import { parseFunctionRef } from '../../src/local/services/lambda/arns.js';
import { arnLike, buildStatement, checkInvoke } from '../../src/local/services/lambda/policy.js';

const where = { region: 'us-east-1', accountId: '000000000000' };

describe('Lambda function references', () => {
  it('accepts names, name:qualifier, partial and full ARNs', () => {
    expect(parseFunctionRef(where, 'fn')).toEqual({ name: 'fn', qualifier: undefined });
    expect(parseFunctionRef(where, 'fn:live')).toEqual({ name: 'fn', qualifier: 'live' });
    expect(parseFunctionRef(where, '000000000000:function:fn')).toEqual({ name: 'fn', qualifier: undefined });
    expect(parseFunctionRef(where, 'arn:aws:lambda:us-east-1:000000000000:function:fn:$LATEST')).toEqual({
      name: 'fn',
      qualifier: '$LATEST',
    });
    expect(parseFunctionRef(where, 'fn', '3')).toEqual({ name: 'fn', qualifier: '3' });
  });

  it('rejects malformed names, other regions and conflicting qualifiers', () => {
    expect(() => parseFunctionRef(where, 'bad name')).toThrow(
      expect.objectContaining({ code: 'ValidationException' }),
    );
    expect(() => parseFunctionRef(where, 'arn:aws:lambda:eu-west-1:000000000000:function:fn')).toThrow(
      expect.objectContaining({
        code: 'ResourceNotFoundException',
        message: "Functions from 'eu-west-1' are not reachable in this region ('us-east-1')",
      }),
    );
    expect(() => parseFunctionRef(where, 'fn:1', '2')).toThrow(
      expect.objectContaining({ code: 'InvalidParameterValueException' }),
    );
  });
});

describe('Lambda resource policy evaluation', () => {
  const resource = 'arn:aws:lambda:us-east-1:000000000000:function:fn';

  it('matches ArnLike with * and ? wildcards', () => {
    expect(
      arnLike(
        'arn:aws:execute-api:us-east-1:000000000000:abc/*/*/events',
        'arn:aws:execute-api:us-east-1:000000000000:abc/$default/POST/events',
      ),
    ).toBe(true);
    expect(arnLike('arn:aws:s3:::bucket-?', 'arn:aws:s3:::bucket-1')).toBe(true);
    expect(arnLike('arn:aws:s3:::bucket-?', 'arn:aws:s3:::bucket-12')).toBe(false);
    expect(arnLike('arn:aws:events:*:*:rule/x', 'arn:aws:events:us-east-1:000000000000:rule/y')).toBe(false);
  });

  it('allows only the principal, source ARN and source account the statement names', () => {
    const statement = buildStatement(
      {
        StatementId: 's3',
        Action: 'lambda:InvokeFunction',
        Principal: 's3.amazonaws.com',
        SourceArn: 'arn:aws:s3:::uploads',
        SourceAccount: '000000000000',
      },
      resource,
    );
    const check = (principal: string, sourceArn?: string) => () =>
      checkInvoke([statement], principal, sourceArn, '000000000000', resource);
    expect(check('s3.amazonaws.com', 'arn:aws:s3:::uploads')).not.toThrow();
    expect(check('s3.amazonaws.com', 'arn:aws:s3:::other')).toThrow(
      expect.objectContaining({ code: 'AccessDeniedException', status: 403 }),
    );
    expect(check('sqs.amazonaws.com', 'arn:aws:s3:::uploads')).toThrow(
      expect.objectContaining({ code: 'AccessDeniedException' }),
    );
    expect(check('s3.amazonaws.com')).toThrow(expect.objectContaining({ code: 'AccessDeniedException' }));
    expect(() =>
      checkInvoke(undefined, 's3.amazonaws.com', 'arn:aws:s3:::uploads', '000000000000', resource),
    ).toThrow(expect.objectContaining({ code: 'AccessDeniedException' }));
  });

  it('writes principals the way AWS does', () => {
    const principal = (p: string) =>
      buildStatement({ StatementId: 'x', Action: 'lambda:*', Principal: p }, resource).Principal;
    expect(principal('*')).toBe('*');
    expect(principal('123456789012')).toEqual({ AWS: 'arn:aws:iam::123456789012:root' });
    expect(principal('events.amazonaws.com')).toEqual({ Service: 'events.amazonaws.com' });
    expect(() => principal('nobody')).toThrow(
      expect.objectContaining({ code: 'InvalidParameterValueException' }),
    );
  });
});
