// What an execution environment is given by its pool, and the states it moves through.

import type { Clock } from '../../../clock.js';
import type { Environment } from './environment.js';
import type { ProcessEnvInput } from './processEnv.js';
import type { LogSink } from './types.js';

export type EnvironmentState = 'starting' | 'idle' | 'busy' | 'finishing' | 'dead';

export interface EnvironmentDeps {
  /** Wall time for timestamps and deadlines; scaled timers for internal delays. */
  clock: Clock;
  region: string;
  endpoint: string;
  bootstrapPath: string;
  credentials: ProcessEnvInput['credentials'];
  nodePath?: readonly string[];
  /** Lambda's 10 s limit on the Init phase; a limit, not an internal delay, so never scaled. */
  initTimeoutMs: number;
  onLog: LogSink;
  /** The runtime asked for its next invocation: the environment can take work. */
  onAvailable(env: Environment): void;
  onDeath(env: Environment): void;
}
