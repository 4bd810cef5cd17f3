// STS (awsQuery): just enough identity for SDKs and the CLI to learn the account id.

import { queryCodec } from '../../protocol/query.js';
import { defineService } from '../../service.js';
import { getCallerIdentity } from './actions/getCallerIdentity.js';

export const stsService = () =>
  defineService({
    signingName: 'sts',
    codec: queryCodec('https://sts.amazonaws.com/doc/2011-06-15/'),
    sdk: () => import('@aws-sdk/client-sts'),
    state: undefined,
    actions: {
      GetCallerIdentity: getCallerIdentity,
    },
  });
