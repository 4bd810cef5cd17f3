// Schedule expressions of scheduled rules: `rate(value unit)` and `cron(six fields)`, validated as
// PutRule does ("Parameter ScheduleExpression is not valid.") and turned into next-firing times.

import { compileCron } from '../../engines/cron.js';

export interface Schedule {
  readonly expression: string;
  /**
   * The first firing strictly after `after` (epoch ms), or undefined when none is left. A rate
   * counts from `anchor` ("a rate expression starts when you create the scheduled event rule").
   */
  next(after: number, anchor: number): number | undefined;
}

// rate(value unit): a positive integer, the unit singular for 1 and plural otherwise; one space,
// nothing around it (AWS refuses `rate( 10 minutes )`, `rate(10 MINUTES)`, ` rate(10 minutes)`).
const RATE = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/;
const CRON = /^cron\((\S(?:.*\S)?)\)$/;
const UNIT_MS: Record<string, number> = { minute: 60_000, hour: 3_600_000, day: 86_400_000 };

export function parseSchedule(expression: string): Schedule | undefined {
  const rate = RATE.exec(expression);
  if (rate) {
    const value = Number(rate[1]);
    const unit = rate[2]!;
    const plural = unit.endsWith('s');
    if (value < 1 || (value === 1) === plural) return undefined;
    const interval = value * UNIT_MS[plural ? unit.slice(0, -1) : unit]!;
    return {
      expression,
      next: (after, anchor) => anchor + interval * (Math.floor((after - anchor) / interval) + 1),
    };
  }
  const cron = CRON.exec(expression);
  const compiled = cron ? compileCron(cron[1]!) : undefined;
  if (!compiled) return undefined;
  return { expression, next: (after) => compiled.next(after) };
}
