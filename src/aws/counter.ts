// Counts SDK calls as read or mutating through a middleware on every client, so `up` can report
// (and tests can prove) that a no-op run changes nothing; in read-only mode a mutating call is
// refused before it leaves, which is how the planner and --dry-run are kept honest.
import { FaasError } from '../errors.js';

export type CallKind = 'read' | 'mutating';

export interface RecordedCall {
  service: string;
  command: string;
  kind: CallKind;
}

const READ_PREFIXES = ['Get', 'List', 'Describe', 'Head', 'Test'];

/** `GetFunctionCommand` → read; `PutRuleCommand` → mutating. */
export function classifyCommand(commandName: string): CallKind {
  const name = commandName.replace(/Command$/, '');
  return READ_PREFIXES.some((prefix) => name.startsWith(prefix)) ? 'read' : 'mutating';
}

export class CallCounter {
  readonly calls: RecordedCall[] = [];
  /** When true, a mutating call throws instead of being sent. */
  readOnly = false;

  get reads(): number {
    return this.calls.filter((c) => c.kind === 'read').length;
  }

  get mutations(): number {
    return this.calls.filter((c) => c.kind === 'mutating').length;
  }

  mutatingCalls(): RecordedCall[] {
    return this.calls.filter((c) => c.kind === 'mutating');
  }

  record(service: string, command: string): void {
    const kind = classifyCommand(command);
    if (kind === 'mutating' && this.readOnly) {
      throw new FaasError('ReadOnlyViolation', `${service}:${command} would change AWS while only reading`, {
        hint: 'This is a bug in faas: planning and --dry-run must only read. Please report it.',
      });
    }
    this.calls.push({ service, command, kind });
  }

  /** Runs `fn` with mutating calls refused, restoring the previous mode afterwards. */
  async readOnlyDuring<T>(fn: () => Promise<T>): Promise<T> {
    const previous = this.readOnly;
    this.readOnly = true;
    try {
      return await fn();
    } finally {
      this.readOnly = previous;
    }
  }
}

type Handler = (args: unknown) => Promise<unknown>;
type Middleware = (next: Handler, context: { commandName?: string; clientName?: string }) => Handler;

/** Anything with an SDK middleware stack: every v3 client, and the test fakes. */
export interface Instrumentable {
  middlewareStack: {
    add(middleware: Middleware, options: { step: 'initialize'; name: string; override: boolean }): void;
  };
}

export function attachCallCounter(client: Instrumentable, service: string, counter: CallCounter): void {
  client.middlewareStack.add(
    (next, context) => async (args) => {
      counter.record(service, context.commandName ?? 'UnknownCommand');
      return next(args);
    },
    // `initialize` runs once per send(), before retries, so a retried call counts once.
    { step: 'initialize', name: 'faasCallCounter', override: true },
  );
}
