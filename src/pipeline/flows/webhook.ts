// The webhook flow: POST /webhook on the pipeline's HTTP API → SQS-SendMessage (no Lambda in the
// request path) → FIFO queue (dead-letter queue after maxReceiveCount) → event source mapping →
// `webhook` Lambda → S3 webhooks/<group>/<sequence>.json. The same Lambda also answers GET /,
// GET /health and GET /api/{proxy+}. Deployed when `flows.webhook` is configured.
import { bucketName, httpApiName, resourceTags, roleName } from '../../config/names.js';
import { GROUP_PREFIX } from '../../handlers/lib/webhookGroup.js';
import { bucketArn, executeApiArn, queueArn, roleArn } from '../arns.js';
import {
  type FlowContext,
  invokePermission,
  key,
  LIVE_ALIAS,
  lambdaFunction,
  liveAliasArn,
} from '../builders.js';
import { allow, document, trustService } from '../policy.js';
import { ref } from '../refs.js';
import type { DesiredOf, DesiredResource } from '../types.js';
import { INGEST } from './ingest.js';

export const WEBHOOK = 'webhook';

/** Environment contract with src/handlers/webhook.ts. */
export const WEBHOOK_ENV = { bucketName: 'BUCKET_NAME' } as const;

/** Headers the caller sets: the FIFO group (ordering scope) and the id (deduplication). */
export const WEBHOOK_HEADERS = { group: 'x-webhook-group', id: 'x-webhook-id' } as const;

/** AWS's advice: a visibility timeout of six times the function's timeout, so retries never overlap. */
const VISIBILITY_FACTOR = 6;
const FOUR_DAYS = 4 * 24 * 3600;
const FOURTEEN_DAYS = 14 * 24 * 3600;

export const webhookQueueName = (project: string): string => `${project}-${WEBHOOK}.fifo`;
export const webhookDlqName = (project: string): string => `${project}-${WEBHOOK}-dlq.fifo`;

/**
 * `all`: every resource the flow may have created, whatever is configured (for `down`). Without
 * it the flow is empty unless `flows.webhook` is configured.
 */
export function webhookFlow(ctx: FlowContext): DesiredResource[] {
  const { config, account } = ctx;
  const settings = config.flows.webhook;
  if (!settings && !ctx.allFlows) return [];
  const maxReceiveCount = settings?.maxReceiveCount ?? 5;
  const batchSize = settings?.batchSize ?? 10;
  const tags = resourceTags(config.project, WEBHOOK, config.tags);
  const bucket = bucketName(config.project, INGEST, account.accountId, account.region);
  const queue = webhookQueueName(config.project);
  const dlq = webhookDlqName(config.project);

  const [fnLogs, fnRole, fn] = lambdaFunction(ctx, WEBHOOK, {
    name: 'webhook',
    environment: { [WEBHOOK_ENV.bucketName]: bucket },
    statements: [
      // What the event source mapping does as the function's role, on this queue only.
      allow(
        ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:ChangeMessageVisibility', 'sqs:GetQueueAttributes'],
        queueArn(account, queue),
      ),
      allow('s3:PutObject', `${bucketArn(account, bucket)}/webhooks/*`),
    ],
    uses: [key('bucket', bucket)],
  }) as [DesiredOf<'logGroup'>, DesiredOf<'role'>, DesiredOf<'function'>];

  const dlqResource: DesiredOf<'queue'> = {
    kind: 'queue',
    key: key('queue', dlq),
    name: dlq,
    flow: WEBHOOK,
    dependsOn: [],
    spec: {
      name: dlq,
      fifo: true,
      contentBasedDeduplication: true,
      visibilityTimeoutSeconds: 30,
      // Longest retention: a dead letter waits for `faas dlq redrive`.
      messageRetentionSeconds: FOURTEEN_DAYS,
      tags,
    },
  };
  const queueResource: DesiredOf<'queue'> = {
    kind: 'queue',
    key: key('queue', queue),
    name: queue,
    flow: WEBHOOK,
    dependsOn: [dlqResource.key],
    spec: {
      name: queue,
      fifo: true,
      // Without an x-webhook-id header, the body's SHA-256 deduplicates within SQS's 5 minutes.
      contentBasedDeduplication: true,
      visibilityTimeoutSeconds: VISIBILITY_FACTOR * fn.spec.timeout,
      messageRetentionSeconds: FOUR_DAYS,
      redrive: { deadLetterTargetArn: queueArn(account, dlq), maxReceiveCount },
      tags,
    },
  };

  const sendRoleName = roleName(config.project, WEBHOOK, 'apigw');
  const sendRole: DesiredOf<'role'> = {
    kind: 'role',
    key: key('role', sendRoleName),
    name: sendRoleName,
    flow: WEBHOOK,
    dependsOn: [],
    spec: {
      name: sendRoleName,
      description: `Role API Gateway assumes to send webhooks to ${queue} (managed by faas)`,
      assumeRolePolicy: trustService('apigateway.amazonaws.com'),
      policyName: 'least-privilege',
      policy: document(allow('sqs:SendMessage', queueArn(account, queue))),
      tags,
    },
  };

  const mapping: DesiredOf<'eventSourceMapping'> = {
    kind: 'eventSourceMapping',
    key: key('eventSourceMapping', `${fn.spec.name}:${queue}`),
    name: `${queue} → ${fn.spec.name}:${LIVE_ALIAS}`,
    flow: WEBHOOK,
    // The role must allow the SQS actions before Lambda accepts the mapping.
    dependsOn: [fn.key, queueResource.key, fnRole.key],
    spec: {
      functionName: `${fn.spec.name}:${LIVE_ALIAS}`,
      eventSourceArn: queueArn(account, queue),
      batchSize,
      // Only the records the function reports failed are retried, not the whole batch.
      functionResponseTypes: ['ReportBatchItemFailures'],
      enabled: true,
    },
  };

  // The same key as the ingest flow's API: buildDesiredState merges these routes into it.
  const api = httpApiName(config.project, INGEST);
  const target = liveAliasArn(ctx, fn);
  const apiResource: DesiredOf<'httpApi'> = {
    kind: 'httpApi',
    key: key('httpApi', api),
    name: api,
    flow: INGEST,
    dependsOn: [fn.key, queueResource.key, sendRole.key],
    spec: {
      name: api,
      tags: resourceTags(config.project, INGEST, config.tags),
      routes: [
        {
          routeKey: 'POST /webhook',
          integrationSubtype: 'SQS-SendMessage',
          credentialsArn: roleArn(account, sendRoleName),
          requestParameters: {
            QueueUrl: ref(queueResource.key, 'url'),
            MessageBody: '$request.body',
            // Static text makes a value even without the header: `g:` is the default group.
            MessageGroupId: `${GROUP_PREFIX}\${request.header.${WEBHOOK_HEADERS.group}}`,
            // A source alone is left out when absent: the queue then deduplicates by content.
            MessageDeduplicationId: `$request.header.${WEBHOOK_HEADERS.id}`,
          },
          // SQS refuses a body over 1 MiB with 400 (API Gateway's own 413 starts at 10 MB). The
          // mapping goes by status only, so SQS's other 400s (an empty body, an invalid
          // x-webhook-id) come as 413 too; the body still carries SQS's code and message.
          responseParameters: { '400': { 'overwrite:statuscode': '413' } },
        },
        { routeKey: 'GET /', integrationUri: target, payloadFormatVersion: '2.0' },
        { routeKey: 'GET /health', integrationUri: target, payloadFormatVersion: '2.0' },
        { routeKey: 'GET /api/{proxy+}', integrationUri: target, payloadFormatVersion: '2.0' },
      ],
      stage: { name: '$default', autoDeploy: true },
    },
  };

  const permission = invokePermission(ctx, WEBHOOK, fn, {
    statementId: `faas-http-${api}-get`,
    principal: 'apigateway.amazonaws.com',
    sourceArn: executeApiArn(account, ref(apiResource.key, 'apiId'), '*/GET/*'),
    after: [apiResource.key],
  });

  return [fnLogs, fnRole, sendRole, dlqResource, queueResource, fn, mapping, apiResource, permission];
}
