import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/local/engines/eventPattern.js';
import { AwsServiceError } from '../../src/local/errors.js';

// The sample event of AWS's content-filtering documentation.
const EC2_EVENT = {
  version: '0',
  id: 'ddddd4-aaaa-7777-4444-345dd43cc333',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '012345679012',
  time: '2017-10-02T16:24:49Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-000000aaaaaa00000'],
  detail: {
    'c-count': 5,
    'd-count': 3,
    'x-limit': 301.8,
    'source-ip': '10.0.0.33',
    'instance-id': 'i-000000aaaaaa00000',
    state: 'running',
  },
};

const withDetail = (detail: Record<string, unknown>) => ({
  ...EC2_EVENT,
  detail: { ...EC2_EVENT.detail, ...detail },
});

type Case = [name: string, pattern: unknown, event: unknown, expected: boolean];

function check([, pattern, event, expected]: Case): void {
  const source = typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
  expect(compilePattern(source).matches(event)).toBe(expected);
}

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

describe('compilePattern: operators', () => {
  const cases: Case[] = [
    ['prefix matches', { time: [{ prefix: '2017-10-02' }] }, EC2_EVENT, true],
    ['prefix does not match', { time: [{ prefix: '2017-10-03' }] }, EC2_EVENT, false],
    ['prefix only applies to strings', { n: [{ prefix: '5' }] }, { n: 55 }, false],
    ['empty prefix matches any string', { s: [{ prefix: '' }] }, { s: 'abc' }, true],
    [
      'prefix equals-ignore-case matches',
      { source: [{ prefix: { 'equals-ignore-case': 'AWS.EC' } }] },
      EC2_EVENT,
      true,
    ],
    [
      'prefix equals-ignore-case fails',
      { source: [{ prefix: { 'equals-ignore-case': 'EC2' } }] },
      EC2_EVENT,
      false,
    ],
    ['suffix matches', { FileName: [{ suffix: '.png' }] }, { FileName: 'cat.png' }, true],
    ['suffix is case sensitive', { FileName: [{ suffix: '.png' }] }, { FileName: 'cat.PNG' }, false],
    [
      'suffix equals-ignore-case',
      { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] },
      { FileName: 'cat.PNG' },
      true,
    ],
    [
      'suffix equals-ignore-case fails',
      { FileName: [{ suffix: { 'equals-ignore-case': '.png' } }] },
      { FileName: 'png.gif' },
      false,
    ],
    ['equals-ignore-case matches', { Name: [{ 'equals-ignore-case': 'alice' }] }, { Name: 'ALICE' }, true],
    [
      'equals-ignore-case is not a prefix match',
      { Name: [{ 'equals-ignore-case': 'alice' }] },
      { Name: 'Alicea' },
      false,
    ],
    [
      'equals-ignore-case only applies to strings',
      { b: [{ 'equals-ignore-case': 'true' }] },
      { b: true },
      false,
    ],
    [
      'wildcard in the middle',
      { source: [{ wildcard: 'Simple*Service' }] },
      { source: 'SimpleQueueService' },
      true,
    ],
    [
      'wildcard matches zero characters',
      { source: [{ wildcard: 'Simple*Service' }] },
      { source: 'SimpleService' },
      true,
    ],
    [
      'wildcard fails',
      { source: [{ wildcard: 'Simple*Service' }] },
      { source: 'SimpleQueueServices' },
      false,
    ],
    ['several wildcards', { f: [{ wildcard: '*/lib/*.jar' }] }, { f: '/usr/lib/x.jar' }, true],
    ['several wildcards fail', { f: [{ wildcard: '*/lib/*.jar' }] }, { f: '/usr/bin/x.jar' }, false],
    ['wildcard literals must not overlap', { f: [{ wildcard: 'ab*ba' }] }, { f: 'aba' }, false],
    ['lone wildcard matches any string', { f: [{ wildcard: '*' }] }, { f: '' }, true],
    ['lone wildcard ignores numbers', { f: [{ wildcard: '*' }] }, { f: 1 }, false],
    ['escaped asterisk is literal', { f: [{ wildcard: 'a\\*b' }] }, { f: 'a*b' }, true],
    ['escaped asterisk is not a wildcard', { f: [{ wildcard: 'a\\*b' }] }, { f: 'axb' }, false],
    ['escaped backslash is literal', { f: [{ wildcard: 'a\\\\*' }] }, { f: 'a\\bc' }, true],
    ['numeric range (docs)', { detail: { 'c-count': [{ numeric: ['>', 0, '<=', 5] }] } }, EC2_EVENT, true],
    [
      'numeric range excludes',
      { detail: { 'c-count': [{ numeric: ['>', 5, '<=', 10] }] } },
      EC2_EVENT,
      false,
    ],
    ['numeric < (docs)', { detail: { 'd-count': [{ numeric: ['<', 10] }] } }, EC2_EVENT, true],
    ['numeric = (docs)', { detail: { 'x-limit': [{ numeric: ['=', 3.018e2] }] } }, EC2_EVENT, true],
    ['numeric = fails', { detail: { 'x-limit': [{ numeric: ['=', 301] }] } }, EC2_EVENT, false],
    ['numeric >= boundary', { n: [{ numeric: ['>=', 5] }] }, { n: 5 }, true],
    ['numeric > boundary', { n: [{ numeric: ['>', 5] }] }, { n: 5 }, false],
    ['numeric <= boundary', { n: [{ numeric: ['<=', 5] }] }, { n: 5 }, true],
    ['numeric < boundary', { n: [{ numeric: ['<', 5] }] }, { n: 5 }, false],
    ['numeric range open top', { n: [{ numeric: ['>=', 0, '<', 5] }] }, { n: 5 }, false],
    ['numeric range closed bottom', { n: [{ numeric: ['>=', 0, '<', 5] }] }, { n: 0 }, true],
    ['numeric ignores numeric strings', { n: [{ numeric: ['>', 0] }] }, { n: '5' }, false],
    ['numeric negative values', { n: [{ numeric: ['<', -1] }] }, { n: -1.5 }, true],
    ['cidr (docs)', { detail: { 'source-ip': [{ cidr: '10.0.0.0/24' }] } }, EC2_EVENT, true],
    ['cidr outside range', { ip: [{ cidr: '10.0.0.0/24' }] }, { ip: '10.0.1.1' }, false],
    ['cidr /0 covers all IPv4', { ip: [{ cidr: '0.0.0.0/0' }] }, { ip: '255.255.255.255' }, true],
    ['cidr with host bits set', { ip: [{ cidr: '192.168.1.77/30' }] }, { ip: '192.168.1.79' }, true],
    ['cidr ignores non-addresses', { ip: [{ cidr: '10.0.0.0/8' }] }, { ip: 'ten' }, false],
    ['cidr IPv6', { ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db8:0:0:1::1' }, true],
    ['cidr IPv6 outside range', { ip: [{ cidr: '2001:db8::/32' }] }, { ip: '2001:db9::1' }, false],
    ['cidr IPv4 range never matches IPv6', { ip: [{ cidr: '0.0.0.0/0' }] }, { ip: '::1' }, false],
    ['exists true, present', { detail: { 'c-count': [{ exists: true }] } }, EC2_EVENT, true],
    ['exists true, absent', { detail: { 'e-count': [{ exists: true }] } }, EC2_EVENT, false],
    ['exists true, null value', { v: [{ exists: true }] }, { v: null }, true],
    [
      'exists false, absent (docs)',
      { detail: { 'c-count': [{ exists: false }] } },
      { detail: { state: 'x' } },
      true,
    ],
    ['exists false, present', { detail: { 'c-count': [{ exists: false }] } }, EC2_EVENT, false],
    [
      'exists false, intermediate node counts as absent (docs)',
      { detail: { 'c-count': [{ exists: false }] } },
      { detail: { state: ['initializing', 'running'], 'c-count': { c1: 100 } } },
      true,
    ],
    [
      'exists false, whole parent absent',
      { detail: { 'c-count': [{ exists: false }] } },
      { source: 'x' },
      true,
    ],
    ['exists false, empty array', { r: [{ exists: false }] }, { r: [] }, true],
    ['exists true, empty array', { r: [{ exists: true }] }, { r: [] }, false],
    ['exists true, object value', { detail: [{ exists: true }] }, EC2_EVENT, false],
    ['exactly (undocumented, accepted by EventBridge)', { s: [{ exactly: 'x' }] }, { s: 'x' }, true],
    ['exactly does not match another string', { s: [{ exactly: 'x' }] }, { s: 'X' }, false],
    ['exact value OR exists false', { v: ['a', { exists: false }] }, {}, true],
  ];
  it.each(cases)('%s', (...c) => check(c));
});

describe('compilePattern: anything-but', () => {
  const cases: Case[] = [
    ['string (docs)', { detail: { state: [{ 'anything-but': 'initializing' }] } }, EC2_EVENT, true],
    ['string, excluded', { detail: { state: [{ 'anything-but': 'running' }] } }, EC2_EVENT, false],
    ['number (docs)', { detail: { 'x-limit': [{ 'anything-but': 123 }] } }, EC2_EVENT, true],
    ['number, excluded', { detail: { 'x-limit': [{ 'anything-but': 301.8 }] } }, EC2_EVENT, false],
    [
      'string list (docs)',
      { detail: { state: [{ 'anything-but': ['stopped', 'overloaded'] }] } },
      EC2_EVENT,
      true,
    ],
    [
      'string list, excluded',
      { s: [{ 'anything-but': ['stopped', 'overloaded'] }] },
      { s: 'overloaded' },
      false,
    ],
    ['number list (docs)', { detail: { 'x-limit': [{ 'anything-but': [100, 200, 300] }] } }, EC2_EVENT, true],
    ['number list, excluded', { n: [{ 'anything-but': [100, 200, 300] }] }, { n: 200 }, false],
    [
      'number list lets the string "200" through',
      { n: [{ 'anything-but': [100, 200] }] },
      { n: '200' },
      true,
    ],
    ['string lets numbers through', { n: [{ 'anything-but': '5' }] }, { n: 5 }, true],
    ['lets null and booleans through', { n: [{ 'anything-but': 'x' }] }, { n: null }, true],
    ['absent field never matches', { detail: { nope: [{ 'anything-but': 'x' }] } }, EC2_EVENT, false],
    [
      'array event: one element outside the set is enough',
      { s: [{ 'anything-but': 'a' }] },
      { s: ['a', 'b'] },
      true,
    ],
    [
      'array event: every element excluded',
      { s: [{ 'anything-but': ['a', 'b'] }] },
      { s: ['a', 'b'] },
      false,
    ],
    ['prefix (docs)', { detail: { state: [{ 'anything-but': { prefix: 'init' } }] } }, EC2_EVENT, true],
    ['prefix, excluded', { s: [{ 'anything-but': { prefix: 'init' } }] }, { s: 'initializing' }, false],
    ['prefix list', { s: [{ 'anything-but': { prefix: ['init', 'error'] } }] }, { s: 'error-1' }, false],
    ['prefix list, allowed', { s: [{ 'anything-but': { prefix: ['init', 'error'] } }] }, { s: 'ok' }, true],
    ['suffix', { detail: { 'instance-id': [{ 'anything-but': { suffix: '1234' } }] } }, EC2_EVENT, true],
    ['suffix, excluded', { f: [{ 'anything-but': { suffix: '.png' } }] }, { f: 'a.png' }, false],
    [
      'suffix list, excluded',
      { f: [{ 'anything-but': { suffix: ['1234', '6789'] } }] },
      { f: 'i-6789' },
      false,
    ],
    [
      'equals-ignore-case',
      { s: [{ 'anything-but': { 'equals-ignore-case': 'Stopped' } }] },
      { s: 'running' },
      true,
    ],
    [
      'equals-ignore-case, excluded',
      { s: [{ 'anything-but': { 'equals-ignore-case': 'Stopped' } }] },
      { s: 'STOPPED' },
      false,
    ],
    [
      'equals-ignore-case list, excluded',
      { s: [{ 'anything-but': { 'equals-ignore-case': ['Stopped', 'OverLoaded'] } }] },
      { s: 'overloaded' },
      false,
    ],
    ['wildcard', { f: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { f: '/usr/bin/x' }, true],
    ['wildcard, excluded', { f: [{ 'anything-but': { wildcard: '*/lib/*' } }] }, { f: '/usr/lib/x' }, false],
    [
      'wildcard list, excluded',
      { f: [{ 'anything-but': { wildcard: ['*/bin/*.jar', '*/bin/*.class'] } }] },
      { f: '/opt/bin/A.class' },
      false,
    ],
    ['prefix lets numbers through', { n: [{ 'anything-but': { prefix: '1' } }] }, { n: 12 }, true],
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

function errorOf(patternJson: string): AwsServiceError {
  try {
    compilePattern(patternJson);
  } catch (error) {
    if (error instanceof AwsServiceError) return error;
    throw error;
  }
  throw new Error(`pattern was accepted: ${patternJson}`);
}

describe('compilePattern: invalid patterns', () => {
  const cases: Array<[pattern: string, reason: string]> = [
    ['not json', 'Invalid JSON'],
    ['{"a": ["x"]', 'Invalid JSON'],
    ['[]', 'Filter is not an object'],
    ['"source"', 'Filter is not an object'],
    ['null', 'Filter is not an object'],
    ['{}', 'Empty objects are not allowed'],
    ['{"detail": {}}', 'Empty objects are not allowed'],
    ['{"source": "aws.ec2"}', '"source" must be an object or an array'],
    ['{"detail": {"count": 5}}', '"count" must be an object or an array'],
    ['{"source": null}', '"source" must be an object or an array'],
    ['{"source": []}', 'Empty arrays are not allowed'],
    ['{"source": [["aws.ec2"]]}', 'Match value must be String, number, true, false, or null'],
    ['{"source": [{}]}', 'Match expression name not found'],
    ['{"source": [{"contains": "ec2"}]}', 'Unrecognized match type contains'],
    ['{"source": [{"prefix": "a", "suffix": "b"}]}', 'Only one key allowed in match expression'],
    ['{"source": [{"prefix": 5}]}', 'prefix match pattern must be a string'],
    ['{"source": [{"prefix": {}}]}', 'Prefix expression name not found'],
    ['{"source": [{"prefix": {"wildcard": "a"}}]}', 'Unsupported prefix pattern: wildcard'],
    [
      '{"source": [{"prefix": {"equals-ignore-case": 1}}]}',
      'equals-ignore-case match pattern must be a string',
    ],
    ['{"source": [{"suffix": null}]}', 'suffix match pattern must be a string'],
    ['{"source": [{"suffix": {"anything-but": "a"}}]}', 'Unsupported suffix pattern: anything-but'],
    ['{"source": [{"suffix": {}}]}', 'Suffix expression name not found'],
    ['{"source": [{"equals-ignore-case": ["a"]}]}', 'equals-ignore-case match pattern must be a string'],
    ['{"source": [{"wildcard": 1}]}', 'wildcard match pattern must be a string'],
    ['{"source": [{"wildcard": "a**b"}]}', 'Consecutive wildcard characters at pos 2'],
    ['{"source": [{"wildcard": "a\\\\b"}]}', 'Invalid escape character at pos 2'],
    ['{"source": [{"wildcard": "ab\\\\"}]}', 'Invalid escape character at pos 3'],
    ['{"source": [{"wildcard": "é**"}]}', 'Consecutive wildcard characters at pos 3'],
    ['{"n": [{"numeric": 5}]}', 'Value of numeric must be an array.'],
    ['{"n": [{"numeric": []}]}', 'Invalid member in numeric match: ]'],
    ['{"n": [{"numeric": [5]}]}', 'Invalid member in numeric match: 5'],
    ['{"n": [{"numeric": ["!=", 5]}]}', 'Unrecognized numeric range operator: !='],
    ['{"n": [{"numeric": ["=", "5"]}]}', 'Value of equals must be numeric'],
    ['{"n": [{"numeric": [">"]}]}', 'Value of > must be numeric'],
    ['{"n": [{"numeric": [">=", "0"]}]}', 'Value of >= must be numeric'],
    ['{"n": [{"numeric": ["<", null]}]}', 'Value of < must be numeric'],
    ['{"n": [{"numeric": ["<=", true]}]}', 'Value of <= must be numeric'],
    ['{"n": [{"numeric": ["=", 5, 6]}]}', 'Too many elements in numeric expression'],
    ['{"n": [{"numeric": ["<", 5, ">", 1]}]}', 'Too many elements in numeric expression'],
    ['{"n": [{"numeric": [">", 0, 5]}]}', 'Bad value in numeric range: 5'],
    ['{"n": [{"numeric": [">", 0, ">", 5]}]}', 'Bad numeric range operator: >'],
    ['{"n": [{"numeric": [">", 0, "<", "5"]}]}', 'Value of < must be numeric'],
    ['{"n": [{"numeric": [">", 0, "<=", 5, 6]}]}', 'Too many terms in numeric range expression'],
    ['{"n": [{"numeric": [">", 10, "<", 5]}]}', 'Bottom must be less than top'],
    ['{"n": [{"numeric": [">=", 5, "<=", 5]}]}', 'Bottom must be less than top'],
    ['{"n": [{"numeric": [">", 0], "prefix": "a"}]}', 'Too many elements in numeric expression'],
    [
      '{"s": [{"anything-but": null}]}',
      'Value of anything-but must be an array or single string/number value.',
    ],
    [
      '{"s": [{"anything-but": true}]}',
      'Value of anything-but must be an array or single string/number value.',
    ],
    [
      '{"s": [{"anything-but": []}]}',
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [
      '{"s": [{"anything-but": ["a", 1]}]}',
      'Inside anything but list, either all values are number or string, mixed type is not supported',
    ],
    [
      '{"s": [{"anything-but": ["a", null]}]}',
      'Inside anything but list, start|null|boolean is not supported.',
    ],
    ['{"s": [{"anything-but": [["a"]]}]}', 'Inside anything but list, start|null|boolean is not supported.'],
    ['{"s": [{"anything-but": {}}]}', 'Anything-But expression name not found'],
    ['{"s": [{"anything-but": {"numeric": [">", 1]}}]}', 'Unsupported anything-but pattern: numeric'],
    ['{"s": [{"anything-but": {"prefix": ""}}]}', 'Null prefix/suffix not allowed'],
    ['{"s": [{"anything-but": {"suffix": ["a", ""]}}]}', 'Null prefix/suffix not allowed'],
    ['{"s": [{"anything-but": {"prefix": 5}}]}', 'prefix/suffix match pattern must be a string'],
    ['{"s": [{"anything-but": {"suffix": [null]}}]}', 'prefix/suffix match pattern must be a string'],
    [
      '{"s": [{"anything-but": {"prefix": true}}]}',
      'Value of anything-but must be an array or single string/number value.',
    ],
    [
      '{"s": [{"anything-but": {"equals-ignore-case": 5}}]}',
      'Inside anything-but/equals-ignore-case list, number|start|null|boolean is not supported.',
    ],
    ['{"s": [{"anything-but": {"wildcard": [1]}}]}', 'wildcard match pattern must be a string'],
    ['{"s": [{"anything-but": {"wildcard": "a**"}}]}', 'Consecutive wildcard characters at pos 2'],
    ['{"s": [{"anything-but": {"prefix": "a", "suffix": "b"}}]}', 'Too many elements in numeric expression'],
    ['{"s": [{"anything-but": "a", "prefix": "b"}]}', 'Too many elements in numeric expression'],
    ['{"s": [{"exactly": 5}]}', 'exact match pattern must be a string'],
    ['{"s": [{"exists": "true"}]}', 'exists match pattern must be either true or false.'],
    ['{"s": [{"exists": true, "prefix": "a"}]}', 'Only one key allowed in match expression'],
    ['{"ip": [{"cidr": 10}]}', 'prefix match pattern must be a string'],
    ['{"ip": [{"cidr": "10.0.0.0"}]}', "Malformed CIDR, one '/' required"],
    ['{"ip": [{"cidr": "10.0.0.0/8/8"}]}', "Malformed CIDR, one '/' required"],
    ['{"ip": [{"cidr": "10.0.0.0/x"}]}', 'Malformed CIDR, mask bits must be an integer'],
    ['{"ip": [{"cidr": "10.0.0.0/-1"}]}', 'Malformed CIDR, mask bits must not be negative'],
    ['{"ip": [{"cidr": "10.0.0.0/32"}]}', 'IPv4 mask bits must be < 32'],
    ['{"ip": [{"cidr": "::/128"}]}', 'IPv6 mask bits must be < 128'],
    ['{"ip": [{"cidr": "10.0.0.256/8"}]}', 'Invalid IP address: 10.0.0.256'],
    ['{"ip": [{"cidr": "2001:db8:::1/64"}]}', 'Invalid IP address: 2001:db8:::1'],
    ['{"ip": [{"cidr": "host.example/8"}]}', 'Nonstandard IP address: host.example'],
    ['{"ip": [{"cidr": "10.0.0.0/8", "prefix": "1"}]}', 'Only one key allowed in match expression'],
    ['{"$or": {"a": ["b"]}}', 'It must be an Array followed with $or.'],
    ['{"$or": [{"a": ["b"]}]}', 'There must have at least 2 Objects in $or relationship.'],
    ['{"$or": []}', 'There must have at least 2 Objects in $or relationship.'],
    ['{"$or": [{"a": ["b"]}, "c"]}', 'Only JSON object is allowed in array of $or relationship.'],
    ['{"$or": [{"a": ["b"]}, {}]}', 'Empty objects are not allowed'],
    [
      '{"$or": [{"numeric": [">", 1]}, {"prefix": ["a"]}]}',
      'numeric is Ruler reserved fieldName which cannot be used inside $or.',
    ],
    [
      '{"$or": [{"a": {"cidr": ["x"]}}, {"b": ["c"]}]}',
      'cidr is Ruler reserved fieldName which cannot be used inside $or.',
    ],
    ['{"detail": {"$or": [{"a": ["b"]}, {"c": "d"}]}}', '"c" must be an object or an array'],
    ['{"a": ["ok"], "b": [{"numeric": [">", "x"]}]}', 'Value of > must be numeric'],
  ];
  it.each(cases)('%s -> %s', (pattern, reason) => {
    const error = errorOf(pattern);
    expect(error.code).toBe('InvalidEventPatternException');
    expect(error.status).toBe(400);
    expect(error.message).toBe(`Event pattern is not valid. Reason: ${reason}`);
  });

  it('accepts operator names as ordinary field names outside $or', () => {
    expect(compilePattern('{"prefix": ["a"]}').matches({ prefix: 'a' })).toBe(true);
  });

  it('accepts the documented IPv4 CIDR widths up to /31', () => {
    expect(compilePattern('{"ip": [{"cidr": "10.0.0.0/31"}]}').matches({ ip: '10.0.0.1' })).toBe(true);
  });
});
