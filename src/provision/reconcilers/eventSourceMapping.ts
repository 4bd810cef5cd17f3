// A Lambda event source mapping (an SQS queue polled into a function's alias). Mappings have no
// name: one is found by its function (alias-qualified) and event source ARN.
import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
  FunctionResponseType,
  InvalidParameterValueException,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from '@aws-sdk/client-lambda';
import { isNotFound } from '../../aws/errors.js';
import { FaasError } from '../../errors.js';
import type { EventSourceMappingSpec } from '../../pipeline/types.js';
import { RetriesExhausted, retryWithBackoff } from '../retry.js';
import type { Reconciler } from '../types.js';

/**
 * Lambda checks the execution role's SQS permissions when the mapping is created; right after the
 * role's policy is written it answers InvalidParameterValueException "The function execution role
 * does not have permissions to call ReceiveMessage on SQS". That class covers every bad parameter,
 * so the message tells this case apart.
 */
export const isPermissionNotYetVisible = (error: unknown): boolean =>
  error instanceof InvalidParameterValueException &&
  /execution role does not have permissions/i.test(error.message);

export type ObservedMapping = EventSourceMappingConfiguration;

const sorted = (list: readonly string[] | undefined): string => [...(list ?? [])].sort().join(',');

// A mapping being deleted still lists; it is not the one to keep.
const isLive = (m: EventSourceMappingConfiguration): boolean => m.State !== 'Deleting';

const isEnabled = (m: EventSourceMappingConfiguration): boolean =>
  m.State !== 'Disabled' && m.State !== 'Disabling';

const responseTypes = (spec: EventSourceMappingSpec): FunctionResponseType[] =>
  spec.functionResponseTypes.filter((t): t is FunctionResponseType =>
    (Object.values(FunctionResponseType) as string[]).includes(t),
  );

export const eventSourceMappingReconciler: Reconciler<EventSourceMappingSpec, ObservedMapping> = {
  async describe(spec, ctx) {
    try {
      const out: EventSourceMappingConfiguration[] = [];
      let Marker: string | undefined;
      do {
        const page = await ctx.clients.lambda.send(
          new ListEventSourceMappingsCommand({
            FunctionName: spec.functionName,
            EventSourceArn: spec.eventSourceArn,
            Marker,
          }),
        );
        out.push(...(page.EventSourceMappings ?? []));
        Marker = page.NextMarker;
      } while (Marker);
      return out.find(isLive);
    } catch (error) {
      // The function (or its alias) does not exist yet: neither does its mapping.
      if (isNotFound(error)) return undefined;
      throw error;
    }
  },

  diff(spec, o) {
    const reasons: string[] = [];
    if (o.BatchSize !== spec.batchSize) reasons.push(`batch size ${o.BatchSize} → ${spec.batchSize}`);
    if (sorted(o.FunctionResponseTypes) !== sorted(spec.functionResponseTypes)) {
      reasons.push(
        `response types [${sorted(o.FunctionResponseTypes)}] → [${sorted(spec.functionResponseTypes)}]`,
      );
    }
    if (isEnabled(o) !== spec.enabled) reasons.push(spec.enabled ? 'disabled' : 'enabled');
    return reasons;
  },

  async create(spec, ctx) {
    const send = () =>
      ctx.clients.lambda.send(
        new CreateEventSourceMappingCommand({
          FunctionName: spec.functionName,
          EventSourceArn: spec.eventSourceArn,
          BatchSize: spec.batchSize,
          FunctionResponseTypes: responseTypes(spec),
          Enabled: spec.enabled,
        }),
      );
    try {
      const created = await retryWithBackoff(send, {
        ...ctx.roleRetry,
        clock: ctx.clock,
        retryable: isPermissionNotYetVisible,
        onRetry: ({ attempt, delayMs }) =>
          ctx.note?.(
            `${spec.functionName}: Lambda does not see the role's SQS permissions yet (IAM propagation); ` +
              `retry ${attempt}/${ctx.roleRetry.attempts - 1} in ${(delayMs / 1000).toFixed(1)}s`,
          ),
      });
      return { uuid: created.UUID ?? '' };
    } catch (error) {
      if (!(error instanceof RetriesExhausted)) throw error;
      throw new FaasError(
        'MappingRoleNotReady',
        `Lambda still refuses the mapping ${spec.eventSourceArn} → ${spec.functionName} after ${error.attempts} attempts`,
        {
          cause: error.lastError,
          hint: 'New IAM policies can take a minute to propagate: run faas up again.',
        },
      );
    }
  },

  async update(spec, o, ctx) {
    await ctx.clients.lambda.send(
      new UpdateEventSourceMappingCommand({
        UUID: o.UUID,
        BatchSize: spec.batchSize,
        FunctionResponseTypes: responseTypes(spec),
        Enabled: spec.enabled,
      }),
    );
    return { uuid: o.UUID ?? '' };
  },

  outputs: (_spec, o) => ({ uuid: o.UUID ?? '' }),

  async delete(_spec, o, ctx) {
    await ctx.clients.lambda.send(new DeleteEventSourceMappingCommand({ UUID: o.UUID }));
  },
};
