// Child side: the console patch and error shapes of the AWS Node runtime — every console line
// becomes `<ISO time>\t<requestId>\t<LEVEL>\t<message>`, errors become { errorType, errorMessage, trace }.

import { format } from 'node:util';
import { END_MARKER } from './protocol.js';

let currentRequestId: string | undefined;

export const setRequestId = (id: string | undefined): void => {
  currentRequestId = id;
};

function writeLine(level: string, args: unknown[]): void {
  // Multi-line messages stay one log event: newlines travel as \r and the parent turns them back.
  const text = `${new Date().toISOString()}\t${currentRequestId}\t${level}\t${format(...args)}`;
  process.stdout.write(`${text.replace(/\n/g, '\r')}\n`);
}

export function patchConsole(): void {
  const at =
    (level: string) =>
    (...args: unknown[]): void =>
      writeLine(level, args);
  console.log = at('INFO');
  console.info = at('INFO');
  console.debug = at('DEBUG');
  console.trace = at('TRACE');
  console.warn = at('WARN');
  console.error = at('ERROR');
  (console as unknown as Record<string, unknown>).fatal = at('FATAL');
}

/** An error raised by the runtime itself; its name is the AWS error type (`Runtime.…`). */
export class RuntimeError extends Error {
  constructor(name: string, message: string) {
    super(message);
    this.name = name;
  }
}

export interface ErrorDocument {
  errorType: string;
  errorMessage: string;
  trace: string[];
}

const looksLikeError = (value: unknown): value is Error =>
  value instanceof Error ||
  (typeof value === 'object' &&
    value !== null &&
    typeof (value as Error).name === 'string' &&
    typeof (value as Error).message === 'string' &&
    typeof (value as Error).stack === 'string');

/** The body posted to /error and /init/error, as the AWS runtime builds it. */
export function toErrorDocument(error: unknown): ErrorDocument {
  try {
    if (looksLikeError(error)) {
      return {
        errorType: error.name,
        errorMessage: error.message,
        trace: typeof error.stack === 'string' ? error.stack.split('\n') : [],
      };
    }
    return { errorType: typeof error, errorMessage: String(error), trace: [] };
  } catch {
    return {
      errorType: 'handled',
      errorMessage:
        'callback called with Error argument, but there was a problem while retrieving one or more of its message, name, and stack',
      trace: [],
    };
  }
}

/** Logs `<label> \t{json}` at ERROR, the way AWS prints "Invoke Error" and "Uncaught Exception". */
export function logError(label: string, error: unknown): void {
  let json: string;
  try {
    json = JSON.stringify(error, (_key, value: unknown) => {
      if (!(value instanceof Error)) return value;
      const plain: Record<string, unknown> = { errorType: value.name, errorMessage: value.message };
      if ((value as { code?: unknown }).code !== undefined) plain.code = (value as { code?: unknown }).code;
      Object.assign(plain, value);
      if (typeof value.stack === 'string') plain.stack = value.stack.split('\n');
      return plain;
    });
  } catch {
    json = JSON.stringify(toErrorDocument(error));
  }
  console.error(label, `\t${json}`);
}

/** See END_MARKER: both streams carry it so the parent knows the invocation's output is complete. */
export function writeEndMarker(requestId: string): void {
  const line = `${END_MARKER}${requestId} ${process.resourceUsage().maxRSS}\n`;
  process.stdout.write(line);
  process.stderr.write(line);
}
