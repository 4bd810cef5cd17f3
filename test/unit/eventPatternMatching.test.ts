// EventBridge pattern matching: AWS's documented examples, exact values, nested objects and arrays
// of objects, $or, and reusing a compiled pattern.

import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/local/engines/eventPattern.js';
import { type Case, check, EC2_EVENT } from './eventPatternHelpers.js';

const withDetail = (detail: Record<string, unknown>) => ({
  ...EC2_EVENT,
  detail: { ...EC2_EVENT.detail, ...detail },
});

describe('compilePattern: documented examples', () => {
  const cases: Case[] = [
    [
      'simple matching (docs)',
      {
        'detail-type': ['EC2 Instance State-change Notification'],
        resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
        detail: { state: ['initializing', 'running'] },
      },
      EC2_EVENT,
      true,
    ],
    [
      'simple matching, state not in list',
      { source: ['aws.ec2'], detail: { state: ['initializing', 'stopped'] } },
      EC2_EVENT,
      false,
    ],
    ['source mismatch', { source: ['aws.s3'] }, EC2_EVENT, false],
    ['field absent from the event', { detail: { nope: ['x'] } }, EC2_EVENT, false],
    [
      'complex example (docs)',
      {
        time: [{ prefix: '2017-10-02' }],
        detail: {
          state: [{ 'anything-but': 'initializing' }],
          'c-count': [{ numeric: ['>', 0, '<=', 5] }],
          'd-count': [{ numeric: ['<', 10] }],
          'x-limit': [{ 'anything-but': [100, 200, 300] }],
          'source-ip': [{ cidr: '10.0.0.0/8' }],
        },
      },
      EC2_EVENT,
      true,
    ],
    [
      'complex example, one field fails',
      {
        time: [{ prefix: '2017-10-02' }],
        detail: { state: [{ 'anything-but': 'running' }], 'c-count': [{ numeric: ['>', 0, '<=', 5] }] },
      },
      EC2_EVENT,
      false,
    ],
    [
      'arrays: intersection of pattern and event arrays (docs)',
      {
        resources: [
          'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
          'arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f',
        ],
      },
      {
        resources: [
          'arn:aws:autoscaling:us-east-1:123456789012:autoScalingGroup:eb56d16b:autoScalingGroupName/ASGTerminate',
          'arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f',
        ],
      },
      true,
    ],
    [
      'arrays: empty intersection',
      { resources: ['arn:aws:ec2:us-east-1:111122223333:instance/i-b188560f'] },
      { resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-b188560f'] },
      false,
    ],
    [
      'empty string matches "" (docs)',
      { detail: { eventVersion: [''] } },
      { detail: { eventVersion: '' } },
      true,
    ],
    [
      'null matches null (docs)',
      { detail: { responseElements: [null] } },
      { detail: { responseElements: null } },
      true,
    ],
    ['"" does not match null (docs)', { detail: { v: [''] } }, { detail: { v: null } }, false],
    ['null does not match ""', { detail: { v: [null] } }, { detail: { v: '' } }, false],
    ['null does not match a missing field', { detail: { v: [null] } }, { detail: {} }, false],
  ];
  it.each(cases)('%s', (...c) => check(c));
});

describe('compilePattern: exact values', () => {
  const cases: Case[] = [
    ['number matches number', { n: [5] }, { n: 5 }, true],
    ['number matches the same number written differently', { n: [301.8] }, { n: 3.018e2 }, true],
    ['number does not match a numeric string', { n: [5] }, { n: '5' }, false],
    ['string does not match a number', { n: ['5'] }, { n: 5 }, false],
    ['true matches true', { b: [true] }, { b: true }, true],
    ['true does not match "true"', { b: [true] }, { b: 'true' }, false],
    ['false does not match true', { b: [false] }, { b: true }, false],
    ['string is case sensitive', { s: ['Running'] }, { s: 'running' }, false],
    ['nested arrays in the event are flattened', { r: ['b'] }, { r: [['a'], ['b']] }, true],
    ['an object is not a leaf value', { detail: ['x'] }, { detail: { x: 1 } }, false],
    ['a leaf in the pattern against an array of objects', { r: ['x'] }, { r: [{ x: 'x' }] }, false],
    ['a nested pattern against a scalar', { detail: { state: ['x'] } }, { detail: 'x' }, false],
    ['a non-object event matches nothing', { a: ['x'] }, 'x', false],
    ['inherited properties are not fields', { constructor: [{ exists: true }] }, {}, false],
    ['__proto__ absent from the event', '{"__proto__": [{"exists": false}]}', {}, true],
    ['__proto__ present in the event', '{"__proto__": ["x"]}', JSON.parse('{"__proto__": "x"}'), true],
    ['several fields are ANDed', { a: ['1'], b: ['2'] }, { a: '1', b: '3' }, false],
  ];
  it.each(cases)('%s', (...c) => check(c));
});

describe('compilePattern: nested objects and arrays of objects', () => {
  const employees = {
    employees: [
      { firstName: 'John', lastName: 'Doe' },
      { firstName: 'Anna', lastName: 'Smith' },
      { firstName: 'Peter', lastName: 'Jones' },
    ],
  };
  const cases: Case[] = [
    ['array of objects: one element matches', { employees: { firstName: ['Anna'] } }, employees, true],
    ['array of objects: no element matches', { employees: { firstName: ['Zoe'] } }, employees, false],
    [
      'array of objects: fields must match within one element',
      { employees: { firstName: ['Anna'], lastName: ['Jones'] } },
      employees,
      false,
    ],
    [
      'array of objects: both fields in one element',
      { employees: { firstName: ['Anna'], lastName: ['Smith'] } },
      employees,
      true,
    ],
    [
      'nested arrays of objects',
      { employees: { firstName: ['Peter'] } },
      { employees: [[{ firstName: 'John' }], [{ firstName: 'Peter' }]] },
      true,
    ],
    ['deep nesting', { a: { b: { c: ['x'] } } }, { a: { b: { c: 'x' } } }, true],
    ['deep nesting, wrong value', { a: { b: { c: ['x'] } } }, { a: { b: { c: 'y' } } }, false],
  ];
  it.each(cases)('%s', (...c) => check(c));
});

describe('compilePattern: $or', () => {
  const metric = (fields: Record<string, unknown>) => ({ source: 'aws.cloudwatch', ...fields });
  const normalOr = {
    source: ['aws.cloudwatch'],
    $or: [{ metricName: ['CPUUtilization', 'ReadLatency'] }, { namespace: ['AWS/EC2', 'AWS/ES'] }],
  };
  const orWithAnd = {
    source: ['aws.cloudwatch'],
    $or: [
      { metricName: ['CPUUtilization'] },
      {
        metricType: ['MetricType'],
        namespace: ['AWS/EC2'],
        $or: [{ metricId: [1234] }, { spaceId: [1000] }],
      },
      { scope: ['Service'] },
    ],
  };
  const parallelOr = {
    $or: [{ metricName: ['CPUUtilization'] }, { namespace: ['AWS/EC2'] }],
    detail: { $or: [{ source: ['aws.cloudwatch'] }, { 'detail-type': ['CloudWatch Alarm State Change'] }] },
  };
  const cases: Case[] = [
    ['first alternative', normalOr, metric({ metricName: 'ReadLatency' }), true],
    ['second alternative', normalOr, metric({ namespace: 'AWS/ES' }), true],
    ['no alternative', normalOr, metric({ metricName: 'Other', namespace: 'Other' }), false],
    ['fields outside $or still apply', normalOr, { source: 'aws.ec2', metricName: 'ReadLatency' }, false],
    [
      'nested $or inside an AND alternative',
      orWithAnd,
      metric({ metricType: 'MetricType', namespace: 'AWS/EC2', spaceId: 1000 }),
      true,
    ],
    ['nested $or unsatisfied', orWithAnd, metric({ metricType: 'MetricType', namespace: 'AWS/EC2' }), false],
    ['third alternative', orWithAnd, metric({ scope: 'Service' }), true],
    [
      'parallel $or at two levels',
      parallelOr,
      { namespace: 'AWS/EC2', detail: { 'detail-type': 'CloudWatch Alarm State Change' } },
      true,
    ],
    ['parallel $or, inner unsatisfied', parallelOr, { namespace: 'AWS/EC2', detail: { source: 'x' } }, false],
    [
      '$or alternatives with operators',
      { $or: [{ n: [{ numeric: ['>', 10] }] }, { s: [{ prefix: 'a' }] }] },
      { n: 1, s: 'abc' },
      true,
    ],
  ];
  it.each(cases)('%s', (...c) => check(c));
});

describe('compilePattern: reuse', () => {
  it('keeps the source and can match many events', () => {
    const source = '{"detail":{"state":["running"]}}';
    const pattern = compilePattern(source);
    expect(pattern.source).toBe(source);
    expect(pattern.matches(EC2_EVENT)).toBe(true);
    expect(pattern.matches(withDetail({ state: 'stopped' }))).toBe(false);
    expect(pattern.matches(EC2_EVENT)).toBe(true);
  });
});
