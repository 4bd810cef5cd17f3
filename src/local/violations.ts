// Model-constraint checks reported the way AWS services do: every violation of one request
// collected, then thrown together ("2 validation errors detected: Value 'x' at 'roleName' …").
// Each service names its own error code (IAM: ValidationError; Logs: InvalidParameterException).

import { AwsServiceError } from './errors.js';

export interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** The pattern as the model prints it in the message. */
  patternText?: string;
}

export class Violations {
  private readonly items: string[] = [];

  constructor(private readonly errorCode: string) {}

  add(value: unknown, member: string, constraint: string): void {
    const shown = value === undefined || value === null ? 'null' : `'${String(value)}'`;
    this.items.push(`Value ${shown} at '${member}' failed to satisfy constraint: ${constraint}`);
  }

  required(value: unknown, member: string): boolean {
    if (value !== undefined && value !== null) return true;
    this.add(value, member, 'Member must not be null');
    return false;
  }

  string(value: string | undefined, member: string, rule: StringRule): void {
    if (value === undefined) {
      if (rule.required) this.required(value, member);
      return;
    }
    if (rule.min !== undefined && value.length < rule.min)
      this.add(value, member, `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max)
      this.add(value, member, `Member must have length less than or equal to ${rule.max}`);
    if (rule.pattern && value.length > 0 && !rule.pattern.test(value))
      this.add(value, member, `Member must satisfy regular expression pattern: ${rule.patternText}`);
  }

  number(value: number | undefined, member: string, min: number, max: number): void {
    if (value === undefined) return;
    if (value < min) this.add(value, member, `Member must have value greater than or equal to ${min}`);
    if (value > max) this.add(value, member, `Member must have value less than or equal to ${max}`);
  }

  listLength(value: unknown[] | undefined, member: string, max: number): void {
    if (value && value.length > max)
      this.add(value, member, `Member must have length less than or equal to ${max}`);
  }

  check(): void {
    if (this.items.length === 0) return;
    const n = this.items.length;
    throw new AwsServiceError(
      this.errorCode,
      `${n} validation error${n > 1 ? 's' : ''} detected: ${this.items.join('; ')}`,
      400,
    );
  }
}
