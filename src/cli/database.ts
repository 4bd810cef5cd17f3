// Which PostgreSQL the pipeline's db path uses: the configured URL (flows.ingest.database.url or
// FAAS_DATABASE_URL), else for target local the local cloud's own, else none — then the db path
// is not deployed and the S3 path works alone. Every caller gets the same answer.
import type { FaasConfig } from '../config/load.js';
import { localDatabaseUrl, localPostgres } from '../db/local.js';

export type DatabaseSource = 'file' | 'env' | 'local';

export type DatabaseChoice =
  | { url: string; source: DatabaseSource; note?: undefined }
  /** No database: `note` says why, for plans and reports. */
  | { url: undefined; source: 'none'; note: string };

export interface ResolveDatabaseOptions {
  /** Wait for a local PostgreSQL still booting (up, db): its URL is usable once it is ready. */
  waitForLocal?: boolean;
  fetch?: typeof fetch;
}

export async function resolveDatabase(
  config: FaasConfig,
  options: ResolveDatabaseOptions = {},
): Promise<DatabaseChoice> {
  const configured = config.flows.ingest.database.url;
  if (configured !== undefined) {
    return { url: configured, source: config.sources.databaseUrl === 'env' ? 'env' : 'file' };
  }
  if (config.target === 'local' && config.endpoint !== undefined) {
    const hosted = await localPostgres(config.endpoint, options.fetch);
    if (hosted === undefined) {
      return {
        url: undefined,
        source: 'none',
        note:
          `no database: the local cloud at ${config.endpoint} hosts no PostgreSQL, so the db path is ` +
          'not deployed (start it without --no-postgres, or set flows.ingest.database.url)',
      };
    }
    const url = options.waitForLocal
      ? await localDatabaseUrl(config.endpoint, { fetch: options.fetch })
      : hosted.url;
    return { url, source: 'local' };
  }
  return {
    url: undefined,
    source: 'none',
    note:
      'no database configured, so the db path is not deployed ' +
      '(set flows.ingest.database.url or FAAS_DATABASE_URL)',
  };
}

/** `FAAS_DATABASE_URL`, `.faasrc.json`, `the local cloud`: where the URL came from, for people. */
export const describeDatabaseSource = (choice: DatabaseChoice): string =>
  choice.source === 'env'
    ? 'FAAS_DATABASE_URL'
    : choice.source === 'file'
      ? '.faasrc.json'
      : choice.source === 'local'
        ? 'the local cloud'
        : 'nowhere';
