// A webhook's group and the FIFO MessageGroupId it travels under: the contract between the HTTP
// API's parameter mapping (src/pipeline/flows/webhook.ts), the webhook Lambda and `faas dlq`.

export const DEFAULT_GROUP = 'default';

/**
 * API Gateway cannot default a missing header, but a mapping with static text always has a value:
 * the route maps MessageGroupId to `g:${request.header.x-webhook-group}`, so a request without
 * the header still lands in a FIFO group, `g:`, which is the default group.
 */
export const GROUP_PREFIX = 'g:';

/** The webhook group a FIFO MessageGroupId stands for (a message sent to the queue directly keeps its id). */
export function webhookGroup(messageGroupId: string | undefined): string {
  const id = messageGroupId ?? '';
  return (id.startsWith(GROUP_PREFIX) ? id.slice(GROUP_PREFIX.length) : id) || DEFAULT_GROUP;
}
