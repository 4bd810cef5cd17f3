// Public entry of the local cloud; the CLI reaches it only from commands/local.ts and commands/demo.ts.

export { EmbeddedPostgresError } from './postgres/database.js';
export {
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
  POSTGRES_DATABASE,
  POSTGRES_PASSWORD,
  POSTGRES_USER,
  startEmbeddedPostgres,
} from './postgres/server.js';
export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  DEFAULT_POSTGRES_PORT,
  HEALTH_PATH,
  type LocalCloud,
  type LocalCloudOptions,
  type PostgresHealth,
  startLocalCloud,
} from './server.js';
