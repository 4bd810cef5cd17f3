// A fake SDK client: send(command) answers per command class name from an in-memory model and
// runs the client's middleware stack, so the real call counter sees every call.
// biome-ignore lint/suspicious/noExplicitAny: each fake handler reads the SDK input shape it knows.
export type Handler = (input: any) => unknown;
export type Handlers = Record<string, Handler>;

type Middleware = (
  next: (args: unknown) => Promise<unknown>,
  context: { commandName: string; clientName: string },
) => (args: unknown) => Promise<unknown>;

export interface Fault {
  command: string;
  remaining: number;
  error: () => Error;
}

export class FakeClient {
  readonly middlewares: Middleware[] = [];
  readonly middlewareStack = {
    add: (middleware: Middleware) => {
      this.middlewares.push(middleware);
    },
  };
  readonly config: { region: () => Promise<string> };

  constructor(
    readonly service: string,
    private readonly handlers: Handlers,
    region: string,
    private readonly faults: Fault[],
    private readonly log: string[],
  ) {
    this.config = { region: async () => region };
  }

  async send(command: { input: unknown; constructor: { name: string } }): Promise<unknown> {
    const name = command.constructor.name;
    let next = async (args: unknown): Promise<unknown> => ({ output: await this.answer(name, args) });
    for (const middleware of [...this.middlewares].reverse()) {
      next = middleware(next, { commandName: name, clientName: this.service });
    }
    const result = (await next({ input: command.input })) as { output: unknown };
    return result.output;
  }

  private async answer(name: string, args: unknown): Promise<unknown> {
    this.log.push(name);
    const fault = this.faults.find((f) => f.command === name && f.remaining > 0);
    if (fault) {
      fault.remaining--;
      throw fault.error();
    }
    const handler = this.handlers[name.replace(/Command$/, '')];
    if (!handler) throw new Error(`fake ${this.service} does not implement ${name}`);
    // A deep copy both ways, as over the wire: nobody shares objects with the model.
    const input = structuredClone((args as { input: unknown }).input);
    const output = clone({ $metadata: {}, ...(handler(input) as object) }) as Record<string, unknown>;
    // A streamed body (S3 GetObject) is data in the model; the SDK hands callers a stream mixin.
    if (typeof output['$bodyText'] === 'string') {
      const text = output['$bodyText'];
      delete output['$bodyText'];
      output['Body'] = { transformToString: async () => text };
    }
    return output;
  }
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

/** Builds an SDK exception the way the SDK's deserializer would. */
export function sdkError<T extends Error>(
  // biome-ignore lint/suspicious/noExplicitAny: every SDK exception constructor takes its own options type.
  Class: new (opts: any) => T,
  message: string,
  extra: Record<string, unknown> = {},
): T {
  return new Class({ message, $metadata: { httpStatusCode: 400 }, ...extra });
}
