// CloudWatch Logs CreateLogStream: a new stream in an existing group.

import type { CreateLogStreamRequest } from '@aws-sdk/client-cloudwatch-logs';
import { AwsServiceError } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { requireGroup } from '../resources.js';
import type { LogsState } from '../store.js';
import { groupName, streamName, Violations } from '../validate.js';

export async function createLogStream(
  input: CreateLogStreamRequest,
  ctx: ActionContext<LogsState>,
): Promise<void> {
  const v = new Violations();
  groupName(v, input.logGroupName);
  streamName(v, input.logStreamName);
  v.check();
  const group = requireGroup(ctx.state, input.logGroupName!);
  if (group.streams.has(input.logStreamName!))
    throw new AwsServiceError(
      'ResourceAlreadyExistsException',
      'The specified log stream already exists',
      400,
    );
  await ctx.cloud.persistence.commit('logs', 'createStream', {
    group: group.name,
    name: input.logStreamName!,
    at: ctx.cloud.clock.now(),
  });
}
