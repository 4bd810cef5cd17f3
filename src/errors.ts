// The CLI's one error type: what went wrong (message), why (cause), and what to do next (hint).
// The top-level handler in cli.ts prints these; a stack only shows with --debug.

export interface FaasErrorOptions {
  cause?: unknown;
  hint?: string;
  /** Process exit code: 1 for failures (default), 2 for usage errors. */
  exitCode?: number;
}

export class FaasError extends Error {
  readonly code: string;
  readonly hint?: string;
  readonly exitCode: number;

  constructor(code: string, message: string, options: FaasErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'FaasError';
    this.code = code;
    this.hint = options.hint;
    this.exitCode = options.exitCode ?? 1;
  }
}

export const usageError = (message: string, hint?: string): FaasError =>
  new FaasError('Usage', message, { hint, exitCode: 2 });
