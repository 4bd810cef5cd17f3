// What an EventBridge target receives for a matched event: the constant `Input`, the part selected
// by `InputPath`, the filled-in `InputTransformer` template, or else the whole event as JSON.

import { validation } from '../errors.js';
import { compileJsonPath, selectJsonPath } from './jsonPath.js';

export interface InputTransformerConfig {
  InputPathsMap?: Record<string, string>;
  InputTemplate: string;
}

/** The input-shaping members of an EventBridge `Target` (structurally the SDK's own type). */
export interface TargetInputConfig {
  Input?: string;
  InputPath?: string;
  InputTransformer?: InputTransformerConfig;
}

/** Values for the predefined template variables that the event itself does not carry. */
export interface TargetInputContext {
  ruleArn?: string;
  ruleName?: string;
  /** ISO-8601; defaults to the event's `time`. */
  ingestionTime?: string;
}

const RULE_ARN = 'aws.events.rule-arn';
const RULE_NAME = 'aws.events.rule-name';
const EVENT = 'aws.events.event';
const EVENT_JSON = 'aws.events.event.json';
const INGESTION_TIME = 'aws.events.event.ingestion-time';
const PREDEFINED: ReadonlySet<string> = new Set([RULE_ARN, RULE_NAME, EVENT, EVENT_JSON, INGESTION_TIME]);

// What PutTargets treats as a placeholder: `<` and `>` cannot be escaped in a template.
const PLACEHOLDER = /<([^<>\s]+)>/g;
const WHITESPACE = /\s/;

// AWS quirk (observed on AWS, not in the docs): `<aws.events.event>` is the envelope without
// `detail`, with `detail-type` renamed `detailType`, in this key order; `<aws.events.event.json>`
// is the full event.
const ENVELOPE_ORDER = ['id', 'account', 'detail-type', 'time', 'source', 'region', 'resources', 'version'];

function envelopeWithoutDetail(event: Record<string, unknown>): Record<string, unknown> {
  const envelope: Record<string, unknown> = {};
  for (const key of ENVELOPE_ORDER) {
    if (Object.hasOwn(event, key)) envelope[key === 'detail-type' ? 'detailType' : key] = event[key];
  }
  for (const [key, value] of Object.entries(event)) {
    if (key !== 'detail' && !ENVELOPE_ORDER.includes(key) && !Object.hasOwn(envelope, key))
      envelope[key] = value;
  }
  return envelope;
}

type Resolved = { readonly value: unknown } | undefined;

function resolver(
  event: Record<string, unknown>,
  pathsMap: Record<string, string>,
  context: TargetInputContext,
): (name: string) => Resolved {
  const values = new Map<string, unknown>();
  for (const [name, path] of Object.entries(pathsMap)) {
    // Predefined names cannot be redefined (PutTargets refuses it); ignore them defensively here.
    if (!PREDEFINED.has(name)) values.set(name, selectJsonPath(event, path));
  }
  return (name) => {
    if (values.has(name)) return { value: values.get(name) };
    switch (name) {
      case RULE_ARN:
        return { value: context.ruleArn };
      case RULE_NAME:
        return { value: context.ruleName };
      case INGESTION_TIME:
        return { value: context.ingestionTime ?? event['time'] };
      case EVENT:
        return { value: envelopeWithoutDetail(event) };
      case EVENT_JSON:
        return { value: event };
      default:
        return undefined;
    }
  };
}

// Inside a string (or a plain-text template) values go in raw: strings without quotes and without
// escaping, as AWS documents. In a JSON value position they go in as JSON. A path that selected
// nothing becomes an empty string either way (`""` in value position, as AWS does).
function formatValue(value: unknown, insideString: boolean): string {
  if (value === undefined) return insideString ? '' : '""';
  if (insideString && typeof value === 'string') return value;
  return JSON.stringify(value);
}

function renderTemplate(
  event: Record<string, unknown>,
  transformer: InputTransformerConfig,
  context: TargetInputContext,
): string {
  const template = transformer.InputTemplate;
  const resolve = resolver(event, transformer.InputPathsMap ?? {}, context);
  // A template opening with `{` or `[` is JSON; anything else (usually a quoted string) is text.
  const isJson = /^\s*[[{]/.test(template);
  let insideString = !isJson;
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const char = template[i]!;
    if (char === '<') {
      const close = template.indexOf('>', i + 1);
      const resolved = close === -1 ? undefined : resolve(template.slice(i + 1, close));
      if (resolved !== undefined) {
        out += formatValue(resolved.value, insideString);
        i = close;
        continue;
      }
    }
    if (isJson) {
      if (insideString) {
        if (char === '\\' && i + 1 < template.length) {
          out += char + template[i + 1];
          i++;
          continue;
        }
        if (char === '"') insideString = false;
      } else if (char === '"') {
        insideString = true;
      } else if (WHITESPACE.test(char)) {
        // "The JSON that is passed to the target is minified."
        continue;
      }
    }
    out += char;
  }
  return out;
}

/**
 * Renders the payload for one target. `Input` wins over `InputPath`, which wins over
 * `InputTransformer` (PutTargets allows only one; see validateTargetInput).
 */
export function renderTargetInput(
  event: object,
  target: TargetInputConfig,
  context: TargetInputContext = {},
): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) {
    const selected = selectJsonPath(event, target.InputPath);
    // A path to a missing field selects nothing; the target then receives JSON null.
    return selected === undefined ? 'null' : JSON.stringify(selected);
  }
  if (target.InputTransformer !== undefined) {
    return renderTemplate(event as Record<string, unknown>, target.InputTransformer, context);
  }
  return JSON.stringify(event);
}

/** The PutTargets checks on a target's input members; throws ValidationException. */
export function validateTargetInput(targetId: string, target: TargetInputConfig): void {
  const given = [target.Input, target.InputPath, target.InputTransformer].filter((v) => v !== undefined);
  if (given.length > 1) {
    throw validation(
      `Only one of Input, InputPath, or InputTransformer must be provided for target ${targetId}.`,
    );
  }
  if (target.Input !== undefined) {
    try {
      JSON.parse(target.Input);
    } catch {
      throw validation(`Input for target ${targetId} is not a valid JSON text.`);
    }
  }
  if (target.InputPath !== undefined) compileJsonPath(target.InputPath);
  const transformer = target.InputTransformer;
  if (transformer === undefined) return;
  const pathsMap = transformer.InputPathsMap ?? {};
  for (const [name, path] of Object.entries(pathsMap)) {
    if (PREDEFINED.has(name)) {
      throw validation(
        `InputPathsMap for target ${targetId} cannot redefine the predefined variable ${name}.`,
      );
    }
    compileJsonPath(path);
  }
  for (const [, name] of transformer.InputTemplate.matchAll(PLACEHOLDER)) {
    if (!Object.hasOwn(pathsMap, name!) && !PREDEFINED.has(name!)) {
      throw validation(`InputTemplate for target ${targetId} contains invalid placeholder ${name}.`);
    }
  }
}
