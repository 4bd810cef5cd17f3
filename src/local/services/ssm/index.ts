// SSM Parameter Store (awsJson 1.1): String, StringList and SecureString parameters with versions,
// labels, tags, paths and filters — what handlers read their configuration and secrets from.

import type { Cloud } from '../../cloud.js';
import { jsonCodec } from '../../protocol/json.js';
import { defineService } from '../../service.js';
import { addTagsToResource } from './actions/addTagsToResource.js';
import { deleteParameter } from './actions/deleteParameter.js';
import { deleteParameters } from './actions/deleteParameters.js';
import { describeParameters } from './actions/describeParameters.js';
import { getParameter } from './actions/getParameter.js';
import { getParameterHistory } from './actions/getParameterHistory.js';
import { getParameters } from './actions/getParameters.js';
import { getParametersByPath } from './actions/getParametersByPath.js';
import { labelParameterVersion } from './actions/labelParameterVersion.js';
import { listTagsForResource } from './actions/listTagsForResource.js';
import { putParameter } from './actions/putParameter.js';
import { removeTagsFromResource } from './actions/removeTagsFromResource.js';
import { unlabelParameterVersion } from './actions/unlabelParameterVersion.js';
import { SecureStringCipher } from './secureString.js';
import { SsmState } from './state.js';
import { SsmParameters } from './store.js';

export const ssmService = (cloud: Cloud) =>
  defineService({
    signingName: 'ssm',
    targetPrefixes: ['AmazonSSM'],
    codec: jsonCodec('1.1'),
    sdk: () => import('@aws-sdk/client-ssm'),
    state: new SsmState(
      cloud.persistence.register(new SsmParameters()),
      new SecureStringCipher(cloud.persistence.dataDir),
    ),
    actions: {
      PutParameter: putParameter,
      GetParameter: getParameter,
      GetParameters: getParameters,
      GetParametersByPath: getParametersByPath,
      GetParameterHistory: getParameterHistory,
      DescribeParameters: describeParameters,
      DeleteParameter: deleteParameter,
      DeleteParameters: deleteParameters,
      LabelParameterVersion: labelParameterVersion,
      UnlabelParameterVersion: unlabelParameterVersion,
      AddTagsToResource: addTagsToResource,
      RemoveTagsFromResource: removeTagsFromResource,
      ListTagsForResource: listTagsForResource,
    },
  });
