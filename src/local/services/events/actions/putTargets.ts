// PutTargets: adds or replaces (by Id) up to 5 targets per rule. Malformed ids fail the request as
// AWS's front end does; an ARN that is not an ARN, or a FIFO queue without SqsParameters'
// MessageGroupId, fails only its own entry. Dead-letter queues must be standard queues.

import type {
  PutTargetsRequest,
  PutTargetsResponse,
  PutTargetsResultEntry,
  Target,
} from '@aws-sdk/client-eventbridge';
import { validateTargetInput } from '../../../engines/targetInput.js';
import { AwsServiceError, validation } from '../../../errors.js';
import type { ActionContext } from '../../../service.js';
import { findRule } from '../lookup.js';
import type { EventsState } from '../state.js';
import { inputConfig } from '../targets/index.js';
import { checkRuleAndBus, constraints } from '../validate.js';

export const MAX_TARGETS_PER_RULE = 5;
const ARN = /^arn:aws[\w-]*:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;

export async function putTargets(
  input: PutTargetsRequest,
  ctx: ActionContext<EventsState>,
): Promise<PutTargetsResponse> {
  checkRuleAndBus(input.Rule, input.EventBusName, 'rule');
  const targets = input.Targets ?? [];
  const c = constraints();
  if (input.Targets === undefined) c.string(undefined, 'targets', { required: true });
  c.listLength(input.Targets, 'targets', 1, 10);
  targets.forEach((t, i) => {
    const at = `targets.${i + 1}.member`;
    c.ruleName(t.Id, `${at}.id`)
      .string(t.Arn, `${at}.arn`, { min: 1, max: 1600, required: true })
      .string(t.RoleArn, `${at}.roleArn`, { min: 1, max: 1600 })
      .string(t.Input, `${at}.input`, { max: 8192 })
      .string(t.InputPath, `${at}.inputPath`, { max: 256 })
      .string(t.InputTransformer?.InputTemplate, `${at}.inputTransformer.inputTemplate`, {
        min: 1,
        max: 8192,
        required: t.InputTransformer !== undefined,
      })
      .number(t.RetryPolicy?.MaximumRetryAttempts, `${at}.retryPolicy.maximumRetryAttempts`, 0, 185)
      .number(
        t.RetryPolicy?.MaximumEventAgeInSeconds,
        `${at}.retryPolicy.maximumEventAgeInSeconds`,
        60,
        86_400,
      );
  });
  c.check();
  // AWS refuses the whole call (CloudTrail shows the ValidationException on PutTargets).
  if (targets.some((t) => t.DeadLetterConfig?.Arn?.endsWith('.fifo')))
    throw validation('SQS FIFO is not supported by Dead Letter Queues.');

  const { bus, rule } = findRule(ctx, input.Rule!, input.EventBusName);
  const failed: PutTargetsResultEntry[] = [];
  const accepted: Target[] = [];
  for (const target of targets) {
    validateTargetInput(target.Id!, inputConfig(target));
    if (!ARN.test(target.Arn!)) {
      failed.push({
        TargetId: target.Id,
        ErrorCode: 'ValidationException',
        ErrorMessage: `Parameter ${target.Arn} is not valid. Reason: Provided Arn is not in correct format.`,
      });
    } else if (
      target.Arn!.includes(':sqs:') &&
      target.Arn!.endsWith('.fifo') &&
      !target.SqsParameters?.MessageGroupId
    ) {
      failed.push({
        TargetId: target.Id,
        ErrorCode: 'ValidationException',
        ErrorMessage: `Parameter(s) SqsParameters must be specified for target: ${target.Id}.`,
      });
    } else {
      // Plain JSON for the journal (the SDK's input objects carry no Dates or blobs).
      accepted.push(JSON.parse(JSON.stringify(target)) as Target);
    }
  }
  const ids = new Set([...rule.targets.map((t) => t.Id), ...accepted.map((t) => t.Id)]);
  if (ids.size > MAX_TARGETS_PER_RULE)
    throw new AwsServiceError(
      'LimitExceededException',
      'The requested resource exceeds the maximum number allowed.',
      400,
    );
  if (accepted.length > 0)
    await ctx.cloud.persistence.commit('events', 'putTargets', {
      busArn: bus.arn,
      name: rule.name,
      targets: accepted,
    });
  return { FailedEntryCount: failed.length, FailedEntries: failed } satisfies PutTargetsResponse;
}
