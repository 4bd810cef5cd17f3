// STS (awsQuery): just enough identity for SDKs and the CLI to learn the account id.

import * as sdk from '@aws-sdk/client-sts';
import { queryCodec } from '../../protocol/query.js';
import { defineService } from '../../service.js';
import { getCallerIdentity } from './actions/getCallerIdentity.js';

export const stsService = () =>
  defineService({
    signingName: 'sts',
    codec: queryCodec('https://sts.amazonaws.com/doc/2011-06-15/'),
    sdk,
    state: undefined,
    actions: {
      GetCallerIdentity: getCallerIdentity,
    },
  });
