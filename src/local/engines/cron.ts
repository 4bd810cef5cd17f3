// AWS's six-field cron (`minutes hours day-of-month month day-of-week year`, UTC) for EventBridge
// scheduled rules: parse and validate once, then compute the next firing after a given time.

// npm's cron parsers speak Unix/Quartz dialects (seconds first, no year) or do not validate, so
// this follows the EventBridge "Cron expressions reference" itself:
//   minutes 0-59 `, - * /` · hours 0-23 `, - * /` · day-of-month 1-31 `, - * ? / L W` ·
//   month 1-12|JAN-DEC `, - * /` · day-of-week 1-7|SUN-SAT `, - * ? L #` · year 1970-2199 `, - * /`
// One of day-of-month and day-of-week must be `?` (never both, never neither). `L`, `LW`, `nW`,
// `nL` and `n#k` stand alone in their field (AWS: "3#1,6#3" is not valid). Names are
// case-insensitive and a range may wrap (`FRI-MON`, `22-2`), as in Quartz, whose syntax AWS took.

export interface CompiledCron {
  /** The six fields it was compiled from. */
  readonly source: string;
  /** The first firing strictly after `after` (epoch ms), or undefined when none is left (year 2199). */
  next(after: number): number | undefined;
}

const MINUTE_MS = 60_000;
const FIRST_YEAR = 1970;
const LAST_YEAR = 2199;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const WEEKDAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldSpec {
  min: number;
  max: number;
  names?: readonly string[];
  /** `/` is allowed (everywhere but day-of-week). */
  steps: boolean;
}

const MINUTES: FieldSpec = { min: 0, max: 59, steps: true };
const HOURS: FieldSpec = { min: 0, max: 23, steps: true };
const DAYS: FieldSpec = { min: 1, max: 31, steps: true };
const MONTH: FieldSpec = { min: 1, max: 12, names: MONTHS, steps: true };
const WEEKDAY: FieldSpec = { min: 1, max: 7, names: WEEKDAYS, steps: false };
const YEAR: FieldSpec = { min: FIRST_YEAR, max: LAST_YEAR, steps: true };

/** Allowed values of one field, indexed by `value - min`. */
type ValueSet = boolean[];

type DayOfMonth =
  | { kind: 'any' }
  | { kind: 'set'; days: ValueSet }
  | { kind: 'last' }
  | { kind: 'lastWeekday' }
  | { kind: 'nearestWeekday'; day: number };

type DayOfWeek =
  | { kind: 'any' }
  | { kind: 'set'; days: ValueSet }
  | { kind: 'lastOfMonth'; weekday: number }
  | { kind: 'nth'; weekday: number; nth: number };

function value(text: string, spec: FieldSpec): number | undefined {
  let n: number;
  if (/^\d{1,4}$/.test(text)) n = Number(text);
  else {
    const at = spec.names?.indexOf(text) ?? -1;
    if (at === -1) return undefined;
    n = at + 1;
  }
  return n >= spec.min && n <= spec.max ? n : undefined;
}

/** A list of `*`, `a`, `a-b`, with `/step` where the field allows it. */
function valueSet(text: string, spec: FieldSpec): ValueSet | undefined {
  const size = spec.max - spec.min + 1;
  const set: ValueSet = new Array<boolean>(size).fill(false);
  for (const item of text.split(',')) {
    const [range, stepText, extra] = item.split('/');
    if (extra !== undefined || range === undefined) return undefined;
    let step = 1;
    if (stepText !== undefined) {
      if (!spec.steps || !/^\d{1,4}$/.test(stepText)) return undefined;
      step = Number(stepText);
      if (step < 1) return undefined;
    }
    let from: number | undefined;
    let to: number | undefined;
    if (range === '*') {
      from = spec.min;
      to = spec.max;
    } else {
      const dash = range.indexOf('-');
      from = value(dash === -1 ? range : range.slice(0, dash), spec);
      // `a/step` runs to the end of the field; a lone `a` is just itself.
      to = dash !== -1 ? value(range.slice(dash + 1), spec) : stepText !== undefined ? spec.max : from;
    }
    if (from === undefined || to === undefined) return undefined;
    // A range may wrap past the field's end (`22-2` hours, `FRI-MON`).
    const span = (to - from + size) % size;
    for (let i = 0; i <= span; i += step) set[(from - spec.min + i) % size] = true;
  }
  return set;
}

function dayOfMonth(text: string): DayOfMonth | undefined {
  if (text === '?') return { kind: 'any' };
  if (text === 'L') return { kind: 'last' };
  if (text === 'LW') return { kind: 'lastWeekday' };
  const w = /^(\d{1,2})W$/.exec(text);
  if (w) {
    const day = value(w[1]!, DAYS);
    return day === undefined ? undefined : { kind: 'nearestWeekday', day };
  }
  const days = valueSet(text, DAYS);
  return days && { kind: 'set', days };
}

function dayOfWeek(text: string): DayOfWeek | undefined {
  if (text === '?') return { kind: 'any' };
  // `L` alone is the last day of the week: Saturday.
  if (text === 'L') return { kind: 'set', days: [false, false, false, false, false, false, true] };
  const last = /^(\w{1,3})L$/.exec(text);
  if (last) {
    const weekday = value(last[1]!, WEEKDAY);
    return weekday === undefined ? undefined : { kind: 'lastOfMonth', weekday };
  }
  const nth = /^(\w{1,3})#(\d)$/.exec(text);
  if (nth) {
    const weekday = value(nth[1]!, WEEKDAY);
    const n = Number(nth[2]);
    return weekday === undefined || n < 1 || n > 5 ? undefined : { kind: 'nth', weekday, nth: n };
  }
  const days = valueSet(text, WEEKDAY);
  return days && { kind: 'set', days };
}

const daysInMonth = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();
/** 1 (Sunday) … 7 (Saturday), AWS's numbering. */
const weekdayOf = (year: number, month: number, day: number): number =>
  new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 1;

/** Quartz's `nW`: the weekday nearest to day n, never leaving the month. */
function nearestWeekday(year: number, month: number, day: number): number | undefined {
  const last = daysInMonth(year, month);
  if (day > last) return undefined;
  const weekday = weekdayOf(year, month, day);
  if (weekday === 7) return day === 1 ? 3 : day - 1;
  if (weekday === 1) return day === last ? day - 2 : day + 1;
  return day;
}

function lastWeekday(year: number, month: number): number {
  const last = daysInMonth(year, month);
  const weekday = weekdayOf(year, month, last);
  return weekday === 7 ? last - 1 : weekday === 1 ? last - 2 : last;
}

function matchesDayOfMonth(spec: DayOfMonth, year: number, month: number, day: number): boolean {
  switch (spec.kind) {
    case 'any':
      return true;
    case 'set':
      return spec.days[day - 1] === true;
    case 'last':
      return day === daysInMonth(year, month);
    case 'lastWeekday':
      return day === lastWeekday(year, month);
    case 'nearestWeekday':
      return day === nearestWeekday(year, month, spec.day);
  }
}

function matchesDayOfWeek(spec: DayOfWeek, year: number, month: number, day: number): boolean {
  const weekday = weekdayOf(year, month, day);
  switch (spec.kind) {
    case 'any':
      return true;
    case 'set':
      return spec.days[weekday - 1] === true;
    case 'lastOfMonth':
      return weekday === spec.weekday && day + 7 > daysInMonth(year, month);
    case 'nth':
      return weekday === spec.weekday && Math.ceil(day / 7) === spec.nth;
  }
}

/** The first allowed value ≥ `from`, or undefined past the field's end. */
function firstFrom(set: ValueSet, min: number, from: number): number | undefined {
  for (let v = Math.max(from, min); v - min < set.length; v++) if (set[v - min]) return v;
  return undefined;
}

/** Compiles the six fields inside `cron(…)`; undefined when AWS would call them not valid. */
export function compileCron(fields: string): CompiledCron | undefined {
  const parts = fields.trim().toUpperCase().split(/\s+/);
  if (parts.length !== 6) return undefined;
  const [minuteText, hourText, domText, monthText, dowText, yearText] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  // Exactly one of the two day fields is `?`.
  if ((domText === '?') === (dowText === '?')) return undefined;
  const minutes = valueSet(minuteText, MINUTES);
  const hours = valueSet(hourText, HOURS);
  const dom = dayOfMonth(domText);
  const months = valueSet(monthText, MONTH);
  const dow = dayOfWeek(dowText);
  const years = valueSet(yearText, YEAR);
  if (!minutes || !hours || !dom || !months || !dow || !years) return undefined;

  const dayMatches = (y: number, mo: number, d: number): boolean =>
    matchesDayOfMonth(dom, y, mo, d) && matchesDayOfWeek(dow, y, mo, d);

  return {
    source: parts.join(' '),
    next(after: number): number | undefined {
      const start = new Date(Math.floor(after / MINUTE_MS) * MINUTE_MS + MINUTE_MS);
      let y = start.getUTCFullYear();
      let mo = start.getUTCMonth() + 1;
      let d = start.getUTCDate();
      let h = start.getUTCHours();
      let mi = start.getUTCMinutes();
      // Each step moves to the start of the next candidate year, month, day, hour or minute, so
      // the walk ends within the year range (at most ~84,000 days for a date that never comes).
      for (;;) {
        if (y < FIRST_YEAR) [y, mo, d, h, mi] = [FIRST_YEAR, 1, 1, 0, 0];
        if (y > LAST_YEAR) return undefined;
        if (!years[y - FIRST_YEAR]) {
          const next = firstFrom(years, FIRST_YEAR, y + 1);
          if (next === undefined) return undefined;
          [y, mo, d, h, mi] = [next, 1, 1, 0, 0];
          continue;
        }
        if (!months[mo - 1]) {
          const next = firstFrom(months, 1, mo + 1);
          if (next === undefined) [y, mo] = [y + 1, 1];
          else mo = next;
          [d, h, mi] = [1, 0, 0];
          continue;
        }
        if (d > daysInMonth(y, mo)) {
          if (mo === 12) [y, mo] = [y + 1, 1];
          else mo++;
          [d, h, mi] = [1, 0, 0];
          continue;
        }
        if (!dayMatches(y, mo, d)) {
          [d, h, mi] = [d + 1, 0, 0];
          continue;
        }
        const hour = firstFrom(hours, 0, h);
        if (hour === undefined) {
          [d, h, mi] = [d + 1, 0, 0];
          continue;
        }
        if (hour !== h) [h, mi] = [hour, 0];
        const minute = firstFrom(minutes, 0, mi);
        if (minute === undefined) {
          [h, mi] = [h + 1, 0];
          continue;
        }
        return Date.UTC(y, mo - 1, d, h, minute);
      }
    },
  };
}
