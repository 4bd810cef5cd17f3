// The one create/get/update/delete/list path shared by routes, integrations and stages, so each
// action file only adds what is particular to its kind (validation, defaults).

import type { ActionContext } from '../../service.js';
import { type ApiGatewayState, type ChildKind, type ChildKinds, defined } from './state.js';

type Ctx = ActionContext<ApiGatewayState>;

export async function putChild<K extends ChildKind>(
  ctx: Ctx,
  apiId: string,
  kind: K,
  id: string,
  item: ChildKinds[K],
): Promise<ChildKinds[K]> {
  await ctx.cloud.persistence.commit('apigateway', 'putChild', { apiId, kind, id, item });
  return item;
}

export async function updateChild<K extends ChildKind>(
  ctx: Ctx,
  apiId: string | undefined,
  kind: K,
  id: string | undefined,
  changes: object,
  validate?: (merged: ChildKinds[K]) => void,
): Promise<ChildKinds[K]> {
  const current = ctx.state.requireChild(apiId, kind, id);
  const merged = { ...current, ...defined(changes) } as ChildKinds[K];
  validate?.(merged);
  return putChild(ctx, apiId!, kind, id!, merged);
}

export async function deleteChild(
  ctx: Ctx,
  apiId: string | undefined,
  kind: ChildKind,
  id: string | undefined,
) {
  ctx.state.requireChild(apiId, kind, id);
  await ctx.cloud.persistence.commit('apigateway', 'deleteChild', { apiId, kind, id });
  return {};
}

/** Lists with AWS's NextToken/MaxResults paging (the token is the index of the next item). */
export function listChildren<K extends ChildKind>(
  ctx: Ctx,
  apiId: string | undefined,
  kind: K,
  maxResults?: string,
  nextToken?: string,
): { Items: ChildKinds[K][]; NextToken?: string } {
  const all = Object.values(ctx.state.requireApi(apiId)[kind] ?? {}) as ChildKinds[K][];
  return page(all, maxResults, nextToken);
}

export function page<T>(
  all: T[],
  maxResults?: string,
  nextToken?: string,
): { Items: T[]; NextToken?: string } {
  const start = nextToken ? Number(nextToken) || 0 : 0;
  const size = maxResults ? Math.max(1, Number(maxResults) || 100) : 100;
  const items = all.slice(start, start + size);
  return { Items: items, NextToken: start + size < all.length ? String(start + size) : undefined };
}
