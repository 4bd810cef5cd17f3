// Lambda (restJson1, signed as `lambda`): the control plane actions, Invoke and the durable async
// queue with its OnSuccess/OnFailure destinations on top of the execution engine in runtime/, SQS
// event source mappings (esm/), plus LambdaInternal for other services.

import type { Cloud } from '../../cloud.js';
import { restJsonCodec } from '../../protocol/restJson.js';
import { defineService } from '../../service.js';
import { addPermission } from './actions/addPermission.js';
import { createAlias } from './actions/createAlias.js';
import { createEventSourceMapping } from './actions/createEventSourceMapping.js';
import { createFunction } from './actions/createFunction.js';
import { deleteAlias } from './actions/deleteAlias.js';
import { deleteEventSourceMapping } from './actions/deleteEventSourceMapping.js';
import { deleteFunction } from './actions/deleteFunction.js';
import { deleteFunctionConcurrency } from './actions/deleteFunctionConcurrency.js';
import { deleteFunctionEventInvokeConfig } from './actions/deleteFunctionEventInvokeConfig.js';
import { getAccountSettings } from './actions/getAccountSettings.js';
import { getAlias } from './actions/getAlias.js';
import { getEventSourceMapping } from './actions/getEventSourceMapping.js';
import { getFunction } from './actions/getFunction.js';
import { getFunctionConcurrency } from './actions/getFunctionConcurrency.js';
import { getFunctionConfiguration } from './actions/getFunctionConfiguration.js';
import { getFunctionEventInvokeConfig } from './actions/getFunctionEventInvokeConfig.js';
import { getPolicy } from './actions/getPolicy.js';
import { invoke } from './actions/invoke.js';
import { invokeAsync } from './actions/invokeAsync.js';
import { listAliases } from './actions/listAliases.js';
import { listEventSourceMappings } from './actions/listEventSourceMappings.js';
import { listFunctionEventInvokeConfigs } from './actions/listFunctionEventInvokeConfigs.js';
import { listFunctions } from './actions/listFunctions.js';
import { listTags } from './actions/listTags.js';
import { listVersionsByFunction } from './actions/listVersionsByFunction.js';
import { publishVersion } from './actions/publishVersion.js';
import { putFunctionConcurrency } from './actions/putFunctionConcurrency.js';
import { putFunctionEventInvokeConfig } from './actions/putFunctionEventInvokeConfig.js';
import { removePermission } from './actions/removePermission.js';
import { tagResource } from './actions/tagResource.js';
import { untagResource } from './actions/untagResource.js';
import { updateAlias } from './actions/updateAlias.js';
import { updateEventSourceMapping } from './actions/updateEventSourceMapping.js';
import { updateFunctionCode } from './actions/updateFunctionCode.js';
import { updateFunctionConfiguration } from './actions/updateFunctionConfiguration.js';
import { updateFunctionEventInvokeConfig } from './actions/updateFunctionEventInvokeConfig.js';
import { asyncProcessor } from './asyncDelivery.js';
import { LambdaCore } from './core.js';
import { attachEventSourceMappings } from './esm/mappings.js';
import { lambdaInternal } from './internalApi.js';
import { useSdkRuntimes } from './validate.js';

export function lambdaService(cloud: Cloud) {
  const core = new LambdaCore(cloud);
  cloud.provide('lambda', lambdaInternal(core));
  cloud.onStop(() => core.stop());
  const mappings = attachEventSourceMappings(core);
  return defineService({
    signingName: 'lambda',
    codec: restJsonCodec(),
    sdk: async () => {
      const sdk = await import('@aws-sdk/client-lambda');
      useSdkRuntimes(sdk);
      return sdk;
    },
    state: core,
    // Journal replay happens after every factory ran; work left pending by a crash resumes once
    // the cloud listens (the engine hands functions the endpoint).
    start: () => {
      core.lifecycle.recover();
      core.queue.start(asyncProcessor(core));
      mappings.start();
    },
    dataPlane: (req, res) => core.code.serve(req, res),
    actions: {
      CreateFunction: createFunction,
      GetFunction: getFunction,
      GetFunctionConfiguration: getFunctionConfiguration,
      ListFunctions: listFunctions,
      DeleteFunction: deleteFunction,
      UpdateFunctionCode: updateFunctionCode,
      UpdateFunctionConfiguration: updateFunctionConfiguration,
      PublishVersion: publishVersion,
      ListVersionsByFunction: listVersionsByFunction,
      CreateAlias: createAlias,
      GetAlias: getAlias,
      UpdateAlias: updateAlias,
      DeleteAlias: deleteAlias,
      ListAliases: listAliases,
      AddPermission: addPermission,
      RemovePermission: removePermission,
      GetPolicy: getPolicy,
      Invoke: invoke,
      InvokeAsync: invokeAsync,
      PutFunctionEventInvokeConfig: putFunctionEventInvokeConfig,
      UpdateFunctionEventInvokeConfig: updateFunctionEventInvokeConfig,
      GetFunctionEventInvokeConfig: getFunctionEventInvokeConfig,
      DeleteFunctionEventInvokeConfig: deleteFunctionEventInvokeConfig,
      ListFunctionEventInvokeConfigs: listFunctionEventInvokeConfigs,
      PutFunctionConcurrency: putFunctionConcurrency,
      GetFunctionConcurrency: getFunctionConcurrency,
      DeleteFunctionConcurrency: deleteFunctionConcurrency,
      TagResource: tagResource,
      UntagResource: untagResource,
      ListTags: listTags,
      GetAccountSettings: getAccountSettings,
      CreateEventSourceMapping: createEventSourceMapping,
      GetEventSourceMapping: getEventSourceMapping,
      UpdateEventSourceMapping: updateEventSourceMapping,
      DeleteEventSourceMapping: deleteEventSourceMapping,
      ListEventSourceMappings: listEventSourceMappings,
    },
  });
}
