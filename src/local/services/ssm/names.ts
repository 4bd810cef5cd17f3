// Parameter names: AWS's naming rules for PutParameter, and how the read APIs resolve a reference
// (a name, `/path/name`, an ARN, optionally with a `:version` or `:label` selector).

import { AwsServiceError } from '../../errors.js';
import { coral, validation } from './validate.js';

const NAME_CHARS = /^[a-zA-Z0-9_.\-/]+$/;
const MAX_NAME = 2048;
const MAX_LEVELS = 15;
const ARN = /^arn:aws[a-z-]*:ssm:[^:]*:[^:]*:parameter\/(.+)$/;

// AWS's wording, quirks included: the message for any malformed name talks about the "ssm" prefix.
export const BAD_NAME =
  'Parameter name: can\'t be prefixed with "ssm" (case-insensitive). If formed as a path, it can ' +
  'consist of sub-paths divided by slash symbol; each sub-path can be formed as a mix of letters, ' +
  'numbers and the following 3 symbols .-_';
const RESERVED = 'Parameter name: can\'t be prefixed with "aws" or "ssm" (case-insensitive).';

/** PutParameter's checks, in AWS's order; returns the name as stored (AWS trims outer spaces). */
export function validateNewName(raw: string | undefined): string {
  if (raw === undefined) throw coral(null, 'name', 'Member must not be null');
  const name = raw.trim();
  if (name.length < 1) throw coral(raw, 'name', 'Member must have length greater than or equal to 1');
  if (name.length > MAX_NAME)
    throw coral(name, 'name', `Member must have length less than or equal to ${MAX_NAME}`);
  const bare = name.replace(/^\/+/, '').toLowerCase();
  const isPath = name.split('/').length > 2;
  if (bare.startsWith('aws') || bare.startsWith('ssm')) {
    // `/aws/...` is AWS's own namespace (public parameters): writing there is an access error.
    if (isPath && name.toLowerCase().startsWith('/aws'))
      throw new AwsServiceError(
        'AccessDeniedException',
        `No access to reserved parameter name: ${name}.`,
        400,
      );
    throw validation(isPath ? BAD_NAME : RESERVED);
  }
  if (!isWellFormed(name)) throw validation(BAD_NAME);
  if (name.split('/').filter(Boolean).length > MAX_LEVELS)
    throw new AwsServiceError(
      'HierarchyLevelLimitExceededException',
      'A hierarchy can have a maximum of 15 levels. For more information, see Requirements and ' +
        'constraints for parameter names in the AWS Systems Manager User Guide.',
      400,
    );
  return name;
}

/** Allowed characters, and slashes only as separators of a path that starts with one. */
function isWellFormed(name: string): boolean {
  if (!NAME_CHARS.test(name) || name.includes('//') || name.endsWith('/')) return false;
  return !name.includes('/') || name.startsWith('/');
}

export interface Reference {
  /** The name the caller meant, ARN stripped. */
  name: string;
  /** `3` or `prod` from `name:3` / `name:prod`. */
  selector?: string;
  /** More than one selector: no such parameter, whatever the name. */
  malformed?: boolean;
}

/** Resolves what a read API was given: a name or an ARN, with an optional selector. */
export function parseReference(input: string, allowSelector: boolean): Reference {
  let rest = input;
  const arn = ARN.exec(input);
  // The ARN drops a path's leading slash (`parameter/a/b` is `/a/b`; `parameter/a` is `a`).
  if (arn) rest = arn[1].split(':')[0].includes('/') ? `/${arn[1]}` : arn[1];
  const parts = rest.split(':');
  if (parts.length === 1) return { name: rest };
  if (!allowSelector || parts.length > 2) return { name: rest, malformed: true };
  return { name: parts[0], selector: parts[1] };
}

/**
 * The read APIs refuse names that could never have been created (`a/b`, `/a//b`) with the same
 * message as PutParameter, rather than answering "not found".
 */
export function checkReadableName(name: string): void {
  if (name.includes('//') || (name.includes('/') && !name.startsWith('/'))) throw validation(BAD_NAME);
}

/** The parameter's ARN: its path without the leading slash, after `parameter/`. */
export const parameterArn = (region: string, accountId: string, name: string): string =>
  `arn:aws:ssm:${region}:${accountId}:parameter/${name.replace(/^\//, '')}`;
