// The webhook flow's resources against the fake AWS: the queue and eventSourceMapping kinds
// (create, zero-mutation second up, drift → update with the reason), the SQS-SendMessage route
// on the shared HTTP API, and teardown.
import { InvalidParameterValueException } from '@aws-sdk/client-lambda';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { desiredState, openSession } from '../../src/cli/session.js';
import { runDown } from '../../src/commands/down.js';
import { runUp } from '../../src/commands/up.js';
import { resolveIngestToken } from '../../src/config/secrets.js';
import { collectArtifacts } from '../../src/provision/artifacts.js';
import { planUp } from '../../src/provision/planner.js';
import { sdkError } from './fake/core.js';
import { BASE_CONFIG, type Harness, harness } from './fake/harness.js';

const QUEUE = 'demo-webhook.fifo';
const DLQ = 'demo-webhook-dlq.fifo';
const QUEUE_ARN = `arn:aws:sqs:eu-west-1:123456789012:${QUEUE}`;

let h: Harness;
beforeEach(() => {
  h = harness();
  h.writeConfig({ ...BASE_CONFIG, flows: { webhook: {} } });
});
afterEach(() => h.cleanup());

async function changes(): Promise<string[]> {
  const session = await openSession({}, h.deps);
  const token = await resolveIngestToken(session.config, false);
  const state = desiredState(session, token.token ?? '');
  session.ctx.artifacts = await collectArtifacts(state, h.deps.artifacts);
  const plan = await session.counter.readOnlyDuring(() => planUp(state, session.ctx));
  return plan.items
    .filter((i) => i.action !== 'unchanged')
    .map((i) => `${i.action} ${i.resource}: ${i.reason}`);
}

describe('webhook flow provisioning', () => {
  it('creates the FIFO queue with its redrive, the dead-letter queue and the mapping; again: no mutation', async () => {
    expect(await runUp({ yes: true }, h.deps)).toBe(0);
    const queue = h.fake.queues.get(QUEUE)!;
    expect(queue.attributes).toMatchObject({
      FifoQueue: 'true',
      ContentBasedDeduplication: 'true',
      // Six times the function's 10 s timeout.
      VisibilityTimeout: '60',
    });
    expect(JSON.parse(queue.attributes['RedrivePolicy']!)).toEqual({
      deadLetterTargetArn: `arn:aws:sqs:eu-west-1:123456789012:${DLQ}`,
      maxReceiveCount: 5,
    });
    expect(queue.tags).toEqual({ 'faas:project': 'demo', 'faas:flow': 'webhook' });
    expect(h.fake.queues.get(DLQ)!.attributes['FifoQueue']).toBe('true');
    const [mapping] = [...h.fake.mappings.values()];
    expect(mapping).toMatchObject({
      EventSourceArn: QUEUE_ARN,
      FunctionArn: 'arn:aws:lambda:eu-west-1:123456789012:function:demo-webhook-webhook:live',
      BatchSize: 10,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
    });
    const sendRole = h.fake.roles.get('demo-webhook-apigw-role')!;
    expect(JSON.stringify(sendRole)).toContain('apigateway.amazonaws.com');

    const api = [...h.fake.apis.values()][0]!;
    const integrations = [...api.integrations.values()];
    expect(integrations.find((i) => i['IntegrationSubtype'] === 'SQS-SendMessage')).toMatchObject({
      CredentialsArn: 'arn:aws:iam::123456789012:role/demo-webhook-apigw-role',
      RequestParameters: {
        QueueUrl: `https://sqs.eu-west-1.amazonaws.com/123456789012/${QUEUE}`,
        MessageBody: '$request.body',
        // Static text and the header: `g:` alone when the header is missing, the default group.
        // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own ${…} syntax
        MessageGroupId: 'g:${request.header.x-webhook-group}',
        MessageDeduplicationId: '$request.header.x-webhook-id',
      },
      ResponseParameters: { '400': { 'overwrite:statuscode': '413' } },
    });
    expect([...api.routes.values()].map((r) => r['RouteKey']).sort()).toEqual([
      'GET /',
      'GET /api/{proxy+}',
      'GET /health',
      'POST /events',
      'POST /webhook',
    ]);

    expect(await runUp({}, h.deps)).toBe(0);
    expect(h.lastCounter().mutations).toBe(0);
  });

  it('reports and repairs drift of the queue and the mapping', async () => {
    expect(await runUp({ yes: true }, h.deps)).toBe(0);
    h.writeConfig({ ...BASE_CONFIG, flows: { webhook: { maxReceiveCount: 3, batchSize: 5 } } });
    h.fake.queues.get(QUEUE)!.attributes['ContentBasedDeduplication'] = 'false';
    const found = await changes();
    expect(found).toContainEqual(
      expect.stringMatching(
        /^update queue demo-webhook\.fifo: ContentBasedDeduplication false → true; RedrivePolicy .*"maxReceiveCount":5.* → .*"maxReceiveCount":3/,
      ),
    );
    expect(found).toContainEqual(expect.stringMatching(/^update eventSourceMapping .*: batch size 10 → 5$/));
    expect(await runUp({ yes: true }, h.deps)).toBe(0);
    expect(await changes()).toEqual([]);
    expect(JSON.parse(h.fake.queues.get(QUEUE)!.attributes['RedrivePolicy']!).maxReceiveCount).toBe(3);
  });

  it('updates a POST /webhook integration deployed with the older mapping (no default group, no 413)', async () => {
    expect(await runUp({ yes: true }, h.deps)).toBe(0);
    const api = [...h.fake.apis.values()][0]!;
    const integration = [...api.integrations.values()].find(
      (i) => i['IntegrationSubtype'] === 'SQS-SendMessage',
    )!;
    const params = integration['RequestParameters'] as Record<string, string>;
    integration['RequestParameters'] = { ...params, MessageGroupId: '$request.header.x-webhook-group' };
    delete integration['ResponseParameters'];
    expect(await changes()).toEqual([
      expect.stringMatching(/^update httpApi demo-ingest-http: .*POST \/webhook/),
    ]);
    expect(await runUp({ yes: true }, h.deps)).toBe(0);
    expect(await changes()).toEqual([]);
    expect(integration).toMatchObject({
      // biome-ignore lint/suspicious/noTemplateCurlyInString: API Gateway's own ${…} syntax
      RequestParameters: { MessageGroupId: 'g:${request.header.x-webhook-group}' },
      ResponseParameters: { '400': { 'overwrite:statuscode': '413' } },
    });
  });

  it('without flows.webhook nothing of it is planned, and down removes it all the same', async () => {
    expect(await runUp({ yes: true }, h.deps)).toBe(0);
    h.writeConfig(BASE_CONFIG);
    expect(await runDown({ yes: true }, h.deps)).toBe(0);
    expect(h.fake.resourceCount()).toBe(0);
  });
});

describe('event source mapping creation', () => {
  it('retries while Lambda does not yet see the new role policy (IAM propagation)', async () => {
    h.fake.fail(
      'CreateEventSourceMappingCommand',
      () =>
        sdkError(
          InvalidParameterValueException,
          'The function execution role does not have permissions to call ReceiveMessage on SQS',
        ),
      2,
    );
    expect(await runUp({ yes: true }, h.deps)).toBe(0);
    expect(h.fake.mappings.size).toBe(1);
    expect(h.out.filter((l) => l.includes('IAM propagation'))).toHaveLength(2);
  });

  it('does not retry other invalid parameters', async () => {
    h.fake.fail('CreateEventSourceMappingCommand', () =>
      sdkError(InvalidParameterValueException, 'BatchSize is bad'),
    );
    await expect(runUp({ yes: true }, h.deps)).rejects.toThrow(/create eventSourceMapping .* failed/);
  });
});
