// SQS over both protocols SDKs use: awsJson 1.0 (current SDKs, query-compatible errors) and
// awsQuery (older SDKs and CLIs, which may also POST to the queue URL itself).

import type { Cloud } from '../../cloud.js';
import { dualCodec, isAwsJsonRequest } from '../../protocol/dual.js';
import { jsonCodec } from '../../protocol/json.js';
import { queryCodec } from '../../protocol/query.js';
import { defineService } from '../../service.js';
import { changeMessageVisibility } from './actions/changeMessageVisibility.js';
import { changeMessageVisibilityBatch } from './actions/changeMessageVisibilityBatch.js';
import { createQueue } from './actions/createQueue.js';
import { deleteMessage } from './actions/deleteMessage.js';
import { deleteMessageBatch } from './actions/deleteMessageBatch.js';
import { deleteQueue } from './actions/deleteQueue.js';
import { getQueueAttributes } from './actions/getQueueAttributes.js';
import { getQueueUrl } from './actions/getQueueUrl.js';
import { listDeadLetterSourceQueues } from './actions/listDeadLetterSourceQueues.js';
import { listQueues } from './actions/listQueues.js';
import { listQueueTags } from './actions/listQueueTags.js';
import { purgeQueue } from './actions/purgeQueue.js';
import { receiveMessage } from './actions/receiveMessage.js';
import { sendMessage } from './actions/sendMessage.js';
import { sendMessageBatch } from './actions/sendMessageBatch.js';
import { setQueueAttributes } from './actions/setQueueAttributes.js';
import { tagQueue } from './actions/tagQueue.js';
import { untagQueue } from './actions/untagQueue.js';
import { queryErrorCodes, useSdkErrorCodes } from './errors.js';
import { sqsInternal } from './internalApi.js';
import { withQueueUrlFromPath } from './pathCodec.js';
import { SqsStore } from './store.js';
import { SqsTime } from './time.js';

export const sqsService = (cloud: Cloud) => {
  const time = new SqsTime(cloud.clock, cloud.options.timeFactor);
  const store = cloud.persistence.register(
    new SqsStore(time, cloud.region, cloud.accountId, cloud.persistence),
  );
  cloud.provide('sqs', sqsInternal(store, cloud));
  cloud.onStop(() => store.stop());
  const codec = dualCodec(
    isAwsJsonRequest,
    jsonCodec('1.0', { queryErrorCodes }),
    queryCodec('http://queue.amazonaws.com/doc/2012-11-05/', { errorCodes: queryErrorCodes }),
  );
  return defineService({
    signingName: 'sqs',
    targetPrefixes: ['AmazonSQS'],
    // Unsigned query requests to a queue URL.
    pathPrefixes: [`/${cloud.accountId}/`],
    codec: withQueueUrlFromPath(codec, () => cloud.endpoint),
    sdk: async () => {
      const sdk = await import('@aws-sdk/client-sqs');
      useSdkErrorCodes(sdk);
      return sdk;
    },
    state: store,
    actions: {
      CreateQueue: createQueue,
      GetQueueUrl: getQueueUrl,
      DeleteQueue: deleteQueue,
      ListQueues: listQueues,
      GetQueueAttributes: getQueueAttributes,
      SetQueueAttributes: setQueueAttributes,
      SendMessage: sendMessage,
      SendMessageBatch: sendMessageBatch,
      ReceiveMessage: receiveMessage,
      DeleteMessage: deleteMessage,
      DeleteMessageBatch: deleteMessageBatch,
      ChangeMessageVisibility: changeMessageVisibility,
      ChangeMessageVisibilityBatch: changeMessageVisibilityBatch,
      PurgeQueue: purgeQueue,
      TagQueue: tagQueue,
      UntagQueue: untagQueue,
      ListQueueTags: listQueueTags,
      ListDeadLetterSourceQueues: listDeadLetterSourceQueues,
    },
  });
};
