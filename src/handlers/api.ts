// `api` Lambda (HTTP API payload 2.0, POST /events): checks the token header, puts the posted
// JSON object on the bus with a fresh id and answers 201 with it. Logic is in lib/ingest.ts.

import { randomUUID } from 'node:crypto';
import { Logger } from '@aws-lambda-powertools/logger';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
import {
  EventBridgeClient,
  PutEventsCommand,
  type PutEventsCommandOutput,
} from '@aws-sdk/client-eventbridge';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { errorResponse, HttpError, jsonResponse } from './lib/http.js';
import { type HandlerLogger, ingest } from './lib/ingest.js';
import { tokenReader } from './lib/token.js';

/** What the handler needs from an EventBridge client; a fake with `send` stands in for tests. */
export interface PutEventsSender {
  send(command: PutEventsCommand): Promise<PutEventsCommandOutput>;
}

export interface ApiDeps {
  eventBridge: PutEventsSender;
  logger: HandlerLogger & { addContext?(context: Context): void };
  busName(): string | undefined;
  expectedToken(): Promise<string | undefined>;
  newId?(): string;
}

export type ApiHandler = (
  event: APIGatewayProxyEventV2,
  context: Context,
) => Promise<APIGatewayProxyStructuredResultV2>;

export function createApiHandler(deps: ApiDeps): ApiHandler {
  return async (event, context) => {
    deps.logger.addContext?.(context);
    try {
      const busName = deps.busName();
      const expectedToken = await deps.expectedToken();
      // Fail closed: without a configured secret or bus no request can be accepted.
      if (!busName || !expectedToken) {
        deps.logger.error('api is not configured', { hasBusName: !!busName, hasToken: !!expectedToken });
        return errorResponse(new HttpError(500, 'NotConfigured', 'the service is not configured'));
      }
      const stored = await ingest(
        { headers: event.headers, body: event.body, isBase64Encoded: event.isBase64Encoded },
        {
          busName,
          expectedToken,
          putEvent: (entry) => deps.eventBridge.send(new PutEventsCommand({ Entries: [entry] })),
          newId: deps.newId ?? randomUUID,
          logger: deps.logger,
        },
      );
      return jsonResponse(201, stored);
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      if (err.status < 500) deps.logger.warn('request rejected', { status: err.status, code: err.code });
      return errorResponse(err);
    }
  };
}

// Created once per execution environment and reused by every warm invocation. The region and,
// locally, the endpoint (AWS_ENDPOINT_URL) come from the environment Lambda provides.
const logger = new Logger({ serviceName: 'faas-api' });
const eventBridge = new EventBridgeClient({});

export const handler: ApiHandler = createApiHandler({
  eventBridge,
  logger,
  busName: () => process.env['BUS_NAME'],
  expectedToken: tokenReader(new SSMProvider()),
});
