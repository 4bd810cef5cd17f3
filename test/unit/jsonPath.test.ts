import { describe, expect, it } from 'vitest';
import { compileJsonPath, selectJsonPath } from '../../src/local/engines/jsonPath.js';
import { AwsServiceError } from '../../src/local/errors.js';

const EVENT = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  time: '2015-11-11T21:29:54Z',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111', 'arn:second'],
  detail: {
    'instance-id': 'i-0123456789',
    state: 'RUNNING',
    count: 0,
    flag: false,
    nothing: null,
    'key with space': 'spaced',
    "it's": 'quoted',
    nested: { a: { b: 'deep' } },
    items: [
      { name: 'one', tags: ['x'] },
      { name: 'two', tags: ['y', 'z'] },
    ],
    'path/with/slashes': 'slashed',
  },
};

describe('selectJsonPath', () => {
  const cases: Array<[path: string, expected: unknown]> = [
    ['$', EVENT],
    ['$.detail', EVENT.detail],
    ['$.detail-type', 'EC2 Instance State-change Notification'],
    ['$.detail.instance-id', 'i-0123456789'],
    ['$.detail.nested.a.b', 'deep'],
    ['$.detail.path/with/slashes', 'slashed'],
    ['$.resources[0]', 'arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
    ['$.resources[1]', 'arn:second'],
    ['$.resources[-1]', 'arn:second'],
    ['$.detail.items[1].name', 'two'],
    ['$.detail.items[1].tags[0]', 'y'],
    ["$['detail']['state']", 'RUNNING'],
    ['$["detail"]["key with space"]', 'spaced'],
    ["$.detail['it\\'s']", 'quoted'],
    ["$.detail.['state']", 'RUNNING'],
    ['$.detail.count', 0],
    ['$.detail.flag', false],
    ['$.detail.nothing', null],
    ['$.detail.items[*].name', ['one', 'two']],
    ['$.detail.items[*].tags[*]', ['x', 'y', 'z']],
    ['$.detail.nested.*', [{ b: 'deep' }]],
    ['$.detail.items[*].missing', []],
  ];
  it.each(cases)('%s', (path, expected) => {
    expect(selectJsonPath(EVENT, path)).toEqual(expected);
  });

  const absent = [
    '$.missing',
    '$.detail.missing.deeper',
    '$.resources[2]',
    '$.resources[-3]',
    '$.resources.length',
    '$.detail[0]',
    '$.source.length',
    '$.detail.constructor',
    '$.detail.nested.toString',
  ];
  it.each(absent)('%s selects nothing', (path) => {
    expect(selectJsonPath(EVENT, path)).toBeUndefined();
  });

  it('reports definiteness', () => {
    expect(compileJsonPath('$.detail.items[0]').definite).toBe(true);
    expect(compileJsonPath('$.detail.items[*]').definite).toBe(false);
    expect(compileJsonPath("$.a['b'][2]").segments).toEqual([
      { kind: 'member', name: 'a' },
      { kind: 'member', name: 'b' },
      { kind: 'index', index: 2 },
    ]);
  });
});

function errorOf(path: string): AwsServiceError {
  try {
    compileJsonPath(path);
  } catch (error) {
    if (error instanceof AwsServiceError) return error;
    throw error;
  }
  throw new Error(`path was accepted: ${path}`);
}

describe('compileJsonPath: invalid paths', () => {
  const cases: Array<[path: string, reason: string]> = [
    ['', "a path must start with '$'"],
    ['detail.state', "a path must start with '$'"],
    ['$.', 'expected a member name at position 2'],
    ['$.detail.', 'expected a member name at position 9'],
    ['$detail', "unexpected 'd' at position 1"],
    ['$..state', "deep scan '..' is not supported"],
    ['$.detail[', "missing ']' after position 8"],
    ["$['detail", 'unterminated quoted member name'],
    ["$['detail'x]", "expected ']' at position 10"],
    ['$.items[0:2]', "unsupported expression '[0:2]'"],
    ['$.items[?(@.a)]', "unsupported expression '[?(@.a)]'"],
    ['$.items[0,1]', "unsupported expression '[0,1]'"],
    ['$.a b', "unexpected ' ' at position 3"],
  ];
  it.each(cases)('%j -> %s', (path, reason) => {
    const error = errorOf(path);
    expect(error.code).toBe('ValidationException');
    expect(error.status).toBe(400);
    expect(error.message).toBe(`Invalid JSON path '${path}': ${reason}`);
  });

  it('selectJsonPath throws the same error for a bad path', () => {
    expect(() => selectJsonPath(EVENT, 'detail')).toThrow(
      "Invalid JSON path 'detail': a path must start with '$'",
    );
  });
});
