// API Gateway v2 state: each HTTP API with its routes, integrations and stages, kept as plain JSON
// so the journal can replay it. Routes, integrations and stages share one child-collection code path.

import { randomBytes } from 'node:crypto';
import type { Api, Authorizer, Integration, Route, Stage } from '@aws-sdk/client-apigatewayv2';
import { AwsServiceError } from '../../errors.js';
import type { Durable } from '../../persistence/journal.js';

/** Dates are kept as epoch milliseconds so records survive JSON round trips. */
export type StoredApi = Omit<Api, 'CreatedDate' | 'ApiEndpoint'> & { ApiId: string; createdAt: number };
export type StoredStage = Omit<Stage, 'CreatedDate' | 'LastUpdatedDate'> & {
  createdAt: number;
  updatedAt: number;
};

export interface ChildKinds {
  routes: Route & { RouteId: string };
  integrations: Integration & { IntegrationId: string };
  stages: StoredStage;
  authorizers: Authorizer & { AuthorizerId: string };
}
export type ChildKind = keyof ChildKinds;

export interface ApiRecord {
  api: StoredApi;
  routes: Record<string, ChildKinds['routes']>;
  integrations: Record<string, ChildKinds['integrations']>;
  stages: Record<string, StoredStage>;
  /** Absent in records journaled before authorizers existed; `apply`/`restore` fill it in. */
  authorizers: Record<string, ChildKinds['authorizers']>;
}

const NOT_FOUND_NAMES: Record<ChildKind, string> = {
  routes: 'Route',
  integrations: 'Integration',
  stages: 'Stage',
  authorizers: 'Authorizer',
};

/** AWS ids are short lowercase alphanumerics (10 chars for APIs, 7 for routes and integrations). */
export function newId(length: number): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = randomBytes(length);
  let id = '';
  for (const b of bytes) id += alphabet[b % alphabet.length];
  return id;
}

export class ApiGatewayState implements Durable {
  readonly name = 'apigateway';
  apis = new Map<string, ApiRecord>();

  apply(type: string, data: unknown): void {
    const d = data as { api?: StoredApi; apiId: string; kind: ChildKind; id: string; item: unknown };
    switch (type) {
      case 'putApi': {
        const existing = this.apis.get(d.api!.ApiId);
        this.apis.set(
          d.api!.ApiId,
          existing
            ? { ...existing, api: d.api! }
            : { api: d.api!, routes: {}, integrations: {}, stages: {}, authorizers: {} },
        );
        break;
      }
      case 'deleteApi':
        this.apis.delete(d.apiId);
        break;
      case 'putChild': {
        const rec = this.apis.get(d.apiId);
        if (rec) {
          rec[d.kind] ??= {};
          (rec[d.kind] as Record<string, unknown>)[d.id] = d.item;
        }
        break;
      }
      case 'deleteChild': {
        const rec = this.apis.get(d.apiId);
        if (rec?.[d.kind]) delete rec[d.kind][d.id];
        break;
      }
    }
  }

  snapshot(): unknown {
    return [...this.apis.values()];
  }

  restore(snapshot: unknown): void {
    this.apis = new Map(
      (snapshot as ApiRecord[]).map((r) => [r.api.ApiId, { ...r, authorizers: r.authorizers ?? {} }]),
    );
  }

  requireApi(apiId: string | undefined): ApiRecord {
    const rec = apiId ? this.apis.get(apiId) : undefined;
    if (!rec)
      throw new AwsServiceError('NotFoundException', `Invalid API identifier specified ${apiId ?? ''}`, 404);
    return rec;
  }

  requireChild<K extends ChildKind>(
    apiId: string | undefined,
    kind: K,
    id: string | undefined,
  ): ChildKinds[K] {
    const rec = this.requireApi(apiId);
    const item = id ? (rec[kind] as Record<string, ChildKinds[K]> | undefined)?.[id] : undefined;
    if (!item) {
      throw new AwsServiceError(
        'NotFoundException',
        `Invalid ${NOT_FOUND_NAMES[kind]} identifier specified ${id ?? ''}`,
        404,
      );
    }
    return item;
  }
}

/** ApiEndpoint is derived, not stored, so it follows the port the cloud listens on now. */
export const apiEndpoint = (cloudEndpoint: string, apiId: string): string =>
  `${cloudEndpoint}/_aws/execute-api/${apiId}`;

export const apiArn = (region: string, apiId: string): string =>
  `arn:aws:apigateway:${region}::/apis/${apiId}`;

export function toApi(api: StoredApi, cloudEndpoint: string): Api {
  const { createdAt, ...rest } = api;
  return { ...rest, ApiEndpoint: apiEndpoint(cloudEndpoint, api.ApiId), CreatedDate: new Date(createdAt) };
}

export function toStage(stage: StoredStage): Stage {
  const { createdAt, updatedAt, ...rest } = stage;
  return { ...rest, CreatedDate: new Date(createdAt), LastUpdatedDate: new Date(updatedAt) };
}

/** Drops undefined members so an update merges only what the caller sent. */
export function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
