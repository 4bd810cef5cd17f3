// SSM Parameter Store in memory: SecureString parameters with versions and tags.
import { ParameterAlreadyExists, ParameterNotFound, ValidationException } from '@aws-sdk/client-ssm';
import { type Handlers, sdkError } from './core.js';

export interface FakeParameter {
  value: string;
  type: string;
  version: number;
  tags: Record<string, string>;
}

export function ssmHandlers(params: Map<string, FakeParameter>, region: string, account: string): Handlers {
  const get = (name: string): FakeParameter => {
    const p = params.get(name);
    if (!p) throw sdkError(ParameterNotFound, `Parameter ${name} not found.`);
    return p;
  };
  return {
    GetParameter: (i) => {
      const p = get(i.Name);
      return {
        Parameter: {
          Name: i.Name,
          Type: p.type,
          // Without decryption a SecureString comes back as ciphertext.
          Value: i.WithDecryption || p.type !== 'SecureString' ? p.value : `encrypted:${p.version}`,
          Version: p.version,
          ARN: `arn:aws:ssm:${region}:${account}:parameter${i.Name}`,
        },
      };
    },
    PutParameter: (i) => {
      const existing = params.get(i.Name);
      if (existing && !i.Overwrite) throw sdkError(ParameterAlreadyExists, 'The parameter already exists.');
      if (existing && i.Tags) {
        throw sdkError(ValidationException, "Invalid request: tags and overwrite can't be used together.");
      }
      const tags =
        existing?.tags ??
        Object.fromEntries((i.Tags ?? []).map((t: { Key: string; Value: string }) => [t.Key, t.Value]));
      const version = (existing?.version ?? 0) + 1;
      params.set(i.Name, { value: i.Value, type: i.Type ?? existing?.type ?? 'String', version, tags });
      return { Version: version };
    },
    DeleteParameter: (i) => {
      get(i.Name);
      params.delete(i.Name);
      return {};
    },
    ListTagsForResource: (i) => ({
      TagList: Object.entries(get(i.ResourceId).tags).map(([Key, Value]) => ({ Key, Value })),
    }),
    AddTagsToResource: (i) => {
      const p = get(i.ResourceId);
      for (const t of i.Tags) p.tags[t.Key] = t.Value;
      return {};
    },
    RemoveTagsFromResource: (i) => {
      const p = get(i.ResourceId);
      for (const k of i.TagKeys) delete p.tags[k];
      return {};
    },
  };
}
