// Parsers for option values commander hands over as strings: durations (`30s`, `2m`, `500ms`),
// positive integers and the canary percentage. Every bad value is a usage error (exit 2).
import { usageError } from '../errors.js';
// Not release/index.js: that would load esbuild for every command.
import { validateCanaryPercent } from '../release/publish.js';

const UNIT_MS = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;
const DURATION = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/;

/** `500ms`, `30s`, `1.5m`, `2h`, `1d` → milliseconds; a bare number has no unit and is refused. */
export function parseDuration(text: string, option: string): number {
  const match = DURATION.exec(text.trim());
  if (!match) {
    throw usageError(
      `${option} must be a duration such as 500ms, 30s, 2m or 1h, got "${text}"`,
      'Write a number followed by a unit: ms, s, m, h or d.',
    );
  }
  return Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
}

export function parsePositiveInt(text: string, option: string): number {
  const value = /^\d+$/.test(text.trim()) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < 1) {
    throw usageError(`${option} must be a positive integer, got "${text}"`);
  }
  return value;
}

/** `10` or `10%`; anything else, and anything outside 1–99, gets release's own usage error. */
export function parseCanary(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.trim().replace(/%$/, '');
  const value = /^\d+(?:\.\d+)?$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (Number.isNaN(value)) {
    throw usageError(
      `canary percentage must be between 1 and 99, got ${text}`,
      'e.g. --canary 10 sends 10% of traffic',
    );
  }
  validateCanaryPercent(value);
  return value;
}
