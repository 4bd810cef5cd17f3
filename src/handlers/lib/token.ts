// Where the api handler's shared secret comes from: the SSM SecureString named by TOKEN_PARAMETER,
// read through Powertools and cached; without it, the TOKEN variable (the older contract).

import { type ParameterProvider, SecureParameter } from './parameters.js';

/** Environment contract with the pipeline: the SSM parameter (SecureString) holding the token. */
export const TOKEN_PARAMETER = 'TOKEN_PARAMETER';
/** A rotated token reaches warm environments within five minutes; a wrong token never forces a read. */
export const TOKEN_MAX_AGE_SECONDS = 300;

export function tokenReader(provider: ParameterProvider): () => Promise<string | undefined> {
  const parameter = new SecureParameter(
    provider,
    () => process.env[TOKEN_PARAMETER],
    TOKEN_PARAMETER,
    TOKEN_MAX_AGE_SECONDS,
  );
  return async () => {
    if (process.env[TOKEN_PARAMETER]) return parameter.value();
    const token = process.env['TOKEN'];
    return token === undefined || token === '' ? undefined : token;
  };
}
