// CreateFunction: stores the package (inline or from the local S3), records the function as
// Pending and lets the lifecycle make it Active once the code is unpacked. Publish: true also
// publishes version 1, which is what the response then describes.

import { randomUUID } from 'node:crypto';
import type { CreateFunctionRequest, FunctionConfiguration } from '@aws-sdk/client-lambda';
import type { ActionContext } from '../../../service.js';
import { parseFunctionRef, validationError } from '../arns.js';
import { applyConfig } from '../configInput.js';
import type { LambdaCore } from '../core.js';
import { conflict, invalidParameter } from '../errors.js';
import { pending } from '../lifecycle.js';
import { type FunctionState, LATEST, type VersionState } from '../model.js';
import { publishInto } from '../publish.js';
import { validateArchitectures, validateRole, validateTagCount } from '../validate.js';
import { configView } from '../views.js';

export async function createFunction(
  input: CreateFunctionRequest,
  ctx: ActionContext<LambdaCore>,
): Promise<FunctionConfiguration> {
  const core = ctx.state;
  const { name } = parseFunctionRef(ctx, input.FunctionName);
  if (!/^[a-zA-Z0-9_-]{1,64}$/.test(name)) {
    throw validationError(
      `Value '${input.FunctionName}' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?`,
    );
  }
  if (input.Code === undefined) {
    throw validationError("Value null at 'code' failed to satisfy constraint: Member must not be null");
  }
  validateRole(input.Role);
  if ((input.PackageType ?? 'Zip') !== 'Zip') {
    throw invalidParameter(
      'The faas local cloud runs Zip packages only; container images are not supported.',
    );
  }
  if (input.Runtime === undefined || input.Handler === undefined) {
    throw invalidParameter(
      'Runtime and Handler are mandatory parameters for functions created with deployment packages.',
    );
  }
  validateArchitectures(input.Architectures);
  if (input.Tags) validateTagCount(input.Tags);
  const now = ctx.cloud.clock.now();
  const latest: VersionState = {
    version: LATEST,
    description: '',
    role: input.Role!,
    memorySize: 128,
    timeout: 3,
    architectures: input.Architectures ?? ['x86_64'],
    ephemeralStorage: 512,
    tracingMode: 'PassThrough',
    loggingConfig: { LogFormat: 'Text', LogGroup: `/aws/lambda/${name}` },
    code: { sha256: '', size: 0 },
    lastModified: now,
    revisionId: randomUUID(),
    updateId: randomUUID(),
    state: 'Pending',
  };
  applyConfig(latest, input);
  pending(latest);
  if (core.store.get(name)) throw conflict(`Function already exist: ${name}`);

  const zip = await core.code.bytesOf(input.Code);
  latest.code = await core.code.save(zip, core.storedBytes());
  // The upload took a while: someone may have created the same function meanwhile.
  if (core.store.get(name)) throw conflict(`Function already exist: ${name}`);
  const fn: FunctionState = {
    name,
    createdAt: now,
    latest,
    versions: {},
    lastVersion: 0,
    aliases: {},
    policies: {},
    tags: { ...input.Tags },
    eventInvokeConfigs: {},
  };
  const published = input.Publish ? publishInto(fn, undefined, now).version : undefined;
  await core.store.put(ctx.cloud, fn);
  core.lifecycle.schedule(name, LATEST);
  if (published) core.lifecycle.schedule(name, published.version);
  return configView(ctx, name, published ?? latest, { updateStatus: false }) satisfies FunctionConfiguration;
}
