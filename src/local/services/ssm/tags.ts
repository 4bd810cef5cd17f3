// The tagging APIs' common front: which parameter a (ResourceType, ResourceId) pair names.

import { AwsServiceError } from '../../errors.js';
import { parseReference } from './names.js';
import type { SsmState } from './state.js';
import { type ParameterRecord, paramKey } from './store.js';
import { RESOURCE_TYPES, type Violations } from './validate.js';

export function checkResource(v: Violations, type: string | undefined, id: string | undefined): void {
  v.required(type, 'resourceType');
  v.oneOf(type, 'resourceType', RESOURCE_TYPES);
  v.required(id, 'resourceId');
}

/**
 * Only parameters live in this local Parameter Store, so any other (valid) resource type names a
 * resource that does not exist. Like ParameterNotFound, AWS sends InvalidResourceId bare.
 */
export function taggedParameter(
  state: SsmState,
  type: string,
  id: string,
): { key: string; param: ParameterRecord } {
  const ref = parseReference(id, false);
  const param = type === 'Parameter' && !ref.malformed ? state.params.get(ref.name) : undefined;
  if (!param) throw new AwsServiceError('InvalidResourceId', '', 400);
  return { key: paramKey(ref.name), param };
}
