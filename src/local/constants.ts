// The local cloud's fixed addresses, in a module of their own so the CLI can name them (option
// defaults, health checks) without loading the local cloud itself.

export const DEFAULT_PORT = 4566;
/** LocalStack puts the servers it hosts for emulated databases from 4510 on; so do we. */
export const DEFAULT_POSTGRES_PORT = 4510;
export const DEFAULT_HOST = '127.0.0.1';
export const HEALTH_PATH = '/_faas/health';
