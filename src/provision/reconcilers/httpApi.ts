// An API Gateway HTTP API with its Lambda proxy integrations, routes and stage. API names are
// not unique, so the API is found by name and adopted only when that is unambiguous.
import {
  type ApiGatewayV2Client,
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStagesCommand,
  type Integration,
  type Route,
  type Stage,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { TAG_PROJECT } from '../../config/names.js';
import { FaasError } from '../../errors.js';
import { httpApiArn } from '../../pipeline/arns.js';
import { stableStringify } from '../../pipeline/policy.js';
import type { HttpApiSpec, HttpRoute, Tags } from '../../pipeline/types.js';
import { diffTags, tagReasons, tagsChanged } from '../tags.js';
import type { ProvisionContext, Reconciler } from '../types.js';

export interface ObservedHttpApi {
  apiId: string;
  apiEndpoint: string;
  tags: Tags;
  integrations: Integration[];
  routes: Route[];
  stages: Stage[];
}

export const httpApiReconciler: Reconciler<HttpApiSpec, ObservedHttpApi> = {
  async describe(spec, ctx) {
    const { apigw } = ctx.clients;
    const api = await findApi(apigw, spec.name, ctx.project);
    if (!api) return undefined;
    const ApiId = api.ApiId ?? '';
    const [integrations, routes, stages] = await Promise.all([
      pages(async (NextToken) => apigw.send(new GetIntegrationsCommand({ ApiId, NextToken }))),
      pages(async (NextToken) => apigw.send(new GetRoutesCommand({ ApiId, NextToken }))),
      pages(async (NextToken) => apigw.send(new GetStagesCommand({ ApiId, NextToken }))),
    ]);
    return {
      apiId: ApiId,
      apiEndpoint: api.ApiEndpoint ?? '',
      tags: api.Tags ?? {},
      integrations,
      routes,
      stages,
    };
  },

  diff(spec, o) {
    const reasons: string[] = [];
    for (const route of spec.routes) {
      const current = o.routes.find((r) => r.RouteKey === route.routeKey);
      const integration = current && integrationOf(current, o.integrations);
      if (!current) reasons.push(`route ${route.routeKey} missing`);
      else if (!integration) reasons.push(`route ${route.routeKey} has no integration`);
      else if (!integrationMatches(integration, route))
        reasons.push(`integration of ${route.routeKey} differs`);
    }
    for (const extra of extraRoutes(spec, o)) reasons.push(`route ${extra.RouteKey} not desired`);
    for (const unused of unusedIntegrations(spec, o))
      reasons.push(`integration ${unused.IntegrationId} unused`);
    const stage = o.stages.find((s) => s.StageName === spec.stage.name);
    if (!stage) reasons.push(`stage ${spec.stage.name} missing`);
    else if ((stage.AutoDeploy ?? false) !== spec.stage.autoDeploy) {
      reasons.push(`stage ${spec.stage.name} auto-deploy ${stage.AutoDeploy ? 'on' : 'off'}`);
    }
    return [...reasons, ...tagReasons(spec.tags, o.tags)];
  },

  async create(spec, ctx) {
    const created = await ctx.clients.apigw.send(
      new CreateApiCommand({ Name: spec.name, ProtocolType: 'HTTP', Tags: spec.tags }),
    );
    const observed: ObservedHttpApi = {
      apiId: created.ApiId ?? '',
      apiEndpoint: created.ApiEndpoint ?? '',
      tags: created.Tags ?? spec.tags,
      integrations: [],
      routes: [],
      stages: [],
    };
    await sync(spec, observed, ctx);
    return outputs(observed);
  },

  async update(spec, o, ctx) {
    await sync(spec, o, ctx);
    return outputs(o);
  },

  outputs: (_spec, o) => outputs(o),

  async delete(_spec, o, ctx) {
    // Deleting the API deletes its routes, integrations and stages.
    await ctx.clients.apigw.send(new DeleteApiCommand({ ApiId: o.apiId }));
  },
};

const outputs = (o: ObservedHttpApi) => ({ apiId: o.apiId, url: o.apiEndpoint });

/** Brings integrations, routes, stage and tags of an existing API to the desired state. */
async function sync(spec: HttpApiSpec, o: ObservedHttpApi, ctx: ProvisionContext): Promise<void> {
  const { apigw } = ctx.clients;
  const ApiId = o.apiId;
  const used = new Set<string>();
  for (const route of spec.routes) {
    const current = o.routes.find((r) => r.RouteKey === route.routeKey);
    let integration = current && integrationOf(current, o.integrations);
    const settings = { ApiId, ...integrationSettings(route) };
    if (!integration) {
      integration = await apigw.send(new CreateIntegrationCommand(settings));
    } else if (!integrationMatches(integration, route)) {
      await apigw.send(
        new UpdateIntegrationCommand({ ...settings, IntegrationId: integration.IntegrationId }),
      );
    }
    const target = `integrations/${integration.IntegrationId}`;
    used.add(integration.IntegrationId ?? '');
    if (!current) {
      await apigw.send(new CreateRouteCommand({ ApiId, RouteKey: route.routeKey, Target: target }));
    } else if (current.Target !== target) {
      await apigw.send(new UpdateRouteCommand({ ApiId, RouteId: current.RouteId, Target: target }));
    }
  }
  for (const extra of extraRoutes(spec, o))
    await apigw.send(new DeleteRouteCommand({ ApiId, RouteId: extra.RouteId }));
  // Integrations no desired route uses any more (their routes were just deleted).
  for (const orphan of unusedIntegrations(spec, o)) {
    if (!used.has(orphan.IntegrationId ?? '')) {
      await apigw.send(new DeleteIntegrationCommand({ ApiId, IntegrationId: orphan.IntegrationId }));
    }
  }
  const stage = o.stages.find((s) => s.StageName === spec.stage.name);
  if (!stage) {
    await apigw.send(
      new CreateStageCommand({ ApiId, StageName: spec.stage.name, AutoDeploy: spec.stage.autoDeploy }),
    );
  } else if ((stage.AutoDeploy ?? false) !== spec.stage.autoDeploy) {
    await apigw.send(
      new UpdateStageCommand({ ApiId, StageName: spec.stage.name, AutoDeploy: spec.stage.autoDeploy }),
    );
  }
  const tags = diffTags(spec.tags, o.tags);
  if (tagsChanged(tags)) {
    const ResourceArn = httpApiArn(ctx.account, ApiId);
    if (Object.keys(tags.set).length > 0)
      await apigw.send(new TagResourceCommand({ ResourceArn, Tags: tags.set }));
    if (tags.remove.length > 0)
      await apigw.send(new UntagResourceCommand({ ResourceArn, TagKeys: tags.remove }));
  }
}

const integrationOf = (route: Route, integrations: Integration[]): Integration | undefined =>
  integrations.find((i) => route.Target === `integrations/${i.IntegrationId}`);

/** What CreateIntegration/UpdateIntegration take for a route (both kinds are AWS_PROXY). */
function integrationSettings(route: HttpRoute) {
  if ('integrationUri' in route) {
    return {
      IntegrationType: 'AWS_PROXY' as const,
      IntegrationUri: route.integrationUri,
      PayloadFormatVersion: route.payloadFormatVersion,
    };
  }
  return {
    IntegrationType: 'AWS_PROXY' as const,
    IntegrationSubtype: route.integrationSubtype,
    CredentialsArn: route.credentialsArn,
    // AWS service integrations only accept payload format 1.0.
    PayloadFormatVersion: '1.0',
    RequestParameters: route.requestParameters,
    ...(route.responseParameters ? { ResponseParameters: route.responseParameters } : {}),
  };
}

function integrationMatches(i: Integration, route: HttpRoute): boolean {
  if (i.IntegrationType !== 'AWS_PROXY') return false;
  if ('integrationUri' in route) {
    return (
      i.IntegrationSubtype === undefined &&
      i.IntegrationUri === route.integrationUri &&
      i.PayloadFormatVersion === route.payloadFormatVersion
    );
  }
  return (
    i.IntegrationSubtype === route.integrationSubtype &&
    i.CredentialsArn === route.credentialsArn &&
    stableStringify(i.RequestParameters ?? {}) === stableStringify(route.requestParameters) &&
    stableStringify(i.ResponseParameters ?? {}) === stableStringify(route.responseParameters ?? {})
  );
}

const extraRoutes = (spec: HttpApiSpec, o: ObservedHttpApi): Route[] =>
  o.routes.filter((r) => !spec.routes.some((d) => d.routeKey === r.RouteKey));

/** Integrations that no desired route targets. */
function unusedIntegrations(spec: HttpApiSpec, o: ObservedHttpApi): Integration[] {
  const kept = new Set(
    o.routes.filter((r) => spec.routes.some((d) => d.routeKey === r.RouteKey)).map((r) => r.Target),
  );
  return o.integrations.filter((i) => !kept.has(`integrations/${i.IntegrationId}`));
}

async function findApi(apigw: ApiGatewayV2Client, name: string, project: string) {
  const all = await pages(async (NextToken) => apigw.send(new GetApisCommand({ NextToken })));
  const named = all.filter((a) => a.Name === name);
  // Prefer the one we tagged; an untagged namesake is adopted only if it is the only one.
  const ours = named.filter((a) => a.Tags?.[TAG_PROJECT] === project);
  const candidates = ours.length > 0 ? ours : named;
  if (candidates.length > 1) {
    throw new FaasError('AmbiguousHttpApi', `${candidates.length} HTTP APIs are named ${name}`, {
      hint: `Delete the extra ones (ids ${candidates.map((a) => a.ApiId).join(', ')}) so faas can tell which is its own.`,
    });
  }
  return candidates[0];
}

async function pages<T>(
  fetch: (token: string | undefined) => Promise<{ Items?: T[]; NextToken?: string }>,
): Promise<T[]> {
  const out: T[] = [];
  let token: string | undefined;
  do {
    const page = await fetch(token);
    out.push(...(page.Items ?? []));
    token = page.NextToken;
  } while (token);
  return out;
}
