// IAM policy documents: the checks behind MalformedPolicyDocument (with AWS's messages) for trust
// policies and inline identity policies, and the RFC 3986 encoding IAM applies to every document it
// returns.

import { AwsServiceError } from '../../errors.js';

export type PolicyKind = 'trust' | 'identity';

const TOP_LEVEL = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
]);
const PRINCIPAL_KEYS = new Set(['AWS', 'Service', 'Federated', 'CanonicalUser']);

type Statement = Record<string, unknown>;

const malformed = (message: string): AwsServiceError =>
  new AwsServiceError('MalformedPolicyDocument', message, 400);

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isStringOrStrings = (v: unknown): boolean =>
  typeof v === 'string' || (Array.isArray(v) && v.every((x) => typeof x === 'string'));

const asList = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : Array.isArray(v) ? (v as string[]) : [];

/** Throws MalformedPolicyDocument unless `text` is a policy IAM would store. */
export function validatePolicyDocument(text: string, kind: PolicyKind): void {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw malformed('This policy contains invalid Json');
  }
  const statements = syntaxCheck(doc);
  // Only an explicit old version is refused: AWS accepts a policy that omits Version.
  if ((doc as Record<string, unknown>).Version === '2008-10-17')
    throw malformed('Policy document must be version 2012-10-17 or greater.');
  // The syntax pass accepts any case of Effect; IAM's legacy parser then insists on the exact words.
  if (statements.some((s) => s.Effect !== 'Allow' && s.Effect !== 'Deny'))
    throw malformed('The policy failed legacy parsing');
  const sids = statements.map((s) => s.Sid).filter((s) => typeof s === 'string' && s !== '');
  if (new Set(sids).size !== sids.length)
    throw malformed('Statement IDs (SID) in a single policy must be unique.');
  for (const s of statements) {
    const actions = s.Action ?? s.NotAction;
    if (actions === undefined || (Array.isArray(actions) && actions.length === 0))
      throw malformed('Policy statement must contain actions.');
  }
  if (kind === 'identity') identityChecks(statements);
  else trustChecks(statements);
  for (const s of statements) for (const action of asList(s.Action ?? s.NotAction)) actionPrefix(action);
}

function syntaxCheck(doc: unknown): Statement[] {
  const syntax = malformed('Syntax errors in policy.');
  if (!isObject(doc)) throw syntax;
  for (const key of Object.keys(doc)) if (!TOP_LEVEL.has(key)) throw syntax;
  if (doc.Version !== undefined && doc.Version !== '2012-10-17' && doc.Version !== '2008-10-17') throw syntax;
  if (doc.Id !== undefined && typeof doc.Id !== 'string') throw syntax;
  const raw = doc.Statement;
  const statements = isObject(raw) ? [raw] : Array.isArray(raw) ? raw : undefined;
  if (!statements || statements.length === 0) throw syntax;
  for (const s of statements) {
    if (!isObject(s)) throw syntax;
    for (const key of Object.keys(s)) if (!STATEMENT_KEYS.has(key)) throw syntax;
    if ('Action' in s && 'NotAction' in s) throw syntax;
    if ('Resource' in s && 'NotResource' in s) throw syntax;
    if ('Principal' in s && 'NotPrincipal' in s) throw syntax;
    if (typeof s.Effect !== 'string' || !['allow', 'deny'].includes(s.Effect.toLowerCase())) throw syntax;
    for (const key of ['Action', 'NotAction', 'Resource', 'NotResource'])
      if (key in s && !isStringOrStrings(s[key])) throw syntax;
    if ('Sid' in s && typeof s.Sid !== 'string') throw syntax;
    if ('Condition' in s && (!isObject(s.Condition) || !Object.values(s.Condition).every(isObject)))
      throw syntax;
    for (const key of ['Principal', 'NotPrincipal']) {
      if (!(key in s)) continue;
      const p = s[key];
      if (p === '*') continue;
      if (!isObject(p) || Object.keys(p).some((k) => !PRINCIPAL_KEYS.has(k))) throw syntax;
      if (!Object.values(p).every(isStringOrStrings)) throw syntax;
    }
  }
  return statements as Statement[];
}

function identityChecks(statements: Statement[]): void {
  for (const s of statements) {
    if ('Principal' in s || 'NotPrincipal' in s)
      throw malformed('Policy document should not specify a principal.');
    const resources = s.Resource ?? s.NotResource;
    if (resources === undefined || (Array.isArray(resources) && resources.length === 0))
      throw malformed('Policy statement must contain resources.');
    for (const r of asList(resources))
      if (r !== '*' && !r.includes(':')) throw malformed(`Resource ${r} must be in ARN format or "*".`);
  }
}

function trustChecks(statements: Statement[]): void {
  for (const s of statements) {
    if ('Resource' in s || 'NotResource' in s) throw malformed('Has prohibited field Resource.');
    if (!('Principal' in s) && !('NotPrincipal' in s)) throw malformed('Missing required field Principal.');
    for (const action of asList(s.Action ?? s.NotAction)) {
      if (action !== '*' && !action.toLowerCase().startsWith('sts:'))
        throw malformed('AssumeRole policy may only specify STS AssumeRole actions.');
    }
  }
}

function actionPrefix(action: string): void {
  if (action === '*') return;
  const parts = action.split(':');
  if (parts.length === 1)
    throw malformed('Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.');
  if (parts.length > 2) throw malformed('Actions/Condition can contain only one colon.');
  if (/[^a-zA-Z0-9\-.*]/.test(parts[0]!)) throw malformed(`Vendor ${parts[0]} is not valid`);
}

/**
 * IAM returns every policy document (AssumeRolePolicyDocument, GetRolePolicy's PolicyDocument)
 * percent-encoded per RFC 3986, and the JS SDK hands that string over undecoded: callers must
 * `decodeURIComponent` it. Matching that keeps code written against the local cloud correct on AWS.
 */
export const encodePolicy = (document: string): string =>
  encodeURIComponent(document).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
