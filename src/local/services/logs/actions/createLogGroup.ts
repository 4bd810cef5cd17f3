// CloudWatch Logs CreateLogGroup: a new, empty group (never-expire retention unless set later).

import type { CreateLogGroupRequest } from '@aws-sdk/client-cloudwatch-logs';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import type { LogsState } from '../store.js';
import { groupName, tagMap, Violations } from '../validate.js';

const CLASSES = ['STANDARD', 'INFREQUENT_ACCESS', 'DELIVERY'];

export async function createLogGroup(
  input: CreateLogGroupRequest,
  ctx: ActionContext<LogsState>,
): Promise<void> {
  const v = new Violations();
  groupName(v, input.logGroupName);
  v.string(input.kmsKeyId, 'kmsKeyId', { max: 256 });
  if (input.logGroupClass !== undefined && !CLASSES.includes(input.logGroupClass))
    v.add(
      input.logGroupClass,
      'logGroupClass',
      `Member must satisfy enum value set: [${CLASSES.join(', ')}]`,
    );
  tagMap(v, input.tags);
  v.check();
  const name = input.logGroupName!;
  if (ctx.state.groups.has(name))
    throw new AwsServiceError(
      'ResourceAlreadyExistsException',
      'The specified log group already exists',
      400,
    );
  await ctx.cloud.persistence.commit('logs', 'createGroup', {
    name,
    at: ctx.cloud.clock.now(),
    kmsKeyId: input.kmsKeyId,
    logGroupClass: input.logGroupClass,
    tags: input.tags,
  });
}
