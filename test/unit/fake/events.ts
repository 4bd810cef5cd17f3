// EventBridge in memory: custom buses, rules with targets, tags.
import {
  ResourceAlreadyExistsException,
  ResourceNotFoundException,
  IllegalStatusException as ValidationException,
} from '@aws-sdk/client-eventbridge';
import { type Handlers, sdkError } from './core.js';

export interface FakeBus {
  arn: string;
  tags: Record<string, string>;
}

export interface FakeRule {
  arn: string;
  bus: string;
  pattern: string;
  state: string;
  targets: Array<{ Id: string; Arn: string }>;
  tags: Record<string, string>;
}

const tagList = (tags: Record<string, string>) =>
  Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
const tagMap = (list: Array<{ Key: string; Value: string }> = []) =>
  Object.fromEntries(list.map((t) => [t.Key, t.Value]));

export function eventsHandlers(
  buses: Map<string, FakeBus>,
  rules: Map<string, FakeRule>,
  region: string,
  account: string,
): Handlers {
  const bus = (name: string) => {
    const b = buses.get(name);
    if (!b) throw sdkError(ResourceNotFoundException, `Event bus ${name} does not exist.`);
    return b;
  };
  const rule = (busName: string | undefined, name: string) => {
    const r = rules.get(`${busName ?? 'default'}/${name}`);
    if (!r) throw sdkError(ResourceNotFoundException, `Rule ${name} does not exist on EventBus ${busName}.`);
    return r;
  };
  const taggable = (arn: string): { tags: Record<string, string> } => {
    const found = [...buses.values(), ...rules.values()].find((x) => x.arn === arn);
    if (!found) throw sdkError(ResourceNotFoundException, `Resource ${arn} does not exist.`);
    return found;
  };
  return {
    CreateEventBus: (i) => {
      if (buses.has(i.Name))
        throw sdkError(ResourceAlreadyExistsException, `Event bus ${i.Name} already exists.`);
      const arn = `arn:aws:events:${region}:${account}:event-bus/${i.Name}`;
      buses.set(i.Name, { arn, tags: tagMap(i.Tags) });
      return { EventBusArn: arn };
    },
    DescribeEventBus: (i) => ({ Name: i.Name, Arn: bus(i.Name).arn }),
    DeleteEventBus: (i) => {
      if ([...rules.values()].some((r) => r.bus === i.Name)) {
        throw sdkError(ValidationException, 'Cannot delete event bus with existing rules.');
      }
      buses.delete(i.Name);
      return {};
    },
    PutRule: (i) => {
      bus(i.EventBusName);
      const key = `${i.EventBusName}/${i.Name}`;
      const existing = rules.get(key);
      const arn = `arn:aws:events:${region}:${account}:rule/${i.EventBusName}/${i.Name}`;
      if (existing) {
        existing.pattern = i.EventPattern;
        existing.state = i.State ?? 'ENABLED';
      } else {
        rules.set(key, {
          arn,
          bus: i.EventBusName,
          pattern: i.EventPattern,
          state: i.State ?? 'ENABLED',
          targets: [],
          tags: tagMap(i.Tags),
        });
      }
      return { RuleArn: arn };
    },
    DescribeRule: (i) => {
      const r = rule(i.EventBusName, i.Name);
      return { Name: i.Name, Arn: r.arn, EventPattern: r.pattern, State: r.state, EventBusName: r.bus };
    },
    DeleteRule: (i) => {
      const r = rule(i.EventBusName, i.Name);
      if (r.targets.length > 0)
        throw sdkError(ValidationException, "Rule can't be deleted since it has targets.");
      rules.delete(`${i.EventBusName}/${i.Name}`);
      return {};
    },
    PutTargets: (i) => {
      const r = rule(i.EventBusName, i.Rule);
      for (const t of i.Targets) {
        r.targets = [...r.targets.filter((x) => x.Id !== t.Id), { Id: t.Id, Arn: t.Arn }];
      }
      return { FailedEntryCount: 0, FailedEntries: [] };
    },
    ListTargetsByRule: (i) => ({ Targets: rule(i.EventBusName, i.Rule).targets }),
    RemoveTargets: (i) => {
      const r = rule(i.EventBusName, i.Rule);
      r.targets = r.targets.filter((t) => !i.Ids.includes(t.Id));
      return { FailedEntryCount: 0, FailedEntries: [] };
    },
    ListTagsForResource: (i) => ({ Tags: tagList(taggable(i.ResourceARN).tags) }),
    TagResource: (i) => {
      Object.assign(taggable(i.ResourceARN).tags, tagMap(i.Tags));
      return {};
    },
    UntagResource: (i) => {
      const t = taggable(i.ResourceARN);
      for (const k of i.TagKeys) delete t.tags[k];
      return {};
    },
  };
}
