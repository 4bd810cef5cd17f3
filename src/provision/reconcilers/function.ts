// A Lambda function and its `live` alias. Code and configuration go to $LATEST, then a version
// is published and `live` moved to it — every trigger points at `live`, so a half-finished
// update is never what callers get, and a crashed run is detected by `live` lagging $LATEST.
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  DeleteFunctionCommand,
  type FunctionConfiguration,
  GetAliasCommand,
  GetFunctionCommand,
  GetFunctionConfigurationCommand,
  InvalidParameterValueException,
  type LambdaClient,
  PublishVersionCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
  waitUntilPublishedVersionActive,
} from '@aws-sdk/client-lambda';
import { describeError, isNotFound } from '../../aws/errors.js';
import { FaasError } from '../../errors.js';
import { aliasArn, functionArn } from '../../pipeline/arns.js';
import type { FunctionSpec, Tags } from '../../pipeline/types.js';
import { previousDescription } from '../../release/alias.js';
import { LAMBDA_POLL } from '../../release/publish.js';
import type { Artifact } from '../artifacts.js';
import { RetriesExhausted, retryWithBackoff } from '../retry.js';
import { diffTags, tagReasons, tagsChanged } from '../tags.js';
import type { ProvisionContext, Reconciler } from '../types.js';

export interface ObservedFunction {
  arn: string;
  latest: FunctionConfiguration;
  tags: Tags;
  /** The version `live` points at and that version's configuration; undefined when no alias. */
  alias: { version: string; config: FunctionConfiguration | undefined } | undefined;
}

export const functionReconciler: Reconciler<FunctionSpec, ObservedFunction> = {
  async describe(spec, ctx) {
    const { lambda } = ctx.clients;
    let fn: Awaited<ReturnType<typeof getFunction>>;
    try {
      fn = await getFunction(lambda, spec.name);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    let alias: ObservedFunction['alias'];
    try {
      const found = await lambda.send(new GetAliasCommand({ FunctionName: spec.name, Name: spec.alias }));
      const version = found.FunctionVersion ?? '$LATEST';
      const config =
        version === '$LATEST'
          ? undefined
          : await lambda.send(
              new GetFunctionConfigurationCommand({ FunctionName: spec.name, Qualifier: version }),
            );
      alias = { version, config };
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    const latest = fn.Configuration ?? {};
    return {
      arn: latest.FunctionArn ?? functionArn(ctx.account, spec.name),
      latest,
      tags: fn.Tags ?? {},
      alias,
    };
  },

  diff(spec, o, ctx) {
    const artifact = ctx.artifacts.get(spec.name);
    const latest = [
      ...configReasons(spec, o.latest),
      ...archReasons(spec, o.latest),
      ...codeReasons(artifact, o.latest),
    ];
    return [
      ...latest,
      ...(latest.length === 0 ? aliasReasons(spec, o, artifact) : []),
      ...tagReasons(spec.tags, o.tags),
    ];
  },

  async create(spec, ctx) {
    const { lambda } = ctx.clients;
    const artifact = requireArtifact(spec, ctx);
    const created = await withRoleRetry(spec, ctx, () =>
      lambda.send(
        new CreateFunctionCommand({
          FunctionName: spec.name,
          Role: spec.roleArn,
          Runtime: spec.runtime,
          Handler: spec.handler,
          Architectures: [spec.architecture],
          MemorySize: spec.memory,
          Timeout: spec.timeout,
          Environment: { Variables: spec.environment },
          ...vpcConfig(spec),
          Code: { ZipFile: artifact.zip },
          Tags: spec.tags,
          // Publishing with the create gives version 1 without a separate PublishVersion call.
          Publish: true,
        }),
      ),
    );
    await waitActive(spec, ctx);
    let version = created.Version;
    if (version) await waitVersionActive(spec, version, ctx);
    else version = await publish(spec, ctx, artifact.sha256);
    await lambda.send(
      new CreateAliasCommand({ FunctionName: spec.name, Name: spec.alias, FunctionVersion: version }),
    );
    return outputsOf(spec, ctx, version);
  },

  async update(spec, o, ctx) {
    const { lambda } = ctx.clients;
    const artifact = ctx.artifacts.get(spec.name);
    const config = configReasons(spec, o.latest);
    const code = [...codeReasons(artifact, o.latest), ...archReasons(spec, o.latest)];
    // Lambda rejects an update while a previous one is still being applied.
    if (o.latest.LastUpdateStatus === 'InProgress' || o.latest.State === 'Pending')
      await waitUpdated(spec, ctx);
    // The architecture is set with the code: the same zip may be deployed for another one.
    if (code.length > 0) {
      await lambda.send(
        new UpdateFunctionCodeCommand({
          FunctionName: spec.name,
          ZipFile: requireArtifact(spec, ctx).zip,
          Architectures: [spec.architecture],
        }),
      );
      await waitUpdated(spec, ctx);
    }
    if (config.length > 0) {
      await withRoleRetry(spec, ctx, () =>
        lambda.send(
          new UpdateFunctionConfigurationCommand({
            FunctionName: spec.name,
            Role: spec.roleArn,
            Runtime: spec.runtime,
            Handler: spec.handler,
            MemorySize: spec.memory,
            Timeout: spec.timeout,
            Environment: { Variables: spec.environment },
            // Always sent, empty lists included: that is how Lambda is told to leave a VPC.
            VpcConfig: vpcConfig(spec).VpcConfig ?? { SubnetIds: [], SecurityGroupIds: [] },
          }),
        ),
      );
      await waitUpdated(spec, ctx);
    }
    const tags = diffTags(spec.tags, o.tags);
    if (tagsChanged(tags)) {
      if (Object.keys(tags.set).length > 0)
        await lambda.send(new TagResourceCommand({ Resource: o.arn, Tags: tags.set }));
      if (tags.remove.length > 0)
        await lambda.send(new UntagResourceCommand({ Resource: o.arn, TagKeys: tags.remove }));
    }
    // Tags are not versioned; anything else that changed needs a new version behind `live`.
    const stale = config.length > 0 || code.length > 0 || aliasReasons(spec, o, artifact).length > 0;
    if (!stale) return outputsOf(spec, ctx, o.alias?.version ?? '$LATEST');
    const version = await publish(spec, ctx, artifact?.sha256 ?? o.latest.CodeSha256);
    const input = { FunctionName: spec.name, Name: spec.alias, FunctionVersion: version };
    if (o.alias) {
      // Leave the same trail as `faas release` (src/release/alias.ts) so `faas rollback` can go
      // back to what `up` replaced; a canary in progress is ended by deploying the desired state.
      await lambda.send(
        new UpdateAliasCommand({
          ...input,
          Description: previousDescription(o.alias.version),
          RoutingConfig: { AdditionalVersionWeights: {} },
        }),
      );
    } else {
      await lambda.send(new CreateAliasCommand(input));
    }
    return outputsOf(spec, ctx, version);
  },

  outputs: (spec, o) => ({
    arn: o.arn,
    aliasArn: `${o.arn}:${spec.alias}`,
    version: o.alias?.version ?? '',
    codeSha256: o.latest.CodeSha256 ?? '',
  }),

  async delete(spec, _o, ctx) {
    // Deleting the function deletes its versions and aliases (and their resource policies).
    await ctx.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: spec.name }));
  },
};

const getFunction = (lambda: LambdaClient, name: string) =>
  lambda.send(new GetFunctionCommand({ FunctionName: name }));

const change = (reasons: string[], what: string, from: unknown, to: unknown): void => {
  if (from !== to) reasons.push(`${what} ${from ?? 'unset'} → ${to}`);
};

/** Differences UpdateFunctionConfiguration fixes; a secret environment value is named, never shown. */
function configReasons(spec: FunctionSpec, c: FunctionConfiguration): string[] {
  const reasons: string[] = [];
  change(reasons, 'role', c.Role, spec.roleArn);
  change(reasons, 'runtime', c.Runtime, spec.runtime);
  change(reasons, 'handler', c.Handler, spec.handler);
  change(reasons, 'memory (MB)', c.MemorySize, spec.memory);
  change(reasons, 'timeout (s)', c.Timeout, spec.timeout);
  const actual = c.Environment?.Variables ?? {};
  const keys = new Set([...Object.keys(actual), ...Object.keys(spec.environment)]);
  const changed = [...keys].filter((k) => actual[k] !== spec.environment[k]).sort();
  if (changed.length > 0) reasons.push(`environment differs (${changed.join(', ')})`);
  const vpc = (ids: string[] | undefined) => [...(ids ?? [])].sort().join(',') || 'none';
  change(reasons, 'subnets', vpc(c.VpcConfig?.SubnetIds), vpc(spec.vpc?.subnetIds));
  change(reasons, 'security groups', vpc(c.VpcConfig?.SecurityGroupIds), vpc(spec.vpc?.securityGroupIds));
  return reasons;
}

/** The VpcConfig parameter for CreateFunction: absent without a VPC. */
const vpcConfig = (spec: FunctionSpec) =>
  spec.vpc
    ? { VpcConfig: { SubnetIds: spec.vpc.subnetIds, SecurityGroupIds: spec.vpc.securityGroupIds } }
    : {};

// Lambda defaults to x86_64 and may omit Architectures for it.
function archReasons(spec: FunctionSpec, c: FunctionConfiguration): string[] {
  const reasons: string[] = [];
  change(reasons, 'architecture', c.Architectures?.[0] ?? 'x86_64', spec.architecture);
  return reasons;
}

function codeReasons(artifact: Artifact | undefined, c: FunctionConfiguration): string[] {
  // Without an artifact (status, down) the code is not compared.
  if (!artifact || artifact.sha256 === c.CodeSha256) return [];
  return [`code ${short(c.CodeSha256)} → ${short(artifact.sha256)}`];
}

function aliasReasons(spec: FunctionSpec, o: ObservedFunction, artifact: Artifact | undefined): string[] {
  if (!o.alias) return [`alias ${spec.alias} missing`];
  if (!o.alias.config) return [`alias ${spec.alias} points at $LATEST, not a published version`];
  const wantCode = artifact?.sha256 ?? o.latest.CodeSha256;
  const behind =
    configReasons(spec, o.alias.config).length > 0 ||
    archReasons(spec, o.alias.config).length > 0 ||
    o.alias.config.CodeSha256 !== wantCode;
  return behind
    ? [`alias ${spec.alias} is on version ${o.alias.version}, behind the latest code/configuration`]
    : [];
}

const short = (sha: string | undefined): string => (sha ? sha.slice(0, 8) : 'none');

function requireArtifact(spec: FunctionSpec, ctx: ProvisionContext): Artifact {
  const artifact = ctx.artifacts.get(spec.name);
  if (!artifact) throw new FaasError('NoArtifact', `No code was built for ${spec.name}`);
  return artifact;
}

async function publish(
  spec: FunctionSpec,
  ctx: ProvisionContext,
  codeSha256: string | undefined,
): Promise<string> {
  // CodeSha256 makes Lambda refuse to publish if $LATEST changed under us in the meantime.
  const published = await ctx.clients.lambda.send(
    new PublishVersionCommand({ FunctionName: spec.name, CodeSha256: codeSha256 }),
  );
  const version = published.Version ?? '$LATEST';
  await waitVersionActive(spec, version, ctx);
  return version;
}

/** A new version starts Pending: pointing `live` at it before it is Active fails invocations. */
async function waitVersionActive(spec: FunctionSpec, version: string, ctx: ProvisionContext): Promise<void> {
  try {
    await waitUntilPublishedVersionActive(
      { client: ctx.clients.lambda, maxWaitTime: ctx.waitSeconds, ...LAMBDA_POLL },
      { FunctionName: spec.name, Qualifier: version },
    );
  } catch (cause) {
    throw notReady(spec, `publish version ${version}`, ctx, cause);
  }
}

function outputsOf(spec: FunctionSpec, ctx: ProvisionContext, version: string) {
  return {
    arn: functionArn(ctx.account, spec.name),
    aliasArn: aliasArn(ctx.account, spec.name, spec.alias),
    version,
    codeSha256: ctx.artifacts.get(spec.name)?.sha256 ?? '',
  };
}

/**
 * IAM is eventually consistent: for several seconds after CreateRole, Lambda answers
 * InvalidParameterValueException "The role defined for the function cannot be assumed by Lambda".
 * That exception class covers every bad parameter, so the message tells this case apart.
 */
export const isRoleNotYetAssumable = (error: unknown): boolean =>
  error instanceof InvalidParameterValueException && /cannot be assumed by Lambda/i.test(error.message);

async function withRoleRetry<T>(
  spec: FunctionSpec,
  ctx: ProvisionContext,
  call: () => Promise<T>,
): Promise<T> {
  try {
    return await retryWithBackoff(call, {
      ...ctx.roleRetry,
      clock: ctx.clock,
      retryable: isRoleNotYetAssumable,
      onRetry: ({ attempt, delayMs }) =>
        ctx.note?.(
          `${spec.name}: Lambda cannot assume the new role yet (IAM propagation); ` +
            `retry ${attempt}/${ctx.roleRetry.attempts - 1} in ${(delayMs / 1000).toFixed(1)}s`,
        ),
    });
  } catch (error) {
    if (!(error instanceof RetriesExhausted)) throw error;
    throw new FaasError(
      'RoleNotAssumable',
      `Lambda still cannot assume role ${spec.roleArn} for ${spec.name} after ${error.attempts} attempts ` +
        `over ${Math.round(error.elapsedMs / 1000)}s`,
      {
        cause: error.lastError,
        hint:
          'New IAM roles can take a minute to propagate: run faas up again. If it keeps failing, check ' +
          'that the role trusts lambda.amazonaws.com.',
      },
    );
  }
}

async function waitActive(spec: FunctionSpec, ctx: ProvisionContext): Promise<void> {
  try {
    await waitUntilFunctionActiveV2(
      { client: ctx.clients.lambda, maxWaitTime: ctx.waitSeconds, ...LAMBDA_POLL },
      { FunctionName: spec.name },
    );
  } catch (cause) {
    throw notReady(spec, 'become active', ctx, cause);
  }
}

async function waitUpdated(spec: FunctionSpec, ctx: ProvisionContext): Promise<void> {
  try {
    await waitUntilFunctionUpdatedV2(
      { client: ctx.clients.lambda, maxWaitTime: ctx.waitSeconds, ...LAMBDA_POLL },
      { FunctionName: spec.name },
    );
  } catch (cause) {
    throw notReady(spec, 'finish updating', ctx, cause);
  }
}

const notReady = (spec: FunctionSpec, what: string, ctx: ProvisionContext, cause: unknown): FaasError =>
  new FaasError('FunctionNotReady', `${spec.name} did not ${what} within ${ctx.waitSeconds}s`, {
    cause: describeError(cause),
    hint: 'Its StateReason in `aws lambda get-function` says why; fix that and run faas up again.',
  });
