// Shared by the tagging actions: the group an ARN names, and the 50-tag quota.

import { AwsServiceError } from '../../errors.js';
import { groupNotFound, nameFromArn } from './resources.js';
import type { LogGroupState, LogsState } from './store.js';
import { invalidParameter, MAX_TAGS } from './validate.js';

export function groupForArn(state: LogsState, arn: string | undefined, accountId: string): LogGroupState {
  if (!arn)
    throw invalidParameter(
      "1 validation error detected: Value null at 'resourceArn' failed to satisfy constraint: Member must not be null",
    );
  if (!/^arn:aws[a-z-]*:logs:/.test(arn)) throw invalidParameter(`Invalid resource arn: ${arn}`);
  const name = nameFromArn(arn, accountId);
  if (name === undefined) throw groupNotFound();
  const group = state.groups.get(name);
  if (!group) throw groupNotFound();
  return group;
}

export function checkTagQuota(group: LogGroupState, added: Record<string, string>): void {
  if (Object.keys({ ...group.tags, ...added }).length > MAX_TAGS)
    throw new AwsServiceError(
      'TooManyTagsException',
      `A resource can have no more than ${MAX_TAGS} tags.`,
      400,
      {
        extra: { resourceName: group.name },
      },
    );
}
