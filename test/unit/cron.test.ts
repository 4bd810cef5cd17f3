import { describe, expect, it } from 'vitest';
import { compileCron } from '../../src/local/engines/cron.js';
import { parseSchedule } from '../../src/local/services/events/schedule.js';
import { INVALID_RATES } from '../fixtures/scheduleExpressions.js';

const at = (iso: string): number => Date.parse(iso);
const iso = (ms: number | undefined): string | undefined =>
  ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z');

function nextOf(fields: string, after: string): string | undefined {
  const cron = compileCron(fields);
  expect(cron, `cron(${fields}) should compile`).toBeDefined();
  return iso(cron!.next(at(after)));
}

describe('AWS cron: next firing (UTC)', () => {
  // [fields, after, expected next]; 2024-01-01 is a Monday, 2024 a leap year.
  const table: [string, string, string | undefined][] = [
    // plain values, strictly after
    ['0 10 * * ? *', '2024-01-01T09:59:30Z', '2024-01-01T10:00:00Z'],
    ['0 10 * * ? *', '2024-01-01T10:00:00Z', '2024-01-02T10:00:00Z'],
    ['15 12 * * ? *', '2024-12-31T12:15:00Z', '2025-01-01T12:15:00Z'],
    ['* * * * ? *', '2024-01-01T00:00:59.999Z', '2024-01-01T00:01:00Z'],
    ['0 10 * * ? *', '1969-06-01T00:00:00Z', '1970-01-01T10:00:00Z'],
    // lists and increments
    ['5,35 14 * * ? *', '2024-01-01T14:05:00Z', '2024-01-01T14:35:00Z'],
    ['5,35 14 * * ? *', '2024-01-01T14:35:00Z', '2024-01-02T14:05:00Z'],
    ['0/15 * * * ? *', '2024-01-01T00:07:00Z', '2024-01-01T00:15:00Z'],
    ['0/15 * * * ? *', '2024-01-01T00:45:00Z', '2024-01-01T01:00:00Z'],
    ['1/10 * * * ? *', '2024-01-01T00:51:00Z', '2024-01-01T01:01:00Z'],
    ['*/20 * * * ? *', '2024-01-01T00:41:00Z', '2024-01-01T01:00:00Z'],
    ['0 12 * */3 ? *', '2024-02-01T00:00:00Z', '2024-04-01T12:00:00Z'],
    ['0 0 1 1 ? 2024/2', '2024-01-01T00:00:00Z', '2026-01-01T00:00:00Z'],
    // ranges, names, wrap-around ranges
    ['0 18 ? * MON-FRI *', '2024-01-05T18:00:00Z', '2024-01-08T18:00:00Z'],
    ['0 18 ? * mon-fri *', '2024-01-06T00:00:00Z', '2024-01-08T18:00:00Z'],
    ['0/30 8-9 ? * 2-6 *', '2024-01-01T09:30:00Z', '2024-01-02T08:00:00Z'],
    ['0 0 ? * FRI-MON *', '2024-01-02T00:00:00Z', '2024-01-05T00:00:00Z'],
    ['0 22-2 * * ? *', '2024-01-01T02:00:00Z', '2024-01-01T22:00:00Z'],
    ['0 22-2 * * ? *', '2024-01-01T23:00:00Z', '2024-01-02T00:00:00Z'],
    ['0 9 * JAN,MAR ? *', '2024-01-31T09:00:00Z', '2024-03-01T09:00:00Z'],
    ['0 8 1 * ? *', '2024-01-01T08:00:00Z', '2024-02-01T08:00:00Z'],
    ['0 0 31 * ? *', '2024-01-31T00:00:00Z', '2024-03-31T00:00:00Z'],
    ['0 0 29 2 ? *', '2024-03-01T00:00:00Z', '2028-02-29T00:00:00Z'],
    // L, W and LW in day-of-month
    ['0 12 L * ? *', '2024-02-01T00:00:00Z', '2024-02-29T12:00:00Z'],
    ['0 12 L * ? *', '2023-02-01T00:00:00Z', '2023-02-28T12:00:00Z'],
    ['0 12 LW * ? *', '2024-03-01T00:00:00Z', '2024-03-29T12:00:00Z'],
    ['0 12 LW * ? *', '2024-08-01T00:00:00Z', '2024-08-30T12:00:00Z'],
    ['0 9 15W * ? *', '2024-06-01T00:00:00Z', '2024-06-14T09:00:00Z'],
    ['0 9 15W * ? *', '2024-09-01T00:00:00Z', '2024-09-16T09:00:00Z'],
    ['0 9 1W * ? *', '2024-05-31T12:00:00Z', '2024-06-03T09:00:00Z'],
    ['0 9 31W * ? *', '2024-03-01T00:00:00Z', '2024-03-29T09:00:00Z'],
    ['0 9 31W * ? *', '2024-04-01T00:00:00Z', '2024-05-31T09:00:00Z'],
    // L and # in day-of-week
    ['0 12 ? * L *', '2024-01-01T00:00:00Z', '2024-01-06T12:00:00Z'],
    ['0 0 ? 2 1L *', '2024-01-01T00:00:00Z', '2024-02-25T00:00:00Z'],
    ['15 10 ? * 6L 2002-2005', '2002-01-01T00:00:00Z', '2002-01-25T10:15:00Z'],
    ['15 10 ? * 6L 2002-2005', '2024-01-01T00:00:00Z', undefined],
    ['0 2 ? * SAT#3 *', '2024-01-01T00:00:00Z', '2024-01-20T02:00:00Z'],
    ['0 0 ? * 2#5 *', '2024-01-01T00:00:00Z', '2024-01-29T00:00:00Z'],
    ['0 0 ? * 2#5 *', '2024-01-29T00:00:00Z', '2024-04-29T00:00:00Z'],
    // year field
    ['0/5 5 ? JAN 1-5 2022', '2021-12-31T00:00:00Z', '2022-01-02T05:00:00Z'],
    ['0 0 1 1 ? 2030', '2024-06-01T00:00:00Z', '2030-01-01T00:00:00Z'],
    ['0 0 1 1 ? 2030', '2030-01-01T00:00:00Z', undefined],
    ['59 23 31 12 ? 2199', '2199-12-31T23:58:00Z', '2199-12-31T23:59:00Z'],
    ['59 23 31 12 ? 2199', '2199-12-31T23:59:00Z', undefined],
    // a date that never comes
    ['0 0 30 2 ? *', '2024-01-01T00:00:00Z', undefined],
  ];

  it.each(table)('cron(%s) after %s → %s', (fields, after, expected) => {
    expect(nextOf(fields, after)).toBe(expected);
  });

  it('walks a schedule forward firing by firing', () => {
    const cron = compileCron('0 9 ? * MON#1,MON#3 *');
    expect(cron).toBeUndefined(); // one # expression only, as AWS documents
    const weekly = compileCron('30 9 ? * TUE,THU *')!;
    const seen: string[] = [];
    let t = at('2024-01-01T00:00:00Z');
    for (let i = 0; i < 4; i++) {
      t = weekly.next(t)!;
      seen.push(iso(t)!);
    }
    expect(seen).toEqual([
      '2024-01-02T09:30:00Z',
      '2024-01-04T09:30:00Z',
      '2024-01-09T09:30:00Z',
      '2024-01-11T09:30:00Z',
    ]);
  });
});

describe('AWS cron: what does not compile', () => {
  it.each([
    ['0 1 * * * *', 'both day fields given'],
    ['0 12 ? * ? *', 'both day fields ?'],
    ['7 20 * * NOT *', 'unknown day name'],
    ['INVALID', 'not six fields'],
    ['0 dummy ? * MON-FRI *', 'not a number'],
    ['71 8 1 * ? *', 'minute out of range'],
    ['0 12 * * ?', 'five fields'],
    ['0 12 * * ? * *', 'seven fields'],
    ['0 24 * * ? *', 'hour out of range'],
    ['0 0 0 * ? *', 'day 0'],
    ['0 0 32 * ? *', 'day 32'],
    ['0 0 * 13 ? *', 'month 13'],
    ['0 0 ? * 0 *', 'weekday 0'],
    ['0 0 ? * 8 *', 'weekday 8'],
    ['0 0 * * ? 1969', 'year before 1970'],
    ['0 0 * * ? 2200', 'year after 2199'],
    ['0/0 * * * ? *', 'zero increment'],
    ['0 0 ? * MON/2 *', 'increment in day-of-week'],
    ['0 0 ? * 3#1,6#3 *', 'two # expressions'],
    ['0 0 ? * 3#6 *', 'sixth weekday'],
    ['0 0 ? * 8L *', 'last weekday 8'],
    ['0 0 1,L * ? *', 'L in a list'],
    ['0 0 32W * ? *', 'nearest weekday to day 32'],
    ['0 0 L * L *', 'L in both day fields'],
    ['? 0 * * ? *', '? in minutes'],
    ['0 0 W * ? *', 'W without a day'],
    ['0 0 1-5/ * ? *', 'empty increment'],
    ['0 0 1--5 * ? *', 'double dash'],
    ['0 0 ,1 * ? *', 'empty list item'],
  ])('cron(%s): %s', (fields) => {
    expect(compileCron(fields)).toBeUndefined();
  });
});

describe('schedule expressions', () => {
  it('accepts what AWS accepts', () => {
    for (const expression of [
      'rate(1 minute)',
      'rate(5 minutes)',
      'rate(1 hour)',
      'rate(12 hours)',
      'rate(1 day)',
      'rate(7 days)',
      'cron(0 12 * * ? *)',
      'cron(15 10 ? * 6L 2002-2005)',
      'cron(0 2 ? * SAT#3 *)',
      'cron(0/5 8-17 ? * MON-FRI *)',
    ])
      expect(parseSchedule(expression), expression).toBeDefined();
  });

  it('refuses what AWS refuses', () => {
    for (const expression of [
      ...INVALID_RATES,
      'cron(0 12 * * ?)',
      'cron( 0 12 * * ? * )',
      'cron()',
      'every day',
    ])
      expect(parseSchedule(expression), expression).toBeUndefined();
  });

  it('counts a rate from its anchor, strictly after the given time', () => {
    const schedule = parseSchedule('rate(5 minutes)')!;
    const anchor = at('2024-01-01T00:00:30Z');
    expect(iso(schedule.next(anchor, anchor))).toBe('2024-01-01T00:05:30Z');
    expect(iso(schedule.next(at('2024-01-01T00:05:30Z'), anchor))).toBe('2024-01-01T00:10:30Z');
    expect(iso(schedule.next(at('2024-01-01T01:02:00Z'), anchor))).toBe('2024-01-01T01:05:30Z');
    // An anchor in the future (a time factor changed between runs) still gives the next slot.
    expect(iso(schedule.next(at('2024-01-01T00:00:00Z'), at('2024-01-01T00:12:00Z')))).toBe(
      '2024-01-01T00:02:00Z',
    );
    const daily = parseSchedule('rate(1 day)')!;
    expect(iso(daily.next(at('2024-03-05T10:00:00Z'), at('2024-01-01T06:00:00Z')))).toBe(
      '2024-03-06T06:00:00Z',
    );
  });
});
