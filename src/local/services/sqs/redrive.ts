// Dead-letter queue settings: RedrivePolicy on a source queue and RedriveAllowPolicy on the
// dead-letter queue, validated and normalized to the JSON AWS hands back.

import { invalidAttributeValue, invalidValue } from './errors.js';
import { parseQueueArn } from './names.js';

export interface RedrivePolicy {
  deadLetterTargetArn: string;
  maxReceiveCount: number;
}

/** What redrive validation needs to know about a would-be dead-letter queue. */
export interface DlqInfo {
  fifo: boolean;
  redriveAllowPolicy?: string;
}

const parseObject = (text: string): Record<string, unknown> | undefined => {
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
};

/** Reads a stored (already normalized) policy; undefined when the queue has none. */
export function redrivePolicyOf(attrs: Record<string, string>): RedrivePolicy | undefined {
  const text = attrs.RedrivePolicy;
  return text ? (JSON.parse(text) as RedrivePolicy) : undefined;
}

/**
 * Validates a RedrivePolicy value for `sourceArn` (a queue of type `fifo`) and returns its
 * normalized JSON (maxReceiveCount as a number, as AWS returns it).
 */
export function normalizeRedrivePolicy(
  value: string,
  source: { arn: string; fifo: boolean },
  lookup: (arn: string) => DlqInfo | undefined,
): string {
  const bad = (reason: string) => invalidValue('RedrivePolicy', value, reason);
  const doc = parseObject(value);
  if (!doc) throw bad('Redrive policy is not a valid JSON map.');
  for (const key of Object.keys(doc))
    if (key !== 'deadLetterTargetArn' && key !== 'maxReceiveCount')
      throw bad(`Redrive policy contains unknown attribute ${key}.`);
  const target = doc.deadLetterTargetArn;
  if (target === undefined)
    throw bad('Redrive policy does not contain mandatory attribute: deadLetterTargetArn.');
  if (doc.maxReceiveCount === undefined)
    throw bad('Redrive policy does not contain mandatory attribute: maxReceiveCount.');
  const count = Number(doc.maxReceiveCount);
  if (!Number.isInteger(count) || count < 1 || count > 1000)
    throw bad(
      `Invalid value for maxReceiveCount: ${String(doc.maxReceiveCount)}, valid values are from 1 to 1000 both inclusive.`,
    );
  if (typeof target !== 'string' || !parseQueueArn(target))
    throw bad('Invalid value for deadLetterTargetArn.');
  const dlq = lookup(target);
  if (!dlq) throw bad('Dead letter target does not exist.');
  if (dlq.fifo !== source.fifo) throw bad('Dead-letter queue must be same type of queue as the source.');
  if (!allowsSource(dlq.redriveAllowPolicy, source.arn))
    throw bad(`Queue ${target} does not allow ${source.arn} to use it as a dead-letter queue.`);
  return JSON.stringify({ deadLetterTargetArn: target, maxReceiveCount: count });
}

/** Validates a RedriveAllowPolicy value and returns its normalized JSON. */
export function normalizeRedriveAllowPolicy(value: string): string {
  const doc = parseObject(value);
  const permission = doc?.redrivePermission;
  if (!doc || (permission !== 'allowAll' && permission !== 'denyAll' && permission !== 'byQueue'))
    throw invalidAttributeValue('RedriveAllowPolicy');
  const arns = doc.sourceQueueArns;
  if (permission === 'byQueue') {
    if (
      !Array.isArray(arns) ||
      arns.length < 1 ||
      arns.length > 10 ||
      arns.some((a) => typeof a !== 'string')
    )
      throw invalidAttributeValue('RedriveAllowPolicy');
    return JSON.stringify({ redrivePermission: permission, sourceQueueArns: arns });
  }
  if (arns !== undefined) throw invalidAttributeValue('RedriveAllowPolicy');
  return JSON.stringify({ redrivePermission: permission });
}

function allowsSource(policy: string | undefined, sourceArn: string): boolean {
  if (!policy) return true;
  const doc = JSON.parse(policy) as { redrivePermission: string; sourceQueueArns?: string[] };
  if (doc.redrivePermission === 'denyAll') return false;
  if (doc.redrivePermission === 'byQueue') return doc.sourceQueueArns?.includes(sourceArn) ?? false;
  return true;
}
