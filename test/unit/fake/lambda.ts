// Lambda in memory: functions ($LATEST + published versions), aliases, resource policies, tags.
import { createHash } from 'node:crypto';
import {
  InvalidParameterValueException,
  PreconditionFailedException,
  ResourceConflictException,
  ResourceNotFoundException,
} from '@aws-sdk/client-lambda';
import { type Handlers, sdkError } from './core.js';

export interface FakeConfig {
  FunctionName: string;
  FunctionArn: string;
  Role: string;
  Runtime: string;
  Handler: string;
  MemorySize: number;
  Timeout: number;
  Architectures: string[];
  Environment: { Variables: Record<string, string> };
  VpcConfig?: { SubnetIds?: string[]; SecurityGroupIds?: string[]; VpcId?: string };
  CodeSha256: string;
  Version: string;
  State: string;
  LastUpdateStatus: string;
}

export interface FakeFunction {
  latest: FakeConfig;
  versions: Map<string, FakeConfig>;
  aliases: Map<string, string>;
  /** What an alias holds besides its version: the Description and canary weights releases set. */
  aliasDetails: Map<
    string,
    { Description?: string; RoutingConfig?: { AdditionalVersionWeights?: Record<string, number> } }
  >;
  /** Resource-policy statements per qualifier. */
  policies: Map<string, Array<Record<string, unknown>>>;
  tags: Record<string, string>;
}

export interface LambdaBehaviour {
  /** How many more CreateFunction/UpdateFunctionConfiguration calls fail as "role cannot be assumed". */
  roleNotAssumable: number;
}

const sha = (zip: Uint8Array) => createHash('sha256').update(zip).digest('base64');
// What Lambda compares to decide whether PublishVersion creates a new version.
const fingerprint = (c: FakeConfig) =>
  JSON.stringify({ ...c, Version: '', FunctionArn: '', State: '', LastUpdateStatus: '' });

export function lambdaHandlers(
  functions: Map<string, FakeFunction>,
  behaviour: LambdaBehaviour,
  region: string,
  account: string,
  mappings: Map<string, FakeMapping> = new Map(),
): Handlers {
  const arnOf = (name: string) => `arn:aws:lambda:${region}:${account}:function:${name}`;
  const fn = (name: string): FakeFunction => {
    const f = functions.get(name);
    if (!f) throw sdkError(ResourceNotFoundException, `Function not found: ${arnOf(name)}`);
    return f;
  };
  const roleCheck = () => {
    if (behaviour.roleNotAssumable > 0) {
      behaviour.roleNotAssumable--;
      throw sdkError(
        InvalidParameterValueException,
        'The role defined for the function cannot be assumed by Lambda.',
      );
    }
  };
  const qualified = (f: FakeFunction, qualifier: string | undefined): string => {
    if (qualifier === undefined || qualifier === '$LATEST') return '$LATEST';
    if (f.aliases.has(qualifier) || f.versions.has(qualifier)) return qualifier;
    throw sdkError(ResourceNotFoundException, `Qualifier ${qualifier} not found`);
  };
  const publish = (f: FakeFunction): string => {
    const last = [...f.versions.values()].at(-1);
    if (last && fingerprint(last) === fingerprint(f.latest)) return last.Version;
    const version = String(f.versions.size + 1);
    f.versions.set(version, {
      ...structuredClone(f.latest),
      Version: version,
      FunctionArn: `${f.latest.FunctionArn}:${version}`,
    });
    return version;
  };
  return {
    CreateFunction: (i) => {
      if (functions.has(i.FunctionName))
        throw sdkError(ResourceConflictException, `Function already exist: ${i.FunctionName}`);
      roleCheck();
      const f: FakeFunction = {
        latest: {
          FunctionName: i.FunctionName,
          FunctionArn: arnOf(i.FunctionName),
          Role: i.Role,
          Runtime: i.Runtime,
          Handler: i.Handler,
          MemorySize: i.MemorySize ?? 128,
          Timeout: i.Timeout ?? 3,
          Architectures: i.Architectures ?? ['x86_64'],
          Environment: { Variables: i.Environment?.Variables ?? {} },
          ...(i.VpcConfig ? { VpcConfig: { ...i.VpcConfig, VpcId: 'vpc-1' } } : {}),
          CodeSha256: sha(i.Code.ZipFile),
          Version: '$LATEST',
          State: 'Active',
          LastUpdateStatus: 'Successful',
        },
        versions: new Map(),
        aliases: new Map(),
        aliasDetails: new Map(),
        policies: new Map(),
        tags: { ...(i.Tags ?? {}) },
      };
      functions.set(i.FunctionName, f);
      const version = i.Publish ? publish(f) : '$LATEST';
      return { ...f.latest, Version: version };
    },
    GetFunction: (i) => {
      const f = fn(i.FunctionName);
      const q = qualified(f, i.Qualifier);
      const config = q === '$LATEST' ? f.latest : f.versions.get(f.aliases.get(q) ?? q);
      return { Configuration: config, Tags: f.tags };
    },
    GetFunctionConfiguration: (i) => {
      const f = fn(i.FunctionName);
      const q = qualified(f, i.Qualifier);
      return q === '$LATEST' ? f.latest : f.versions.get(f.aliases.get(q) ?? q);
    },
    UpdateFunctionCode: (i) => {
      const f = fn(i.FunctionName);
      f.latest.CodeSha256 = sha(i.ZipFile);
      if (i.Architectures) f.latest.Architectures = i.Architectures;
      return f.latest;
    },
    UpdateFunctionConfiguration: (i) => {
      const f = fn(i.FunctionName);
      roleCheck();
      Object.assign(f.latest, {
        Role: i.Role ?? f.latest.Role,
        Runtime: i.Runtime ?? f.latest.Runtime,
        Handler: i.Handler ?? f.latest.Handler,
        MemorySize: i.MemorySize ?? f.latest.MemorySize,
        Timeout: i.Timeout ?? f.latest.Timeout,
        Environment: i.Environment ? { Variables: i.Environment.Variables ?? {} } : f.latest.Environment,
        // As Lambda: empty lists take the function out of its VPC.
        ...(i.VpcConfig
          ? { VpcConfig: { ...i.VpcConfig, VpcId: i.VpcConfig.SubnetIds?.length ? 'vpc-1' : '' } }
          : {}),
      });
      return f.latest;
    },
    ListVersionsByFunction: (i) => {
      const f = fn(i.FunctionName);
      return { Versions: [f.latest, ...f.versions.values()] };
    },
    PublishVersion: (i) => {
      const f = fn(i.FunctionName);
      if (i.CodeSha256 && i.CodeSha256 !== f.latest.CodeSha256) {
        throw sdkError(PreconditionFailedException, 'CodeSha256 does not match');
      }
      const version = publish(f);
      return f.versions.get(version);
    },
    GetAlias: (i) => {
      const version = fn(i.FunctionName).aliases.get(i.Name);
      if (version === undefined) throw sdkError(ResourceNotFoundException, `Alias not found: ${i.Name}`);
      return {
        Name: i.Name,
        FunctionVersion: version,
        AliasArn: `${arnOf(i.FunctionName)}:${i.Name}`,
        ...fn(i.FunctionName).aliasDetails.get(i.Name),
      };
    },
    CreateAlias: (i) => {
      const f = fn(i.FunctionName);
      if (f.aliases.has(i.Name)) throw sdkError(ResourceConflictException, `Alias already exists: ${i.Name}`);
      f.aliases.set(i.Name, i.FunctionVersion);
      return { Name: i.Name, FunctionVersion: i.FunctionVersion };
    },
    UpdateAlias: (i) => {
      const f = fn(i.FunctionName);
      if (!f.aliases.has(i.Name)) throw sdkError(ResourceNotFoundException, `Alias not found: ${i.Name}`);
      if (i.FunctionVersion !== undefined && !f.versions.has(i.FunctionVersion))
        throw sdkError(
          ResourceNotFoundException,
          `Function not found: ${arnOf(i.FunctionName)}:${i.FunctionVersion}`,
        );
      f.aliases.set(i.Name, i.FunctionVersion);
      const details = { ...f.aliasDetails.get(i.Name) };
      if (i.Description !== undefined) details.Description = i.Description;
      if (i.RoutingConfig !== undefined) details.RoutingConfig = i.RoutingConfig;
      f.aliasDetails.set(i.Name, details);
      return { Name: i.Name, FunctionVersion: i.FunctionVersion, ...details };
    },
    TagResource: (i) => {
      Object.assign(fn(String(i.Resource).split(':').at(-1)!).tags, i.Tags);
      return {};
    },
    UntagResource: (i) => {
      const f = fn(String(i.Resource).split(':').at(-1)!);
      for (const k of i.TagKeys) delete f.tags[k];
      return {};
    },
    AddPermission: (i) => {
      const f = fn(i.FunctionName);
      const q = qualified(f, i.Qualifier);
      const statements = f.policies.get(q) ?? [];
      if (statements.some((s) => s['Sid'] === i.StatementId)) {
        throw sdkError(
          ResourceConflictException,
          `The statement id (${i.StatementId}) provided already exists.`,
        );
      }
      // Lambda's own shape: Principal.Service, ArnLike/StringEquals with `AWS:` keys.
      const statement = {
        Sid: i.StatementId,
        Effect: 'Allow',
        Principal: { Service: i.Principal },
        Action: i.Action,
        Resource: `${arnOf(i.FunctionName)}${q === '$LATEST' ? '' : `:${q}`}`,
        Condition: {
          ...(i.SourceAccount ? { StringEquals: { 'AWS:SourceAccount': i.SourceAccount } } : {}),
          ...(i.SourceArn ? { ArnLike: { 'AWS:SourceArn': i.SourceArn } } : {}),
        },
      };
      f.policies.set(q, [...statements, statement]);
      return { Statement: JSON.stringify(statement) };
    },
    RemovePermission: (i) => {
      const f = fn(i.FunctionName);
      const q = qualified(f, i.Qualifier);
      const statements = f.policies.get(q) ?? [];
      if (!statements.some((s) => s['Sid'] === i.StatementId)) {
        throw sdkError(
          ResourceNotFoundException,
          `Statement ${i.StatementId} is not found in resource policy.`,
        );
      }
      f.policies.set(
        q,
        statements.filter((s) => s['Sid'] !== i.StatementId),
      );
      return {};
    },
    GetPolicy: (i) => {
      const f = fn(i.FunctionName);
      const statements = f.policies.get(qualified(f, i.Qualifier)) ?? [];
      if (statements.length === 0)
        throw sdkError(ResourceNotFoundException, 'The resource you requested does not exist.');
      return { Policy: JSON.stringify({ Version: '2012-10-17', Id: 'default', Statement: statements }) };
    },
    DeleteFunction: (i) => {
      fn(i.FunctionName);
      functions.delete(i.FunctionName);
      return {};
    },
    ...mappingHandlers(mappings, fn, qualified),
  };
}

/** An event source mapping as the fake keeps it. */
export interface FakeMapping {
  UUID: string;
  FunctionArn: string;
  EventSourceArn: string;
  BatchSize: number;
  FunctionResponseTypes: string[];
  State: string;
}

function mappingHandlers(
  mappings: Map<string, FakeMapping>,
  fn: (name: string) => FakeFunction,
  qualified: (f: FakeFunction, q: string | undefined) => string,
): Handlers {
  const target = (name: string): string => {
    const [base, qualifier] = name.split(':') as [string, string | undefined];
    const f = fn(base);
    return `${f.latest.FunctionArn}:${qualified(f, qualifier)}`;
  };
  const get = (uuid: string): FakeMapping => {
    const m = mappings.get(uuid);
    if (!m) throw sdkError(ResourceNotFoundException, `The resource you requested does not exist.`);
    return m;
  };
  return {
    ListEventSourceMappings: (i) => {
      const arn = i.FunctionName === undefined ? undefined : target(i.FunctionName);
      return {
        EventSourceMappings: [...mappings.values()].filter(
          (m) =>
            (arn === undefined || m.FunctionArn === arn) &&
            (i.EventSourceArn === undefined || m.EventSourceArn === i.EventSourceArn),
        ),
      };
    },
    CreateEventSourceMapping: (i) => {
      const m: FakeMapping = {
        UUID: `uuid-${mappings.size + 1}`,
        FunctionArn: target(i.FunctionName),
        EventSourceArn: i.EventSourceArn,
        BatchSize: i.BatchSize ?? 10,
        FunctionResponseTypes: i.FunctionResponseTypes ?? [],
        State: i.Enabled === false ? 'Disabled' : 'Enabled',
      };
      mappings.set(m.UUID, m);
      return m;
    },
    UpdateEventSourceMapping: (i) => {
      const m = get(i.UUID);
      if (i.BatchSize !== undefined) m.BatchSize = i.BatchSize;
      if (i.FunctionResponseTypes !== undefined) m.FunctionResponseTypes = i.FunctionResponseTypes;
      if (i.Enabled !== undefined) m.State = i.Enabled ? 'Enabled' : 'Disabled';
      return m;
    },
    DeleteEventSourceMapping: (i) => {
      const m = get(i.UUID);
      mappings.delete(i.UUID);
      return m;
    },
  };
}
