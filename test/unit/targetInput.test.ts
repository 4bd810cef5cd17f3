import { describe, expect, it } from 'vitest';
import {
  renderTargetInput,
  type TargetInputConfig,
  validateTargetInput,
} from '../../src/local/engines/targetInput.js';
import { AwsServiceError } from '../../src/local/errors.js';

// The sample event of AWS's "Transforming target input" documentation.
const EVENT = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2015-11-11T21:29:54Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111'],
  detail: { 'instance-id': 'i-0123456789', state: 'RUNNING', size: 42, tags: { env: 'prod' } },
};

const PATHS = { timestamp: '$.time', instance: '$.detail.instance-id', state: '$.detail.state' };
const RULE = { ruleArn: 'arn:aws:events:us-east-2:123456789012:rule/example', ruleName: 'example' };

const transform = (
  InputTemplate: string,
  InputPathsMap: Record<string, string> = PATHS,
): TargetInputConfig => ({
  InputTransformer: { InputPathsMap, InputTemplate },
});

describe('renderTargetInput: InputTransformer (documented examples)', () => {
  const cases: Array<[name: string, template: string, expected: string]> = [
    ['simple string', '"instance <instance> is in <state>"', '"instance i-0123456789 is in RUNNING"'],
    [
      'string with escaped quotes',
      '"instance \\"<instance>\\" is in <state>"',
      '"instance \\"i-0123456789\\" is in RUNNING"',
    ],
    [
      'simple JSON (minified)',
      '{\n  "instance" : <instance>,\n  "state": <state>\n}',
      '{"instance":"i-0123456789","state":"RUNNING"}',
    ],
    [
      'JSON with strings and variables',
      '{\n "instance" : <instance>,\n "state": "<state>",\n "instanceStatus": "instance \\"<instance>\\" is in <state>"\n}',
      '{"instance":"i-0123456789","state":"RUNNING","instanceStatus":"instance \\"i-0123456789\\" is in RUNNING"}',
    ],
    [
      'JSON with a mix of variables and static information',
      '{\n  "instance" : <instance>,\n  "state": [ 9, <state>, true ],\n  "Transformed" : "Yes"\n}',
      '{"instance":"i-0123456789","state":[9,"RUNNING",true],"Transformed":"Yes"}',
    ],
    ['reserved variable in a string', '"<aws.events.rule-name> triggered"', '"example triggered"'],
  ];
  it.each(cases)('%s', (_name, template, expected) => {
    expect(renderTargetInput(EVENT, transform(template), RULE)).toBe(expected);
  });

  it('reserved variables in JSON', () => {
    const template =
      '{\n  "instance" : <instance>,\n  "state": <state>,\n  "ruleArn" : <aws.events.rule-arn>,\n' +
      '  "ruleName" : <aws.events.rule-name>,\n  "originalEvent" : <aws.events.event>\n}';
    const output = JSON.parse(renderTargetInput(EVENT, transform(template), RULE));
    expect(output.instance).toBe('i-0123456789');
    expect(output.state).toBe('RUNNING');
    expect(output.ruleArn).toBe(RULE.ruleArn);
    expect(output.ruleName).toBe('example');
    expect(output.originalEvent.source).toBe('aws.ec2');
  });
});

describe('renderTargetInput: InputTransformer (behaviour observed on AWS)', () => {
  it('a path that selects nothing becomes an empty string inside a string template', () => {
    const target = transform('"Event of <detail-type> type, info <command>"', {
      'detail-type': '$.detail-type',
      command: '$.detail.notinmessage',
    });
    expect(renderTargetInput(EVENT, target)).toBe(
      '"Event of EC2 Instance State-change Notification type, info "',
    );
  });

  it('a path that selects nothing becomes "" in a JSON value position', () => {
    const target = transform('{"time": <timestamp>, "command": <command>}', {
      timestamp: '$.time',
      command: '$.detail.notinmessage',
    });
    expect(renderTargetInput(EVENT, target)).toBe('{"time":"2015-11-11T21:29:54Z","command":""}');
  });

  it('<aws.events.event> is the envelope without detail and with detailType', () => {
    const output = JSON.parse(renderTargetInput(EVENT, transform('{"e": <aws.events.event>}', {})));
    expect(Object.keys(output.e)).toEqual([
      'id',
      'account',
      'detailType',
      'time',
      'source',
      'region',
      'resources',
      'version',
    ]);
    expect(output.e.detailType).toBe('EC2 Instance State-change Notification');
  });

  it('<aws.events.event.json> is the whole event', () => {
    const output = JSON.parse(renderTargetInput(EVENT, transform('{"e": <aws.events.event.json>}', {})));
    expect(output.e).toEqual(EVENT);
  });

  it('predefined variables need no InputPathsMap', () => {
    const target: TargetInputConfig = {
      InputTransformer: {
        InputTemplate:
          '"all: <aws.events.rule-arn> <aws.events.rule-name> <aws.events.event.ingestion-time>"',
      },
    };
    expect(renderTargetInput(EVENT, target, RULE)).toBe(
      `"all: ${RULE.ruleArn} example 2015-11-11T21:29:54Z"`,
    );
    expect(renderTargetInput(EVENT, target, { ...RULE, ingestionTime: '2020-01-01T00:00:00Z' })).toBe(
      `"all: ${RULE.ruleArn} example 2020-01-01T00:00:00Z"`,
    );
  });

  it('keeps special characters at the start of a string template', () => {
    expect(renderTargetInput(EVENT, transform('"{[/Check <state>"'))).toBe('"{[/Check RUNNING"');
  });
});

describe('renderTargetInput: InputTransformer value formatting', () => {
  const paths = { size: '$.detail.size', tags: '$.detail.tags', state: '$.detail.state', res: '$.resources' };
  const cases: Array<[name: string, template: string, expected: string]> = [
    ['number in value position', '{"n": <size>}', '{"n":42}'],
    ['number inside a string', '{"n": "size=<size>"}', '{"n":"size=42"}'],
    ['object in value position', '{"t": <tags>}', '{"t":{"env":"prod"}}'],
    ['object inside a string is raw JSON', '"tags <tags>"', '"tags {"env":"prod"}"'],
    [
      'array in value position',
      '[<res>, <state>]',
      '[["arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"],"RUNNING"]',
    ],
    ['whitespace inside strings is kept', '{ "a b" : " <state> " }', '{"a b":" RUNNING "}'],
    ['plain text template', 'state is <state>', 'state is RUNNING'],
    ['unknown placeholders are left alone', '"<state> <other>"', '"RUNNING <other>"'],
    ['angle brackets that are not placeholders', '"1 < 2 > 0 <state>"', '"1 < 2 > 0 RUNNING"'],
    ['a placeholder used twice', '"<state>/<state>"', '"RUNNING/RUNNING"'],
  ];
  it.each(cases)('%s', (_name, template, expected) => {
    expect(renderTargetInput(EVENT, transform(template, paths))).toBe(expected);
  });

  it('does not escape string values (as AWS documents)', () => {
    const event = { ...EVENT, detail: { ...EVENT.detail, state: 'say "hi"' } };
    expect(renderTargetInput(event, transform('{"s": "<state>"}'))).toBe('{"s":"say "hi""}');
  });

  it('quotes and escapes string values in value position', () => {
    const event = { ...EVENT, detail: { ...EVENT.detail, state: 'say "hi"' } };
    expect(JSON.parse(renderTargetInput(event, transform('{"s": <state>}'))).s).toBe('say "hi"');
  });

  it('a missing rule name renders empty', () => {
    expect(renderTargetInput(EVENT, transform('"rule=<aws.events.rule-name>"', {}))).toBe('"rule="');
  });
});

describe('renderTargetInput: Input, InputPath and default', () => {
  it('Input is passed verbatim', () => {
    expect(renderTargetInput(EVENT, { Input: '{ "constant" : true }' })).toBe('{ "constant" : true }');
  });

  it('Input wins over the other members', () => {
    expect(renderTargetInput(EVENT, { Input: '"c"', InputPath: '$.detail', ...transform('"x"') })).toBe(
      '"c"',
    );
  });

  const paths: Array<[path: string, expected: string]> = [
    ['$', JSON.stringify(EVENT)],
    ['$.detail', JSON.stringify(EVENT.detail)],
    ['$.detail.state', '"RUNNING"'],
    ['$.detail.size', '42'],
    ['$.resources[0]', '"arn:aws:ec2:us-east-1:123456789012:instance/i-abcd1111"'],
    ['$.detail.missing', 'null'],
  ];
  it.each(paths)('InputPath %s', (path, expected) => {
    expect(renderTargetInput(EVENT, { InputPath: path })).toBe(expected);
  });

  it('without input members the whole event goes as JSON', () => {
    expect(renderTargetInput(EVENT, {})).toBe(JSON.stringify(EVENT));
  });
});

function errorOf(fn: () => void): AwsServiceError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AwsServiceError) return error;
    throw error;
  }
  throw new Error('no error was thrown');
}

describe('validateTargetInput', () => {
  const cases: Array<[name: string, target: TargetInputConfig, message: string]> = [
    [
      'more than one input member',
      { InputPath: '$.detail', ...transform('"x"') },
      'Only one of Input, InputPath, or InputTransformer must be provided for target t1.',
    ],
    [
      'Input and InputPath',
      { Input: '{}', InputPath: '$' },
      'Only one of Input, InputPath, or InputTransformer must be provided for target t1.',
    ],
    ['Input that is not JSON', { Input: 'not json' }, 'Input for target t1 is not a valid JSON text.'],
    ['bad InputPath', { InputPath: 'detail' }, "Invalid JSON path 'detail': a path must start with '$'"],
    [
      'bad path in InputPathsMap',
      transform('"<a>"', { a: '$..a' }),
      "Invalid JSON path '$..a': deep scan '..' is not supported",
    ],
    [
      'undefined placeholder',
      transform('"Event of <state>, with not defined key <notdefinedkey>"'),
      'InputTemplate for target t1 contains invalid placeholder notdefinedkey.',
    ],
    [
      'redefined predefined variable',
      transform('"<aws.events.rule-name>"', { 'aws.events.rule-name': '$.source' }),
      'InputPathsMap for target t1 cannot redefine the predefined variable aws.events.rule-name.',
    ],
  ];
  it.each(cases)('%s', (_name, target, message) => {
    const error = errorOf(() => validateTargetInput('t1', target));
    expect(error.code).toBe('ValidationException');
    expect(error.status).toBe(400);
    expect(error.message).toBe(message);
  });

  const valid: Array<[name: string, target: TargetInputConfig]> = [
    ['no input members', {}],
    ['constant JSON', { Input: '{"a":1}' }],
    ['InputPath', { InputPath: '$.detail' }],
    ['documented transformer', transform('{"instance": <instance>, "state": "<state>"}')],
    ['predefined variables only', { InputTransformer: { InputTemplate: '{"e": <aws.events.event.json>}' } }],
    ['angle brackets with spaces are not placeholders', transform('"1 < 2 and 3 > 2: <state>"')],
  ];
  it.each(valid)('accepts %s', (_name, target) => {
    expect(() => validateTargetInput('t1', target)).not.toThrow();
  });
});
