// PostgreSQL for the CLI: connect (TLS, redaction, FaasErrors), migrate the events schema, run
// one statement read-only or writing, find the local cloud's database. Not bundled into handlers.

export {
  connectDatabase,
  type DatabaseConnection,
  databaseSettings,
  redactUrl,
  type TlsMode,
  URL_HINT,
  withDatabase,
} from './connect.js';
export {
  LOCAL_HEALTH_PATH,
  type LocalDatabaseOptions,
  type LocalPostgres,
  localDatabaseUrl,
  localPostgres,
} from './local.js';
export {
  MIGRATION_LOCK_KEY,
  MIGRATIONS,
  type MigrateResult,
  type Migration,
  migrate,
  type SchemaStatus,
  schemaStatus,
} from './migrate.js';
export { type QueryField, type QueryOutput, queryReadOnly, queryWrite } from './query.js';
