// EventBridge names and ARNs: buses are `event-bus/<name>`, rules are `rule/<name>` on the default bus
// and `rule/<bus>/<name>` on custom buses; most operations take a bus by name or by ARN.

import { AwsServiceError } from '../../errors.js';

export const DEFAULT_BUS = 'default';

export const busArn = (region: string, account: string, name: string): string =>
  `arn:aws:events:${region}:${account}:event-bus/${name}`;

export const ruleArn = (region: string, account: string, bus: string, name: string): string =>
  bus === DEFAULT_BUS
    ? `arn:aws:events:${region}:${account}:rule/${name}`
    : `arn:aws:events:${region}:${account}:rule/${bus}/${name}`;

export interface BusRef {
  region: string;
  name: string;
}

const BUS_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):event-bus\/(.+)$/;
const RULE_ARN = /^arn:aws[\w-]*:events:([a-z0-9-]+):(\d{12}):rule\/(.+)$/;

/** `EventBusNameOrArn`: absent means the default bus of the caller's region. */
export function busRef(nameOrArn: string | undefined, region: string): BusRef {
  if (nameOrArn === undefined || nameOrArn === '') return { region, name: DEFAULT_BUS };
  const m = BUS_ARN.exec(nameOrArn);
  if (m) return { region: m[1]!, name: m[3]! };
  return { region, name: nameOrArn };
}

/** Parses an event-bus ARN (a target or a TagResource argument); undefined when it is not one. */
export function parseBusArn(arn: string): BusRef | undefined {
  const m = BUS_ARN.exec(arn);
  return m ? { region: m[1]!, name: m[3]! } : undefined;
}

export interface RuleRef {
  region: string;
  bus: string;
  name: string;
}

/** Parses a rule ARN; the rule name never contains `/`, so the bus is everything before the last one. */
export function parseRuleArn(arn: string): RuleRef | undefined {
  const m = RULE_ARN.exec(arn);
  if (!m) return undefined;
  const path = m[3]!;
  const slash = path.lastIndexOf('/');
  return slash === -1
    ? { region: m[1]!, bus: DEFAULT_BUS, name: path }
    : { region: m[1]!, bus: path.slice(0, slash), name: path.slice(slash + 1) };
}

export const busNotFound = (name: string): AwsServiceError =>
  new AwsServiceError('ResourceNotFoundException', `Event bus ${name} does not exist.`, 400);

export const ruleNotFound = (name: string, bus: string): AwsServiceError =>
  new AwsServiceError('ResourceNotFoundException', `Rule ${name} does not exist on EventBus ${bus}.`, 400);
