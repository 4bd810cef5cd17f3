// ParameterStringFilter for DescribeParameters and GetParametersByPath: AWS's validation (model
// violations first, then the per-key rules with their own error codes) and matching.

import type { ParameterStringFilter } from '@aws-sdk/client-ssm';
import { AwsServiceError } from '../../errors.js';
import type { ParameterRecord } from './store.js';
import { Violations, validation } from './validate.js';

const KEY_PATTERN = /^(tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType)$/;
const KEY_PATTERN_TEXT = 'tag:.+|Name|Type|KeyId|Path|Label|Tier|DataType';
const PATH_CHARS = /^[a-zA-Z0-9_.\-/]*$/;

// AWS's text, including its literal backslashes around "aws" and "ssm".
export const BAD_PATH =
  'The parameter doesn\'t meet the parameter name requirements. The parameter name must begin with a forward slash "/". ' +
  'It can\'t be prefixed with \\"aws\\" or \\"ssm\\" (case-insensitive). ' +
  'It must use only letters, numbers, or the following symbols: . (period), - (hyphen), _ (underscore). ' +
  'Special characters are not allowed. All sub-paths, if specified, must use the forward slash symbol "/". ' +
  'Valid example: /get/parameters2-/by1./path0_.';

const filterKey = (message: string) => new AwsServiceError('InvalidFilterKey', message, 400);
const filterOption = (message: string) => new AwsServiceError('InvalidFilterOption', message, 400);
const filterValue = (message: string) => new AwsServiceError('InvalidFilterValue', message, 400);

const defaultOption = (key: string): string => (key === 'Path' ? 'OneLevel' : 'Equals');

/** A path as GetParametersByPath and the Path filter accept it. */
export const isValidPath = (path: string): boolean =>
  path.startsWith('/') && !path.includes('//') && PATH_CHARS.test(path);

export function validateFilters(filters: ParameterStringFilter[] | undefined, byPath: boolean): void {
  if (!filters) return;
  const v = new Violations();
  filters.forEach((f, i) => {
    const at = `parameterFilters.${i + 1}.member`;
    v.required(f.Key, `${at}.key`);
    if (f.Key !== undefined) {
      if (!KEY_PATTERN.test(f.Key))
        v.add(f.Key, `${at}.key`, `Member must satisfy regular expression pattern: ${KEY_PATTERN_TEXT}`);
      v.length(f.Key, `${at}.key`, 1, 132);
    }
    v.length(f.Option, `${at}.option`, 1, 10);
    v.length(f.Values, `${at}.values`, 1, 50);
    for (const value of f.Values ?? []) v.length(value, `${at}.values`, 1, 1024);
  });
  v.check();

  const seen = new Set<string>();
  for (const f of filters) {
    const key = f.Key!;
    const option = f.Option ?? defaultOption(key);
    const values = f.Values ?? [];
    if (byPath && !['Type', 'KeyId', 'Label'].includes(key))
      throw filterKey(
        `The following filter key is not valid: ${key}. Valid filter keys include: [Type, KeyId].`,
      );
    if (!byPath && key === 'Label')
      throw filterKey(
        'The following filter key is not valid: Label. Valid filter keys include: [Path, Name, Type, KeyId, Tier].',
      );
    if (!key.startsWith('tag:') && values.length === 0)
      throw filterValue(`The following filter values are missing : null for filter key ${key}.`);
    if (seen.has(key))
      throw filterKey(
        `The following filter is duplicated in the request: ${key}. A request can contain only one occurrence of a specific filter.`,
      );
    seen.add(key);
    if (key === 'Path') {
      if (option !== 'Recursive' && option !== 'OneLevel')
        throw filterOption(
          `The following filter option is not valid: ${option}. Valid options include: [Recursive, OneLevel].`,
        );
      for (const value of values) {
        if (/^\/(aws|ssm)/i.test(value))
          throw validation(
            'Filters for common parameters can\'t be prefixed with "aws" or "ssm" (case-insensitive). ' +
              'When using global parameters, please specify within a global namespace.',
          );
        if (!isValidPath(value)) throw validation(BAD_PATH);
      }
      continue;
    }
    if (key === 'Tier')
      for (const value of values)
        if (!['Standard', 'Advanced', 'Intelligent-Tiering'].includes(value))
          throw filterOption(
            `The following filter value is not valid: ${value}. Valid values include: [Standard, Advanced, Intelligent-Tiering].`,
          );
    if (key === 'Type')
      for (const value of values)
        if (!['String', 'StringList', 'SecureString'].includes(value))
          throw filterOption(
            `The following filter value is not valid: ${value}. Valid values include: [String, StringList, SecureString].`,
          );
    const options = key === 'Name' ? ['Equals', 'BeginsWith', 'Contains'] : ['Equals', 'BeginsWith'];
    if (!options.includes(option))
      throw filterOption(
        `The following filter option is not valid: ${option}. Valid options include: [BeginsWith, Equals].`,
      );
  }
}

/** "/" + the name without its leading slash: how Name and Path filters compare names. */
const slashed = (name: string): string => `/${name.replace(/^\/+/, '')}`;

export function matchesFilters(
  param: ParameterRecord,
  filters: ParameterStringFilter[] | undefined,
): boolean {
  return (filters ?? []).every((f) => matchesFilter(param, f));
}

function matchesFilter(param: ParameterRecord, f: ParameterStringFilter): boolean {
  const key = f.Key!;
  const option = f.Option ?? defaultOption(key);
  const values = f.Values ?? [];
  const current = param.history[param.history.length - 1];
  if (key === 'Path') {
    const name = slashed(param.name);
    return values.some((raw) => {
      const path = raw.replace(/\/+$/, '');
      if (!name.startsWith(`${path}/`)) return false;
      return option === 'Recursive' || !name.slice(path.length + 1).includes('/');
    });
  }
  if (key === 'Name') {
    const name = slashed(param.name);
    if (option === 'Contains') return values.some((value) => name.includes(value));
    return compare(name, values.map(slashed), option);
  }
  if (key === 'Label') return param.history.some((h) => h.labels.some((l) => values.includes(l)));
  if (key.startsWith('tag:')) {
    const tag = param.tags.find((t) => t.Key === key.slice(4));
    // A tag filter without values asks only whether the tag is there.
    if (!tag) return false;
    return values.length === 0 || compare(tag.Value, values, option);
  }
  const field: Record<string, string | undefined> = {
    Type: current.type,
    KeyId: current.keyId,
    Tier: current.tier,
    DataType: current.dataType,
  };
  const actual = field[key];
  return actual !== undefined && compare(actual, values, option);
}

const compare = (actual: string, values: string[], option: string): boolean =>
  option === 'BeginsWith' ? values.some((v) => actual.startsWith(v)) : values.includes(actual);
