// The local cloud's one HTTP endpoint: every request runs through parse → action → serialize → log.
// startLocalCloud() is the in-process entry point used by tests, `faas local start` and `faas demo`.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { systemClock } from './clock.js';
import { Cloud } from './cloud.js';
import { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_POSTGRES_PORT, HEALTH_PATH } from './constants.js';
import { AwsServiceError } from './errors.js';
import { Persistence } from './persistence/journal.js';
import { type EmbeddedPostgres, startEmbeddedPostgres } from './postgres/server.js';
import type { LocalRequest, LocalResponse } from './protocol/types.js';
import { credentialScope, pickService } from './routing.js';
import type { AnyService as ServiceDefinition } from './service.js';
import { serviceFactories } from './services/index.js';

export interface LocalCloudOptions {
  port?: number;
  host?: string;
  /** Where state lives; ignored with ephemeral. */
  dataDir?: string;
  ephemeral?: boolean;
  /**
   * Off: acknowledged writes are in the data dir's files before the answer (they survive kill -9
   * of the process) but are not fdatasync'ed (a machine crash may lose the last ones). Default on.
   */
  fsync?: boolean;
  region?: string;
  accountId?: string;
  timeFactor?: number;
  /** Largest request body accepted, in bytes. */
  maxBodyBytes?: number;
  log?: (line: string) => void;
  /** Runs after replay and before services start their background work (tests inject fakes here). */
  beforeStart?: (cloud: Cloud) => void | Promise<void>;
  /**
   * Host a PostgreSQL (PGlite over the wire protocol) beside the AWS endpoint, its data in
   * `<dataDir>/postgres` (in memory when ephemeral). Off unless asked for: `faas local start`
   * and `faas demo` ask. Port 0 picks a free port; the default is 0 when `port` is 0, else
   * DEFAULT_POSTGRES_PORT, so a persistent local cloud keeps the URL a deployed function holds.
   */
  postgres?: boolean | { port?: number; host?: string };
}

export interface LocalCloud {
  endpoint: string;
  port: number;
  cloud: Cloud;
  /** The running services (routing tests and the fuzz test walk their operation tables). */
  services: readonly ServiceDefinition[];
  /** The hosted PostgreSQL's URL (valid at once; connections wait while it boots), if enabled. */
  postgresUrl: string | undefined;
  postgres: EmbeddedPostgres | undefined;
  stop(): Promise<void>;
}

export { DEFAULT_HOST, DEFAULT_PORT, DEFAULT_POSTGRES_PORT, HEALTH_PATH };

export async function startLocalCloud(options: LocalCloudOptions = {}): Promise<LocalCloud> {
  const persistence = new Persistence(options.ephemeral ? undefined : (options.dataDir ?? '.faas/local'), {
    fsync: options.fsync,
  });
  const cloud = new Cloud(
    {
      region: options.region ?? 'us-east-1',
      accountId: options.accountId ?? '000000000000',
      timeFactor: options.timeFactor ?? 1,
      log: options.log ?? (() => {}),
    },
    systemClock(options.timeFactor ?? 1),
    persistence,
  );
  const services: ServiceDefinition[] = [];
  for (const factory of serviceFactories) services.push(await factory(cloud));
  persistence.open();

  const maxBody = options.maxBodyBytes ?? 128 * 1024 * 1024;
  let postgres: EmbeddedPostgres | undefined;
  const server = createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    void handle(cloud, services, maxBody, req, res, postgres);
  });
  const host = options.host ?? DEFAULT_HOST;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? DEFAULT_PORT, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  cloud.endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  try {
    postgres = await startPostgres(options);
  } catch (e) {
    await closeServer(server);
    await cloud.stop();
    await persistence.close();
    throw e;
  }
  await options.beforeStart?.(cloud);
  for (const service of services) await service.start?.();

  return {
    endpoint: cloud.endpoint,
    port,
    cloud,
    services,
    postgresUrl: postgres?.url,
    postgres,
    async stop() {
      await closeServer(server);
      // Functions first: their connections close before the database does.
      await cloud.stop();
      await postgres?.stop();
      await persistence.close();
    },
  };
}

/**
 * Only the port is claimed here; PGlite boots in the background (hundreds of ms from its cached
 * template, seconds the first time on a machine) so the AWS endpoint is ready as fast as before.
 */
function startPostgres(options: LocalCloudOptions): Promise<EmbeddedPostgres | undefined> {
  if (!options.postgres) return Promise.resolve(undefined);
  const settings = options.postgres === true ? {} : options.postgres;
  return startEmbeddedPostgres({
    dataDir: options.ephemeral ? undefined : join(options.dataDir ?? '.faas/local', 'postgres'),
    host: settings.host,
    port: settings.port ?? (options.port === 0 ? 0 : DEFAULT_POSTGRES_PORT),
    log: options.log,
  });
}

/** What `/_faas/health` says about the hosted PostgreSQL; `faas local status` and `faas up` read it. */
export interface PostgresHealth {
  url: string;
  status: EmbeddedPostgres['status'];
  error?: string;
}

function postgresHealth(postgres: EmbeddedPostgres | undefined): PostgresHealth | null {
  if (!postgres) return null;
  return { url: postgres.url, status: postgres.status, ...(postgres.error ? { error: postgres.error } : {}) };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

async function handle(
  cloud: Cloud,
  services: ServiceDefinition[],
  maxBody: number,
  req: IncomingMessage,
  res: ServerResponse,
  postgres: EmbeddedPostgres | undefined,
): Promise<void> {
  const started = performance.now();
  const requestId = randomUUID();
  const url = new URL(req.url ?? '/', 'http://localhost');
  const method = req.method ?? 'GET';
  let label = `${method} ${url.pathname}`;
  let status = 500;
  try {
    if (url.pathname === HEALTH_PATH) {
      status = 200;
      send(res, requestId, {
        status,
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          status: 'ok',
          services: services.map((s) => s.signingName),
          postgres: postgresHealth(postgres),
        }),
      });
      return;
    }
    for (const service of services) {
      if (service.dataPlane && (await service.dataPlane(req, res))) {
        status = res.statusCode;
        label = `${method} ${url.pathname} (${service.signingName} data plane)`;
        return;
      }
    }
    const scope = credentialScope(req.headers, url.searchParams);
    const service = pickService(services, scope, req.headers, url.pathname);
    const localReq = toLocalRequest(req, url, requestId, scope.region ?? cloud.region, maxBody);
    if (!service) {
      status = 400;
      send(
        res,
        requestId,
        plainError(status, 'UnrecognizedService', 'No local service matches this request'),
      );
      return;
    }
    label = service.signingName;
    let response: LocalResponse;
    try {
      const { op, input } = await service.codec.decode(localReq, await service.operations());
      label = `${service.signingName}.${op.name}`;
      const action = service.actions[op.name];
      if (!action) {
        throw new AwsServiceError(
          'NotImplemented',
          `${op.name} is not implemented by the faas local cloud (service ${service.signingName})`,
          501,
        );
      }
      const output = await action(input, {
        cloud,
        state: service.state,
        requestId,
        region: localReq.region,
        accountId: cloud.accountId,
        headers: req.headers,
      });
      response = service.codec.encode(localReq, op, output);
    } catch (e) {
      response = service.codec.encodeError(localReq, toServiceError(e, cloud, label));
    }
    status = response.status;
    send(res, requestId, response);
  } catch (e) {
    status = 500;
    cloud.log(`internal error on ${label}: ${e instanceof Error ? e.stack : String(e)}`);
    if (!res.headersSent)
      send(res, requestId, plainError(500, 'InternalFailure', 'The local cloud failed unexpectedly'));
    else res.destroy();
  } finally {
    cloud.log(`${label} ${status} ${(performance.now() - started).toFixed(1)}ms`);
  }
}

function toServiceError(e: unknown, cloud: Cloud, label: string): AwsServiceError {
  if (e instanceof AwsServiceError) return e;
  // Never a bare 500 with a stack trace to the client; the stack goes to the log instead.
  cloud.log(`unexpected error in ${label}: ${e instanceof Error ? e.stack : String(e)}`);
  return new AwsServiceError('InternalFailure', `The local cloud failed to process ${label}`, 500);
}

function toLocalRequest(
  req: IncomingMessage,
  url: URL,
  requestId: string,
  region: string,
  maxBody: number,
): LocalRequest {
  let buffered: Promise<Buffer> | undefined;
  return {
    method: req.method ?? 'GET',
    path: url.pathname,
    query: url.searchParams,
    headers: req.headers,
    stream: req,
    requestId,
    region,
    body: () => {
      buffered ??= readBody(req, maxBody);
      return buffered;
    },
  };
}

function readBody(req: IncomingMessage, maxBody: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBody) {
        reject(new AwsServiceError('RequestEntityTooLarge', `Request body exceeds ${maxBody} bytes`, 413));
        req.resume();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function plainError(status: number, code: string, message: string): LocalResponse {
  return {
    status,
    headers: { 'content-type': 'application/json', 'x-amzn-errortype': code },
    body: JSON.stringify({ __type: code, message }),
  };
}

function send(res: ServerResponse, requestId: string, response: LocalResponse): void {
  res.statusCode = response.status;
  res.setHeader('x-amzn-requestid', requestId);
  res.setHeader('x-amz-request-id', requestId);
  for (const [k, v] of Object.entries(response.headers)) res.setHeader(k, v);
  const body = response.body;
  if (body instanceof Readable) {
    // pipeline closes the source (an S3 object's file handle) when the client goes away mid-download.
    pipeline(body, res).catch(() => res.destroy());
    return;
  }
  if (body !== undefined) res.setHeader('content-length', Buffer.byteLength(body));
  else if (!res.hasHeader('content-length')) res.setHeader('content-length', 0);
  res.end(body);
}
