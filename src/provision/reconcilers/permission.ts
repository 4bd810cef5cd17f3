// One statement in a function alias's resource policy: who (service principal) may invoke it,
// from which source ARN in which account. Lambda cannot edit a statement, so an update is
// remove + add under the same statement id.
import { AddPermissionCommand, GetPolicyCommand, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { isNotFound } from '../../aws/errors.js';
import type { PermissionSpec } from '../../pipeline/types.js';
import type { ProvisionContext, Reconciler } from '../types.js';

export interface ObservedPermission {
  principal: string | undefined;
  action: string | undefined;
  sourceArn: string | undefined;
  sourceAccount: string | undefined;
}

interface LambdaPolicyStatement {
  Sid?: string;
  Principal?: string | { Service?: string };
  Action?: string;
  Condition?: Record<string, Record<string, string>>;
}

export const permissionReconciler: Reconciler<PermissionSpec, ObservedPermission> = {
  async describe(spec, ctx) {
    let policy: string | undefined;
    try {
      policy = (
        await ctx.clients.lambda.send(
          new GetPolicyCommand({ FunctionName: spec.functionName, Qualifier: spec.qualifier }),
        )
      ).Policy;
    } catch (error) {
      // No function, no alias, or no policy yet: all mean the statement is not there.
      if (isNotFound(error)) return undefined;
      throw error;
    }
    const statements =
      (JSON.parse(policy ?? '{}') as { Statement?: LambdaPolicyStatement[] }).Statement ?? [];
    const s = statements.find((x) => x.Sid === spec.statementId);
    if (!s) return undefined;
    return {
      principal: typeof s.Principal === 'string' ? s.Principal : s.Principal?.Service,
      action: s.Action,
      sourceArn: s.Condition?.ArnLike?.['AWS:SourceArn'] ?? s.Condition?.ArnEquals?.['AWS:SourceArn'],
      sourceAccount: s.Condition?.StringEquals?.['AWS:SourceAccount'],
    };
  },

  diff(spec, o) {
    const reasons: string[] = [];
    if (o.principal !== spec.principal) reasons.push(`principal ${o.principal} → ${spec.principal}`);
    if (o.action !== spec.action) reasons.push(`action ${o.action} → ${spec.action}`);
    if (o.sourceArn !== spec.sourceArn)
      reasons.push(`source ARN ${o.sourceArn ?? 'none'} → ${spec.sourceArn}`);
    if (o.sourceAccount !== spec.sourceAccount) {
      reasons.push(`source account ${o.sourceAccount ?? 'none'} → ${spec.sourceAccount}`);
    }
    return reasons;
  },

  async create(spec, ctx) {
    await addPermission(spec, ctx);
    return {};
  },

  async update(spec, _o, ctx) {
    await removePermission(spec, ctx);
    await addPermission(spec, ctx);
    return {};
  },

  outputs: () => ({}),

  async delete(spec, _o, ctx) {
    await removePermission(spec, ctx);
  },
};

const addPermission = (spec: PermissionSpec, ctx: ProvisionContext) =>
  ctx.clients.lambda.send(
    new AddPermissionCommand({
      FunctionName: spec.functionName,
      Qualifier: spec.qualifier,
      StatementId: spec.statementId,
      Action: spec.action,
      Principal: spec.principal,
      SourceArn: spec.sourceArn,
      SourceAccount: spec.sourceAccount,
    }),
  );

const removePermission = (spec: PermissionSpec, ctx: ProvisionContext) =>
  ctx.clients.lambda.send(
    new RemovePermissionCommand({
      FunctionName: spec.functionName,
      Qualifier: spec.qualifier,
      StatementId: spec.statementId,
    }),
  );
