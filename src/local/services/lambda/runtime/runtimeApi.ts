// The Lambda Runtime API as one execution environment sees it: a small HTTP server on
// 127.0.0.1:<ephemeral> per environment (as on AWS, the runtime talks only to its own endpoint).

import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { AwsServiceError } from '../../../errors.js';
import {
  ERROR_TYPE_HEADER,
  INIT_ERROR_PATH,
  INVOCATION_PREFIX,
  MAX_RESPONSE_BYTES,
  NEXT_PATH,
} from './protocol.js';

/** The environment's side of the API; each returns false when the request id is not the current one. */
export interface RuntimeApiHandlers {
  /** The runtime asks for work: hold `res` until there is an invocation for it. */
  onNext(res: ServerResponse): void;
  onResponse(requestId: string, body: Buffer, tooLarge: boolean): boolean;
  onError(requestId: string, body: Buffer, errorType: string | undefined): boolean;
  onInitError(body: Buffer, errorType: string | undefined): void;
}

export interface InvocationHeaders {
  requestId: string;
  deadlineMs: number;
  invokedFunctionArn: string;
  traceId: string;
  clientContext?: string;
}

const ACCEPTED = '{"status":"OK"}';

export class RuntimeApiServer {
  private constructor(
    private readonly server: http.Server,
    readonly address: string,
  ) {}

  static async listen(handlers: RuntimeApiHandlers): Promise<RuntimeApiServer> {
    // No keep-alive or request timeouts: /next is a long poll that may wait for minutes.
    const server = http.createServer({ keepAliveTimeout: 0, requestTimeout: 0, noDelay: true }, (req, res) =>
      route(handlers, req, res),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', (error) =>
        reject(
          new AwsServiceError('ServiceException', `Runtime API failed to listen: ${error.message}`, 500),
        ),
      );
      server.listen(0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    return new RuntimeApiServer(server, `127.0.0.1:${port}`);
  }

  /** Answers a held /next with an invocation, headers named as AWS names them. */
  static sendInvocation(res: ServerResponse, event: Buffer, h: InvocationHeaders): void {
    const headers: Record<string, string | number> = {
      'Content-Type': 'application/json',
      'Content-Length': event.length,
      'Lambda-Runtime-Aws-Request-Id': h.requestId,
      'Lambda-Runtime-Deadline-Ms': h.deadlineMs,
      'Lambda-Runtime-Invoked-Function-Arn': h.invokedFunctionArn,
      'Lambda-Runtime-Trace-Id': h.traceId,
    };
    if (h.clientContext !== undefined)
      headers['Lambda-Runtime-Client-Context'] = headerSafeJson(h.clientContext);
    res.writeHead(200, headers);
    res.end(event);
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/**
 * Header values must be Latin-1 without CR/LF, client context is arbitrary JSON: escape non-ASCII as
 * \uXXXX (the same JSON value) and turn raw line breaks, only legal as whitespace, into spaces.
 */
const headerSafeJson = (json: string): string =>
  json
    .replace(/[\r\n]/g, ' ')
    .replace(/[^\t\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

function reply(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) });
  res.end(body);
}

function readBody(req: IncomingMessage, done: (body: Buffer, tooLarge: boolean) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    // Keep draining an oversized body (the runtime must get its answer) but stop storing it.
    if (size <= MAX_RESPONSE_BYTES) chunks.push(chunk);
  });
  req.on('end', () =>
    done(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks), size > MAX_RESPONSE_BYTES),
  );
}

const NOT_FOUND = '{"errorType":"NotFound","errorMessage":"Not Found"}';
const INVALID_ID = '{"errorMessage":"Invalid request ID","errorType":"InvalidRequestID"}';

function route(handlers: RuntimeApiHandlers, req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '';
  if (url === NEXT_PATH && req.method === 'GET') {
    handlers.onNext(res);
  } else if (req.method === 'POST' && url === INIT_ERROR_PATH) {
    readBody(req, (body) => {
      handlers.onInitError(body, req.headers[ERROR_TYPE_HEADER] as string | undefined);
      reply(res, 202, ACCEPTED);
    });
  } else if (req.method === 'POST' && url.startsWith(INVOCATION_PREFIX)) {
    routeInvocation(handlers, req, res, url.slice(INVOCATION_PREFIX.length));
  } else {
    reply(res, 404, NOT_FOUND);
  }
}

/** `{id}/response` or `{id}/error`. */
function routeInvocation(
  handlers: RuntimeApiHandlers,
  req: IncomingMessage,
  res: ServerResponse,
  rest: string,
): void {
  const slash = rest.indexOf('/');
  const action = rest.slice(slash + 1);
  let requestId: string | undefined;
  try {
    requestId = decodeURIComponent(rest.slice(0, slash));
  } catch {
    requestId = undefined;
  }
  if (slash < 0 || (action !== 'response' && action !== 'error')) {
    reply(res, 404, NOT_FOUND);
  } else if (requestId === undefined) {
    reply(res, 400, INVALID_ID);
  } else {
    const id = requestId;
    readBody(req, (body, tooLarge) => {
      if (action === 'response' && tooLarge) {
        handlers.onResponse(id, body, true);
        reply(
          res,
          413,
          `{"errorMessage":"Exceeded maximum allowed payload size (${MAX_RESPONSE_BYTES} bytes).","errorType":"RequestEntityTooLarge"}`,
        );
        return;
      }
      const errorType = req.headers[ERROR_TYPE_HEADER] as string | undefined;
      const known =
        action === 'response' ? handlers.onResponse(id, body, false) : handlers.onError(id, body, errorType);
      if (known) reply(res, 202, ACCEPTED);
      else reply(res, 400, INVALID_ID);
    });
  }
}
