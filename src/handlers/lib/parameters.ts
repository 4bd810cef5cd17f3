// Secrets from SSM Parameter Store (SecureString, decrypted), read through Powertools Parameters
// and cached for the execution environment, so a warm invocation makes no SSM call at all.

import type { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import { ConfigurationError } from './errors.js';

/** Environments are recycled within hours: a day-long max age means one read per environment. */
export const FOR_THE_ENVIRONMENT = 24 * 60 * 60;

/** The slice of Powertools' SSMProvider used here; tests pass one with a client for the local cloud. */
export type ParameterProvider = Pick<SSMProvider, 'get'>;

export class SecureParameter {
  private stale = false;

  /**
   * @param name the parameter's name, read from the environment at each use (undefined: unset)
   * @param envVar named in the error when `name` gives nothing
   * @param maxAgeSeconds how long Powertools may answer from its cache
   */
  constructor(
    private readonly provider: ParameterProvider,
    private readonly name: () => string | undefined,
    private readonly envVar: string,
    private readonly maxAgeSeconds: number = FOR_THE_ENVIRONMENT,
  ) {}

  async value(): Promise<string> {
    const name = this.name();
    if (!name) throw new ConfigurationError(`${this.envVar} is not set`);
    const forceFetch = this.stale;
    this.stale = false;
    const value = await this.provider.get(name, { decrypt: true, maxAge: this.maxAgeSeconds, forceFetch });
    if (typeof value !== 'string' || value === '') {
      throw new ConfigurationError(`parameter ${name} (${this.envVar}) is empty`);
    }
    return value;
  }

  /** The cached value may be out of date (say, the password was rotated): read SSM next time. */
  refresh(): void {
    this.stale = true;
  }
}
