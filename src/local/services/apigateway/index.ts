// API Gateway v2 HTTP APIs (restJson1, signed as `apigateway`): the control plane actions, and the
// data plane that answers each API's ApiEndpoint.

import type { Cloud } from '../../cloud.js';
import { restJsonCodec } from '../../protocol/restJson.js';
import { defineService } from '../../service.js';
import { createApi } from './actions/createApi.js';
import { createAuthorizer } from './actions/createAuthorizer.js';
import { createIntegration } from './actions/createIntegration.js';
import { createRoute } from './actions/createRoute.js';
import { createStage } from './actions/createStage.js';
import { deleteApi } from './actions/deleteApi.js';
import { deleteAuthorizer } from './actions/deleteAuthorizer.js';
import { deleteIntegration } from './actions/deleteIntegration.js';
import { deleteRoute } from './actions/deleteRoute.js';
import { deleteStage } from './actions/deleteStage.js';
import { getApi } from './actions/getApi.js';
import { getApis } from './actions/getApis.js';
import { getAuthorizer } from './actions/getAuthorizer.js';
import { getAuthorizers } from './actions/getAuthorizers.js';
import { getIntegration } from './actions/getIntegration.js';
import { getIntegrations } from './actions/getIntegrations.js';
import { getRoute } from './actions/getRoute.js';
import { getRoutes } from './actions/getRoutes.js';
import { getStage } from './actions/getStage.js';
import { getStages } from './actions/getStages.js';
import { getTags } from './actions/getTags.js';
import { tagResource } from './actions/tagResource.js';
import { untagResource } from './actions/untagResource.js';
import { updateApi } from './actions/updateApi.js';
import { updateAuthorizer } from './actions/updateAuthorizer.js';
import { updateIntegration } from './actions/updateIntegration.js';
import { updateRoute } from './actions/updateRoute.js';
import { updateStage } from './actions/updateStage.js';
import { apiDataPlane } from './dataPlane/index.js';
import { ApiGatewayState } from './state.js';

export function apiGatewayService(cloud: Cloud) {
  const state = cloud.persistence.register(new ApiGatewayState());
  return defineService({
    signingName: 'apigateway',
    pathPrefixes: ['/v2/apis', '/v2/tags'],
    codec: restJsonCodec(),
    sdk: () => import('@aws-sdk/client-apigatewayv2'),
    state,
    dataPlane: apiDataPlane(cloud, state),
    actions: {
      CreateApi: createApi,
      GetApi: getApi,
      GetApis: getApis,
      UpdateApi: updateApi,
      DeleteApi: deleteApi,
      CreateIntegration: createIntegration,
      GetIntegration: getIntegration,
      GetIntegrations: getIntegrations,
      UpdateIntegration: updateIntegration,
      DeleteIntegration: deleteIntegration,
      CreateRoute: createRoute,
      GetRoute: getRoute,
      GetRoutes: getRoutes,
      UpdateRoute: updateRoute,
      DeleteRoute: deleteRoute,
      CreateStage: createStage,
      GetStage: getStage,
      GetStages: getStages,
      UpdateStage: updateStage,
      DeleteStage: deleteStage,
      CreateAuthorizer: createAuthorizer,
      GetAuthorizer: getAuthorizer,
      GetAuthorizers: getAuthorizers,
      UpdateAuthorizer: updateAuthorizer,
      DeleteAuthorizer: deleteAuthorizer,
      TagResource: tagResource,
      UntagResource: untagResource,
      GetTags: getTags,
    },
  });
}
