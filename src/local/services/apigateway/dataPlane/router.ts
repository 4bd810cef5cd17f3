// Finds the API, stage and route a data-plane request is for, the way HTTP APIs choose: the most
// specific route wins (literal segments over variables over greedy), a method over ANY, then $default.

import type { ApiRecord, ChildKinds } from '../state.js';

export interface RouteMatch {
  route: ChildKinds['routes'];
  pathParameters: Record<string, string>;
  /** The route's path (`/items/{id}`), or `$default`. */
  resourcePath: string;
}

/** Splits `/_aws/execute-api/<apiId>/<rest>` or a `<apiId>.execute-api.*` host into API id and path. */
export function locateApi(
  path: string,
  host: string | undefined,
): { apiId: string; path: string } | undefined {
  const prefix = '/_aws/execute-api/';
  if (path.startsWith(prefix)) {
    const rest = path.slice(prefix.length);
    const slash = rest.indexOf('/');
    return slash === -1
      ? { apiId: rest, path: '/' }
      : { apiId: rest.slice(0, slash), path: rest.slice(slash) };
  }
  const m = host ? /^([a-z0-9]+)\.execute-api\./.exec(host) : undefined;
  return m ? { apiId: m[1], path } : undefined;
}

/** `$default` serves at the root; otherwise the first path segment names the stage. */
export function locateStage(rec: ApiRecord, path: string): { stage: string; path: string } | undefined {
  if (rec.stages.$default) return { stage: '$default', path };
  const [, first, ...rest] = path.split('/');
  if (!first || !rec.stages[first]) return undefined;
  return { stage: first, path: `/${rest.join('/')}` };
}

function matchPath(template: string, path: string): Record<string, string> | undefined {
  const t = template.split('/').slice(1);
  const p = path.split('/').slice(1);
  const params: Record<string, string> = {};
  for (let i = 0; i < t.length; i++) {
    const seg = t[i];
    const greedy = /^\{(.+)\+\}$/.exec(seg);
    if (greedy) {
      const rest = p.slice(i).join('/');
      if (!rest) return undefined;
      params[greedy[1]] = decodeSafe(rest);
      return params;
    }
    if (p[i] === undefined) return undefined;
    const variable = /^\{(.+)\}$/.exec(seg);
    if (variable) {
      if (p[i] === '') return undefined;
      params[variable[1]] = decodeSafe(p[i]);
    } else if (seg !== decodeSafe(p[i])) return undefined;
  }
  return t.length === p.length ? params : undefined;
}

const decodeSafe = (s: string): string => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

function specificity(template: string, method: string): number {
  const segs = template.split('/').slice(1);
  let score = 0;
  for (const s of segs) score += s.endsWith('+}') ? 1 : s.startsWith('{') ? 10 : 100;
  return score * 10 + (method === 'ANY' ? 0 : 1);
}

export function matchRoute(rec: ApiRecord, method: string, path: string): RouteMatch | undefined {
  let best: (RouteMatch & { score: number }) | undefined;
  for (const route of Object.values(rec.routes)) {
    if (route.RouteKey === '$default') continue;
    const [routeMethod, template] = (route.RouteKey ?? '').split(' ');
    if (routeMethod !== 'ANY' && routeMethod !== method) continue;
    const params = matchPath(template, path);
    if (!params) continue;
    const score = specificity(template, routeMethod);
    if (!best || score > best.score) best = { route, pathParameters: params, resourcePath: template, score };
  }
  if (best) return best;
  const fallback = Object.values(rec.routes).find((r) => r.RouteKey === '$default');
  return fallback ? { route: fallback, pathParameters: {}, resourcePath: '$default' } : undefined;
}
