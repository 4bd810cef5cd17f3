// The child process of an execution environment: loads the handler, then loops on the Lambda
// Runtime API (next → handler → response/error) one invocation at a time, like the AWS Node runtime.
// Runs under plain `node`, so it imports only Node built-ins and its own sibling modules.

import http, { type IncomingHttpHeaders } from 'node:http';
import {
  type ErrorDocument,
  logError,
  patchConsole,
  RuntimeError,
  setRequestId,
  toErrorDocument,
  writeEndMarker,
} from './bootstrapLog.js';
import { loadHandler, type UserHandler } from './handlerLoader.js';
import { ERROR_TYPE_HEADER, INIT_ERROR_PATH, INVOCATION_PREFIX, NEXT_PATH } from './protocol.js';

const [apiHost, apiPort] = (process.env.AWS_LAMBDA_RUNTIME_API ?? '127.0.0.1:9001').split(':');
// One kept-alive socket to the Runtime API: warm invocations must not pay for a TCP handshake.
const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });

interface ApiReply {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
}

function callApi(
  method: string,
  path: string,
  body?: string,
  headers?: Record<string, string>,
): Promise<ApiReply> {
  return new Promise((resolve) => {
    const req = http.request(
      { host: apiHost, port: Number(apiPort), method, path, agent, headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        );
      },
    );
    // Losing the Runtime API means the environment is being torn down: nothing left to report to.
    req.on('error', () => process.exit(1));
    req.end(body);
  });
}

const postError = (path: string, doc: ErrorDocument): Promise<ApiReply> =>
  callApi('POST', path, JSON.stringify(doc), {
    'content-type': 'application/json',
    [ERROR_TYPE_HEADER]: doc.errorType,
  });

/** What a fatal error (uncaught exception, unhandled rejection) does at this moment of the lifecycle. */
let onFatal: (error: unknown, exitCode: number) => void = (error, exitCode) => {
  void postError(INIT_ERROR_PATH, toErrorDocument(error)).then(() => process.exit(exitCode));
};
/** Runs when the event loop drains: completes callback-style invocations (callbackWaitsForEmptyEventLoop). */
let onBeforeExit: () => void = () => {};

process.on('uncaughtException', (error) => {
  logError('Uncaught Exception', error);
  onFatal(error, 129);
});
process.on('unhandledRejection', (reason) => {
  const error = new RuntimeError('Runtime.UnhandledPromiseRejection', String(reason));
  logError('Unhandled Promise Rejection', error);
  onFatal(error, 128);
});
process.on('beforeExit', () => onBeforeExit());

const NODE_JS_EXIT =
  'The Lambda runtime client detected an unexpected Node.js exit code. This is most commonly caused by a Promise that was never settled. For more information, see https://nodejs.org/docs/latest/api/process.html#exit-codes';

const isPromise = (value: unknown): value is Promise<unknown> =>
  typeof (value as { then?: unknown } | null)?.then === 'function';

function serialize(result: unknown): string | undefined {
  try {
    return JSON.stringify(result === undefined ? null : result);
  } catch {
    return undefined;
  }
}

function parseClientContext(raw: string | string[] | undefined): unknown {
  try {
    return raw ? JSON.parse(String(raw)) : undefined;
  } catch {
    return undefined;
  }
}

function runOnce(handler: UserHandler, isAsync: boolean): void {
  void callApi('GET', NEXT_PATH).then((next) => {
    const h = next.headers;
    const requestId = String(h['lambda-runtime-aws-request-id']);
    const deadline = Number(h['lambda-runtime-deadline-ms']);
    const base = `${INVOCATION_PREFIX}${encodeURIComponent(requestId)}`;
    setRequestId(requestId);
    if (h['lambda-runtime-trace-id']) process.env._X_AMZN_TRACE_ID = String(h['lambda-runtime-trace-id']);
    else delete process.env._X_AMZN_TRACE_ID;

    let reported = false;
    const report = (path: string, body: string, headers: Record<string, string>): void => {
      if (reported) return;
      reported = true;
      onBeforeExit = () => {};
      // Once reported, a late crash only ends the process; the parent sees the exit.
      onFatal = (_error, exitCode) => process.exit(exitCode);
      writeEndMarker(requestId);
      void callApi('POST', path, body, headers).then(() => setImmediate(() => runOnce(handler, isAsync)));
    };
    const succeed = (result: unknown): void => {
      const body = serialize(result);
      if (body === undefined) fail(new RuntimeError('Error', 'Unable to stringify response body'));
      else report(`${base}/response`, body, { 'content-type': 'application/json' });
    };
    const fail = (error: unknown): void => {
      logError('Invoke Error', error);
      const doc = toErrorDocument(error);
      report(`${base}/error`, JSON.stringify(doc), {
        'content-type': 'application/json',
        [ERROR_TYPE_HEADER]: doc.errorType,
      });
    };
    onFatal = (error, exitCode) => {
      if (reported) return process.exit(exitCode);
      reported = true;
      writeEndMarker(requestId);
      void postError(`${base}/error`, toErrorDocument(error)).then(() => process.exit(exitCode));
    };

    let waitForEmptyEventLoop = true;
    let answered = false; // the first of callback / succeed / fail / done / promise wins, as on AWS
    const done = (error: unknown, result?: unknown): void => {
      if (answered) return;
      answered = true;
      if (error !== undefined && error !== null) fail(error);
      else succeed(result);
    };
    const callback = (error: unknown, result?: unknown): void => {
      if ((error !== undefined && error !== null) || !waitForEmptyEventLoop) {
        done(error, result);
      } else if (!answered) {
        answered = true;
        // AWS answers a callback only once the event loop is empty, unless the handler opts out.
        onBeforeExit = () => setImmediate(() => succeed(result));
      }
    };
    // A handler that never answers: sync ones get a null result, async ones a Runtime.NodeJsExit.
    onBeforeExit = () => done(isAsync ? new RuntimeError('Runtime.NodeJsExit', NODE_JS_EXIT) : null, null);

    const env = process.env;
    const clientContext = h['lambda-runtime-client-context'];
    const context = {
      get callbackWaitsForEmptyEventLoop() {
        return waitForEmptyEventLoop;
      },
      set callbackWaitsForEmptyEventLoop(value: boolean) {
        waitForEmptyEventLoop = value;
      },
      succeed: (result: unknown) => done(null, result),
      fail: (error: unknown) => done(error ?? 'handled'),
      done,
      functionName: env.AWS_LAMBDA_FUNCTION_NAME,
      functionVersion: env.AWS_LAMBDA_FUNCTION_VERSION,
      memoryLimitInMB: env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      logGroupName: env.AWS_LAMBDA_LOG_GROUP_NAME,
      logStreamName: env.AWS_LAMBDA_LOG_STREAM_NAME,
      invokedFunctionArn: h['lambda-runtime-invoked-function-arn'],
      awsRequestId: requestId,
      clientContext: parseClientContext(clientContext),
      identity: undefined,
      getRemainingTimeInMillis: () => deadline - Date.now(),
    };

    try {
      const event: unknown = next.body === '' ? {} : JSON.parse(next.body);
      const result = handler(event, context, callback);
      if (isPromise(result))
        result.then(
          (value) => done(null, value),
          (error: unknown) => done(error ?? 'handled'),
        );
    } catch (error) {
      done(error);
    }
  });
}

async function main(): Promise<void> {
  patchConsole();
  let handler: UserHandler;
  try {
    handler = await loadHandler(process.env.LAMBDA_TASK_ROOT ?? process.cwd(), process.env._HANDLER ?? '');
  } catch (error) {
    logError('Uncaught Exception', error);
    await postError(INIT_ERROR_PATH, toErrorDocument(error));
    process.exit(129);
  }
  const isAsync = handler.constructor?.name === 'AsyncFunction';
  runOnce(handler, isAsync);
}

void main();
