// PostgreSQL URLs → pg client settings, with libpq's meaning of `sslmode`, and redaction so no
// message, log line or error ever carries the password. Standalone (the db handler bundles it);
// the CLI's src/db wraps it so `faas up`/`faas db` read a URL exactly as the handler does.

import type { ClientConfig } from 'pg';

/** The URL cannot be used; the message never contains the URL or its password. */
export class DatabaseUrlError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseUrlError';
  }
}

/**
 * How the connection is encrypted. As libpq: `require` encrypts without checking the certificate
 * (RDS, Aurora and most hosted servers' own CAs are not in Node's trust store), `verify-ca` checks
 * the chain but not the host name, `verify-full` checks both. pg's own reading differs (it treats
 * `require` as `verify-full`), which is why this module reads sslmode itself.
 */
export type TlsMode = 'disable' | 'require' | 'verify-ca' | 'verify-full';

export interface DatabaseSettings {
  /** Ready for `new pg.Client(config)`: never a connectionString, so pg parses nothing itself. */
  config: ClientConfig;
  tls: TlsMode;
  /** The URL with its password replaced by `***`: safe to print and log. */
  redacted: string;
  /** Every form in which the password could appear in text (raw, URL-encoded): see redactSecrets. */
  secrets: string[];
}

export const REDACTED = '***';
const SCHEMES = new Set(['postgres:', 'postgresql:']);
const EXPECTED = 'expected postgres://user:password@host:5432/database';
/** Query parameters read here; others (channel_binding, options…) are ignored, as pg does. */
const SSL_MODES = new Set(['disable', 'require', 'no-verify', 'verify-ca', 'verify-full']);

export function parseDatabaseUrl(url: string): DatabaseSettings {
  if (url.trim() === '') throw new DatabaseUrlError('the database URL is empty');
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    throw new DatabaseUrlError(`the database URL does not parse; ${EXPECTED}`);
  }
  if (!SCHEMES.has(parsed.protocol)) {
    throw new DatabaseUrlError(
      `the database URL must start with postgres:// or postgresql://, not ${parsed.protocol}//`,
    );
  }
  if (parsed.pathname.includes('@')) {
    // postgres: is not a "special" scheme, so the host ends at the first "/": an unescaped "/"
    // in the password moves the rest of it into the path. Refuse rather than mis-connect.
    throw new DatabaseUrlError(
      'the database URL has an "@" after its host: percent-encode "@", "/", ":", "?" and "#" in the user and password',
    );
  }
  if (parsed.hostname === '') throw new DatabaseUrlError(`the database URL names no host; ${EXPECTED}`);
  const params = parsed.searchParams;
  const user = decode(parsed.username) || params.get('user') || '';
  if (user === '') throw new DatabaseUrlError(`the database URL names no user; ${EXPECTED}`);
  const password = decode(parsed.password) || params.get('password') || undefined;
  const database = decode(parsed.pathname.slice(1)) || params.get('dbname') || user;
  const tls = tlsMode(params);
  const config: ClientConfig = {
    host: parsed.hostname.replace(/^\[(.*)\]$/, '$1'),
    port: parsed.port === '' ? 5432 : Number(parsed.port),
    user,
    password,
    database,
    ssl: sslOptions(tls),
  };
  const applicationName = params.get('application_name');
  if (applicationName) config.application_name = applicationName;
  const connectTimeout = params.get('connect_timeout');
  if (connectTimeout !== null) {
    const seconds = Number(connectTimeout);
    if (!Number.isFinite(seconds) || seconds < 0) {
      throw new DatabaseUrlError(`connect_timeout must be a number of seconds, got "${connectTimeout}"`);
    }
    config.connectionTimeoutMillis = seconds * 1000;
  }
  const secrets = password === undefined ? [] : secretForms(password, parsed.password);
  return { config, tls, redacted: redactParsed(parsed), secrets };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new DatabaseUrlError(
      'the database URL has a malformed %-escape in its user, password or database name',
    );
  }
}

function tlsMode(params: URLSearchParams): TlsMode {
  const sslmode = params.get('sslmode');
  if (sslmode !== null) {
    if (sslmode === 'allow' || sslmode === 'prefer') {
      // libpq tries one kind of connection and falls back to the other; pg cannot, and a silent
      // downgrade to plain text is worse than a clear choice.
      throw new DatabaseUrlError(
        `sslmode=${sslmode} is not supported (no fallback between TLS and plain connections); use sslmode=require or sslmode=disable`,
      );
    }
    if (!SSL_MODES.has(sslmode)) {
      throw new DatabaseUrlError(
        `unsupported sslmode "${sslmode}"; use disable, require, verify-ca or verify-full`,
      );
    }
    return sslmode === 'no-verify' ? 'require' : (sslmode as TlsMode);
  }
  // pg's own switch: ssl=true verifies fully, as pg does.
  const ssl = params.get('ssl');
  if (ssl === 'true' || ssl === '1') return 'verify-full';
  return 'disable';
}

function sslOptions(tls: TlsMode): ClientConfig['ssl'] {
  switch (tls) {
    case 'disable':
      return false;
    case 'require':
      return { rejectUnauthorized: false };
    case 'verify-ca':
      return { checkServerIdentity: () => undefined };
    case 'verify-full':
      return {};
  }
}

function secretForms(password: string, asWritten: string): string[] {
  return [...new Set([password, asWritten, encodeURIComponent(password)])].filter((s) => s !== '');
}

function redactParsed(parsed: URL): string {
  const copy = new URL(parsed.href);
  if (copy.password !== '') copy.password = REDACTED;
  if (copy.searchParams.has('password')) copy.searchParams.set('password', REDACTED);
  return copy.href;
}

/**
 * The URL with its password hidden, for any string: a URL that does not parse is still scrubbed
 * (the `user:password@` part and a `password=` parameter), so error paths can show it safely.
 */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url.trim());
    if (SCHEMES.has(parsed.protocol) && !parsed.pathname.includes('@')) return redactParsed(parsed);
  } catch {
    // Fall through to the textual scrub.
  }
  return url
    .replace(/(\/\/[^/?#@:]*:).*@/, `$1${REDACTED}@`)
    .replace(/([?&]password=)[^&#]*/gi, `$1${REDACTED}`);
}

/** Replaces every occurrence of each secret in `text` (an error message, a log attribute). */
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  // Longest first, so a secret that contains another is replaced whole.
  for (const secret of [...secrets].sort((a, b) => b.length - a.length)) {
    if (secret !== '') out = out.split(secret).join(REDACTED);
  }
  return out;
}
