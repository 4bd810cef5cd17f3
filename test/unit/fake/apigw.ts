// API Gateway v2 in memory: HTTP APIs with integrations, routes, stages and tags.
import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, NotFoundException } from '@aws-sdk/client-apigatewayv2';
import { type Handlers, sdkError } from './core.js';

export interface FakeApi {
  ApiId: string;
  Name: string;
  ApiEndpoint: string;
  Tags: Record<string, string>;
  integrations: Map<string, Record<string, unknown>>;
  routes: Map<string, Record<string, unknown>>;
  stages: Map<string, Record<string, unknown>>;
}

export function apigwHandlers(apis: Map<string, FakeApi>, region: string): Handlers {
  // Random like API Gateway's ids; a per-instance counter would repeat across client sets.
  const id = (prefix: string) => `${prefix}${randomUUID().slice(0, 8)}`;
  const api = (apiId: string) => {
    const a = apis.get(apiId);
    if (!a) throw sdkError(NotFoundException, `Invalid API identifier specified ${apiId}`);
    return a;
  };
  const byArn = (arn: string) => api(String(arn).split('/apis/')[1] ?? '');
  const child = (map: Map<string, Record<string, unknown>>, key: string, what: string) => {
    const c = map.get(key);
    if (!c) throw sdkError(NotFoundException, `Invalid ${what} identifier specified ${key}`);
    return c;
  };
  return {
    GetApis: () => ({
      Items: [...apis.values()].map(({ ApiId, Name, ApiEndpoint, Tags }) => ({
        ApiId,
        Name,
        ApiEndpoint,
        Tags,
        ProtocolType: 'HTTP',
      })),
    }),
    CreateApi: (i) => {
      const ApiId = id('api');
      const created: FakeApi = {
        ApiId,
        Name: i.Name,
        ApiEndpoint: `https://${ApiId}.execute-api.${region}.amazonaws.com`,
        Tags: { ...(i.Tags ?? {}) },
        integrations: new Map(),
        routes: new Map(),
        stages: new Map(),
      };
      apis.set(ApiId, created);
      return { ApiId, Name: i.Name, ApiEndpoint: created.ApiEndpoint, Tags: created.Tags };
    },
    DeleteApi: (i) => {
      api(i.ApiId);
      apis.delete(i.ApiId);
      return {};
    },
    GetIntegrations: (i) => ({ Items: [...api(i.ApiId).integrations.values()] }),
    CreateIntegration: (i) => {
      const IntegrationId = id('int');
      const { ApiId: _ignored, ...rest } = i;
      const integration = { IntegrationId, ...rest };
      api(i.ApiId).integrations.set(IntegrationId, integration);
      return integration;
    },
    UpdateIntegration: (i) => {
      const { ApiId, IntegrationId, ...rest } = i;
      return Object.assign(child(api(ApiId).integrations, IntegrationId, 'integration'), rest);
    },
    DeleteIntegration: (i) => {
      const a = api(i.ApiId);
      if ([...a.routes.values()].some((r) => r['Target'] === `integrations/${i.IntegrationId}`)) {
        throw sdkError(ConflictException, 'Cannot delete an integration that is used by a route');
      }
      a.integrations.delete(i.IntegrationId);
      return {};
    },
    GetRoutes: (i) => ({ Items: [...api(i.ApiId).routes.values()] }),
    CreateRoute: (i) => {
      const a = api(i.ApiId);
      if ([...a.routes.values()].some((r) => r['RouteKey'] === i.RouteKey)) {
        throw sdkError(ConflictException, `Route ${i.RouteKey} already exists`);
      }
      const RouteId = id('rt');
      const route = { RouteId, RouteKey: i.RouteKey, Target: i.Target };
      a.routes.set(RouteId, route);
      return route;
    },
    UpdateRoute: (i) => Object.assign(child(api(i.ApiId).routes, i.RouteId, 'route'), { Target: i.Target }),
    DeleteRoute: (i) => {
      child(api(i.ApiId).routes, i.RouteId, 'route');
      api(i.ApiId).routes.delete(i.RouteId);
      return {};
    },
    GetStages: (i) => ({ Items: [...api(i.ApiId).stages.values()] }),
    CreateStage: (i) => {
      const a = api(i.ApiId);
      if (a.stages.has(i.StageName)) throw sdkError(ConflictException, `Stage ${i.StageName} already exists`);
      const stage = { StageName: i.StageName, AutoDeploy: i.AutoDeploy ?? false };
      a.stages.set(i.StageName, stage);
      return stage;
    },
    UpdateStage: (i) =>
      Object.assign(child(api(i.ApiId).stages, i.StageName, 'stage'), { AutoDeploy: i.AutoDeploy }),
    TagResource: (i) => {
      Object.assign(byArn(i.ResourceArn).Tags, i.Tags);
      return {};
    },
    UntagResource: (i) => {
      const a = byArn(i.ResourceArn);
      for (const k of i.TagKeys) delete a.Tags[k];
      return {};
    },
    // Unused by faas; present so an unexpected call fails loudly rather than silently.
    CreateDeployment: () => {
      throw sdkError(BadRequestException, 'auto-deploy stages take no manual deployments');
    },
  };
}
