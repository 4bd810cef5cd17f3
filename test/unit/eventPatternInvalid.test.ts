// EventBridge patterns AWS refuses: each invalid pattern with the exact InvalidEventPatternException
// reason, and operator names accepted as ordinary field names.

import { describe, expect, it } from 'vitest';
import { compilePattern } from '../../src/local/engines/eventPattern.js';
import { AwsServiceError } from '../../src/local/errors.js';

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
