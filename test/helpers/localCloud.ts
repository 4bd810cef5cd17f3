// One in-process local cloud per test file: started before the file's tests (port 0, in memory
// unless told otherwise), handed to `onStart` to build clients, and stopped afterwards.

import { afterAll, beforeAll } from 'vitest';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../src/local/index.js';

export function useLocalCloud(onStart: (local: LocalCloud) => void, options: LocalCloudOptions = {}): void {
  let local: LocalCloud | undefined;
  beforeAll(async () => {
    local = await startLocalCloud({ port: 0, ephemeral: true, ...options });
    onStart(local);
  });
  afterAll(async () => {
    await local?.stop();
  });
}
