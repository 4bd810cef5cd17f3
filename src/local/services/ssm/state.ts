// What every SSM action sees as ctx.state: the durable parameters and the SecureString cipher.

import type { SecureStringCipher } from './secureString.js';
import type { SsmParameters } from './store.js';

export class SsmState {
  constructor(
    readonly params: SsmParameters,
    readonly cipher: SecureStringCipher,
  ) {}
}
