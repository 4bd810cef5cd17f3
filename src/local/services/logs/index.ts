// CloudWatch Logs (awsJson 1.1, `Logs_20140328`): log groups and streams, event ingestion with
// AWS's batch rules, reads (GetLogEvents, FilterLogEvents) and tags; offers LogsInternal in-process.

import type { Cloud } from '../../cloud.js';
import { jsonCodec } from '../../protocol/json.js';
import { defineService } from '../../service.js';
import { createLogGroup } from './actions/createLogGroup.js';
import { createLogStream } from './actions/createLogStream.js';
import { deleteLogGroup } from './actions/deleteLogGroup.js';
import { deleteLogStream } from './actions/deleteLogStream.js';
import { deleteRetentionPolicy } from './actions/deleteRetentionPolicy.js';
import { describeLogGroups } from './actions/describeLogGroups.js';
import { describeLogStreams } from './actions/describeLogStreams.js';
import { filterLogEvents } from './actions/filterLogEvents.js';
import { getLogEvents } from './actions/getLogEvents.js';
import { listTagsForResource } from './actions/listTagsForResource.js';
import { listTagsLogGroup } from './actions/listTagsLogGroup.js';
import { putLogEvents } from './actions/putLogEvents.js';
import { putRetentionPolicy } from './actions/putRetentionPolicy.js';
import { tagLogGroup } from './actions/tagLogGroup.js';
import { tagResource } from './actions/tagResource.js';
import { untagLogGroup } from './actions/untagLogGroup.js';
import { untagResource } from './actions/untagResource.js';
import { logsInternal } from './internalApi.js';
import { LogsState } from './store.js';

export const logsService = (cloud: Cloud) => {
  const state = cloud.persistence.register(new LogsState());
  cloud.provide('logs', logsInternal(cloud, state));
  return defineService({
    signingName: 'logs',
    targetPrefixes: ['Logs_20140328'],
    codec: jsonCodec('1.1'),
    sdk: () => import('@aws-sdk/client-cloudwatch-logs'),
    state,
    actions: {
      CreateLogGroup: createLogGroup,
      DeleteLogGroup: deleteLogGroup,
      DescribeLogGroups: describeLogGroups,
      PutRetentionPolicy: putRetentionPolicy,
      DeleteRetentionPolicy: deleteRetentionPolicy,
      CreateLogStream: createLogStream,
      DeleteLogStream: deleteLogStream,
      DescribeLogStreams: describeLogStreams,
      PutLogEvents: putLogEvents,
      GetLogEvents: getLogEvents,
      FilterLogEvents: filterLogEvents,
      TagResource: tagResource,
      UntagResource: untagResource,
      ListTagsForResource: listTagsForResource,
      TagLogGroup: tagLogGroup,
      UntagLogGroup: untagLogGroup,
      ListTagsLogGroup: listTagsLogGroup,
    },
  });
};
