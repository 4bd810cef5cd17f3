// The log formats of the execution engine: stream names, platform lines, the tail, line splitting.

import { describe, expect, it } from 'vitest';
import {
  exitReason,
  initReportLine,
  LineSplitter,
  lineToMessage,
  logStreamName,
  logTail,
  newEnvironmentId,
  reportLine,
  timeoutLine,
} from '../../../src/local/services/lambda/runtime/logs.js';

describe('log streams', () => {
  it('names a stream like Lambda: UTC date, [qualifier], 32 hex', () => {
    const id = newEnvironmentId();
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(logStreamName(Date.UTC(2024, 0, 5, 23, 59), '$LATEST', id)).toBe(`2024/01/05/[$LATEST]${id}`);
    expect(logStreamName(Date.UTC(2024, 11, 31), '12', id)).toBe(`2024/12/31/[12]${id}`);
  });
});

describe('platform lines', () => {
  it('formats REPORT with AWS separators, optional init, status and error type', () => {
    const base = {
      requestId: 'r1',
      durationMs: 12.345,
      billedDurationMs: 13,
      memorySize: 128,
      maxMemoryUsedMb: 64,
    };
    expect(reportLine(base)).toBe(
      'REPORT RequestId: r1\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\t\n',
    );
    expect(
      reportLine({ ...base, initDurationMs: 150.5, status: 'error', errorType: 'Runtime.ExitError' }),
    ).toBe(
      'REPORT RequestId: r1\tDuration: 12.35 ms\tBilled Duration: 13 ms\tMemory Size: 128 MB\tMax Memory Used: 64 MB\t' +
        'Init Duration: 150.50 ms\tStatus: error\tError Type: Runtime.ExitError\t\n',
    );
  });

  it('formats INIT_REPORT and the timeout notice', () => {
    expect(initReportLine(10000, 'timeout')).toBe(
      'INIT_REPORT Init Duration: 10000.00 ms\tPhase: init\tStatus: timeout\t\n',
    );
    expect(initReportLine(3.2, 'error', 'Runtime.ImportModuleError')).toBe(
      'INIT_REPORT Init Duration: 3.20 ms\tPhase: init\tStatus: error\tError Type: Runtime.ImportModuleError\t\n',
    );
    expect(timeoutLine(Date.UTC(2024, 4, 1, 10, 0, 3), 'r2', 3)).toBe(
      '2024-05-01T10:00:03.000Z r2 Task timed out after 3.00 seconds\n',
    );
  });

  it('words an exit the way the Lambda supervisor does', () => {
    expect(exitReason(1, null)).toBe('Runtime exited with error: exit status 1');
    expect(exitReason(null, 'SIGKILL')).toBe('Runtime exited with error: signal: killed');
    expect(exitReason(null, 'SIGABRT')).toBe('Runtime exited with error: signal: aborted');
    expect(exitReason(0, null)).toBe('Runtime exited without providing a reason');
  });
});

describe('logTail', () => {
  const ev = (message: string) => ({ timestamp: 0, message });

  it('returns short logs whole', () => {
    expect(logTail([ev('START\n'), ev('END\n')])).toBe('START\nEND\n');
  });

  it('keeps the last 4096 bytes of UTF-8', () => {
    const tail = logTail([ev('a'.repeat(5000)), ev('é'.repeat(100)), ev('END\n')]);
    expect(Buffer.byteLength(tail)).toBeLessThanOrEqual(4096);
    expect(tail.endsWith(`${'é'.repeat(100)}END\n`)).toBe(true);
    expect(tail.startsWith('a')).toBe(true);
  });
});

describe('LineSplitter', () => {
  it('joins chunks into lines and flushes a last unterminated one', () => {
    const lines: string[] = [];
    const s = new LineSplitter((line) => lines.push(line));
    s.push('one\ntw');
    s.push('o\n\nthr');
    expect(lines).toEqual(['one', 'two', '']);
    s.flush();
    expect(lines).toEqual(['one', 'two', '', 'thr']);
  });

  it('splits a line longer than a CloudWatch event', () => {
    const lines: string[] = [];
    const s = new LineSplitter((line) => lines.push(line));
    s.push('x'.repeat(256 * 1024 + 10));
    s.flush();
    expect(lines.map((l) => l.length)).toEqual([256 * 1024, 10]);
  });

  it('turns the console patch’s \\r back into newlines', () => {
    expect(lineToMessage('t\tid\tINFO\ta\rb')).toBe('t\tid\tINFO\ta\nb\n');
    expect(lineToMessage('windows line\r')).toBe('windows line\n');
  });
});
