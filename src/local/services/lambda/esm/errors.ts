// The event source mapping errors, worded as AWS words them.

import { AwsServiceError } from '../../../errors.js';
import type { EventSourceMappings } from './mappings.js';
import type { MappingRecord } from './model.js';

export const mappingNotFound = (): AwsServiceError =>
  new AwsServiceError('ResourceNotFoundException', 'The resource you requested does not exist.', 404);

/** A mapping mid-transition (Creating, Updating…) can be neither updated nor deleted. */
export const mappingInUse = (verb: 'update' | 'delete'): AwsServiceError =>
  new AwsServiceError(
    'ResourceInUseException',
    `Cannot ${verb} the event source mapping because it is in use.`,
    400,
  );

export function requireMapping(mappings: EventSourceMappings, uuid: string | undefined): MappingRecord {
  const m = uuid ? mappings.store.get(uuid) : undefined;
  if (!m) throw mappingNotFound();
  return m;
}

/** One mapping per queue and function (as qualified): AWS points at the existing one. */
export function checkUnique(
  mappings: EventSourceMappings,
  queueArn: string,
  functionName: string,
  qualifier: string | undefined,
  exceptUuid?: string,
): void {
  for (const m of mappings.store.all()) {
    if (
      m.uuid !== exceptUuid &&
      m.eventSourceArn === queueArn &&
      m.functionName === functionName &&
      m.qualifier === qualifier
    ) {
      throw new AwsServiceError(
        'ResourceConflictException',
        `An event source mapping with SQS arn (" ${queueArn} ") and function (" ${functionName} ") already exists. Please update or delete the existing mapping with UUID ${m.uuid}`,
        409,
      );
    }
  }
}
