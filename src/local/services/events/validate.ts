// Model constraints (length, pattern, range, enum) checked the way AWS's front end does: every
// violation collected into one ValidationException, "N validation error(s) detected: …; …".

import { validation } from '../../errors.js';

export const NAME_PATTERN = /^[.\-_A-Za-z0-9]+$/;
export const NAME_PATTERN_TEXT = '[\\.\\-_A-Za-z0-9]+';
export const BUS_NAME_PATTERN = /^[/.\-_A-Za-z0-9]+$/;
export const BUS_NAME_PATTERN_TEXT = '[/\\.\\-_A-Za-z0-9]+';
export const BUS_NAME_OR_ARN_PATTERN =
  /^(arn:aws[\w-]*:events:[a-z]+-[a-z]+-[\w-]+:[0-9]{12}:event-bus\/)?[/.\-_A-Za-z0-9]+$/;
export const BUS_NAME_OR_ARN_PATTERN_TEXT =
  '(arn:aws[\\w-]*:events:[a-z]+-[a-z]+-[\\w-]+:[0-9]{12}:event-bus\\/)?[/\\.\\-_A-Za-z0-9]+';

export class Constraints {
  private readonly errors: string[] = [];

  private add(value: unknown, field: string, constraint: string): void {
    const shown = typeof value === 'string' ? value : JSON.stringify(value);
    this.errors.push(`Value '${shown}' at '${field}' failed to satisfy constraint: ${constraint}`);
  }

  /** A string's length and pattern; `undefined` passes unless `required`. */
  string(
    value: string | undefined,
    field: string,
    opts: { min?: number; max?: number; pattern?: RegExp; patternText?: string; required?: boolean },
  ): this {
    if (value === undefined) {
      if (opts.required)
        this.errors.push(`Value null at '${field}' failed to satisfy constraint: Member must not be null`);
      return this;
    }
    if (opts.min !== undefined && value.length < opts.min)
      this.add(value, field, `Member must have length greater than or equal to ${opts.min}`);
    if (opts.max !== undefined && value.length > opts.max)
      this.add(value, field, `Member must have length less than or equal to ${opts.max}`);
    if (opts.pattern && value.length > 0 && !opts.pattern.test(value))
      this.add(value, field, `Member must satisfy regular expression pattern: ${opts.patternText}`);
    return this;
  }

  number(value: number | undefined, field: string, min: number, max: number): this {
    if (value === undefined) return this;
    if (value < min) this.add(value, field, `Member must have value greater than or equal to ${min}`);
    else if (value > max) this.add(value, field, `Member must have value less than or equal to ${max}`);
    return this;
  }

  oneOf(value: string | undefined, field: string, allowed: readonly string[]): this {
    if (value !== undefined && !allowed.includes(value))
      this.add(value, field, `Member must satisfy enum value set: [${allowed.join(', ')}]`);
    return this;
  }

  listLength(
    value: readonly unknown[] | undefined,
    field: string,
    min: number,
    max: number,
    shown?: string,
  ): this {
    if (value === undefined) return this;
    const text = shown ?? JSON.stringify(value);
    if (value.length < min) this.add(text, field, `Member must have length greater than or equal to ${min}`);
    else if (value.length > max)
      this.add(text, field, `Member must have length less than or equal to ${max}`);
    return this;
  }

  ruleName(value: string | undefined, field = 'name', required = true): this {
    return this.string(value, field, {
      min: 1,
      max: 64,
      pattern: NAME_PATTERN,
      patternText: NAME_PATTERN_TEXT,
      required,
    });
  }

  busNameOrArn(value: string | undefined, field = 'eventBusName'): this {
    return this.string(value, field, {
      min: 1,
      max: 1600,
      pattern: BUS_NAME_OR_ARN_PATTERN,
      patternText: BUS_NAME_OR_ARN_PATTERN_TEXT,
    });
  }

  /** Throws the collected violations, if any, as one ValidationException. */
  check(): void {
    const n = this.errors.length;
    if (n === 0) return;
    throw validation(`${n} validation error${n === 1 ? '' : 's'} detected: ${this.errors.join('; ')}`);
  }
}

export const constraints = (): Constraints => new Constraints();

/** The shared checks for a rule name plus an optional `EventBusNameOrArn`. */
export function checkRuleAndBus(name: string | undefined, bus: string | undefined, nameField = 'name'): void {
  constraints().ruleName(name, nameField, true).busNameOrArn(bus).check();
}

/** Tag lists: AWS's member constraints, and one value per key. */
export function checkTags(
  tags: readonly { Key?: string; Value?: string }[] | undefined,
  field = 'tags',
): void {
  if (tags === undefined) return;
  const c = constraints();
  tags.forEach((tag, i) => {
    c.string(tag.Key, `${field}.${i + 1}.member.key`, { min: 1, max: 128, required: true });
    c.string(tag.Value, `${field}.${i + 1}.member.value`, { max: 256, required: true });
  });
  c.check();
  if (new Set(tags.map((t) => t.Key)).size < tags.length)
    throw validation('Invalid parameter: Duplicated keys are not allowed.');
}
