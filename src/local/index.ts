// Public entry of the local cloud; the CLI reaches it only from commands/local.ts and commands/demo.ts.

export {
  DEFAULT_HOST,
  DEFAULT_PORT,
  HEALTH_PATH,
  type LocalCloud,
  type LocalCloudOptions,
  startLocalCloud,
} from './server.js';
