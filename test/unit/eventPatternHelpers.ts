// Shared by the event pattern unit tests: AWS's sample EC2 event and a table-driven check that a
// pattern (JSON text, or a value to stringify) does or does not match an event.

import { expect } from 'vitest';
import { compilePattern } from '../../src/local/engines/eventPattern.js';

// The sample event of AWS's content-filtering documentation.
export const EC2_EVENT = {
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

export type Case = [name: string, pattern: unknown, event: unknown, expected: boolean];

export function check([, pattern, event, expected]: Case): void {
  const source = typeof pattern === 'string' ? pattern : JSON.stringify(pattern);
  expect(compilePattern(source).matches(event)).toBe(expected);
}
