// awsQuery (IAM, STS, old SQS clients): form-encoded `Action=…` requests, XML responses wrapped in
// `<ActionResponse><ActionResult>`, errors in `<ErrorResponse>`.

import type { NormalizedSchema } from '@smithy/core/schema';
import { AwsServiceError } from '../errors.js';
import type { OperationDef } from './schema.js';
import type { Decoded, LocalRequest, LocalResponse, ProtocolCodec } from './types.js';
import { escapeXml, fromScalarText, toXmlBody } from './xmlShape.js';

const keyOf = (name: string, member: NormalizedSchema): string => {
  const n = member.getMergedTraits().xmlName;
  return typeof n === 'string' ? n : name;
};

/** Flat `A.member.1.B=v` form parameters → the SDK's shape for `schema`. */
export function fromQueryParams(
  schema: NormalizedSchema,
  params: Map<string, string>,
  prefix: string,
): unknown {
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of schema.structIterator()) {
      const key = prefix ? `${prefix}.${keyOf(name, member)}` : keyOf(name, member);
      const v = fromQueryParams(member, params, key);
      if (v !== undefined) out[name] = v;
    }
    return prefix && Object.keys(out).length === 0 && !hasPrefix(params, prefix) ? undefined : out;
  }
  if (schema.isListSchema()) {
    const item = schema.getValueSchema();
    const base = schema.getMergedTraits().xmlFlattened ? prefix : `${prefix}.${keyOf('member', item)}`;
    const out: unknown[] = [];
    for (let i = 1; hasPrefix(params, `${base}.${i}`) || params.has(`${base}.${i}`); i++) {
      out.push(fromQueryParams(item, params, `${base}.${i}`));
    }
    // `Tags=` (empty) is how query clients send an empty list.
    return out.length > 0 || params.has(prefix) ? out : undefined;
  }
  if (schema.isMapSchema()) {
    const base = schema.getMergedTraits().xmlFlattened ? prefix : `${prefix}.entry`;
    // Key and value names follow their xmlName (SQS `Attribute.1.Name` / `Attribute.1.Value`).
    const keyName = keyOf('key', schema.getKeySchema());
    const valueName = keyOf('value', schema.getValueSchema());
    const out: Record<string, unknown> = {};
    for (let i = 1; params.has(`${base}.${i}.${keyName}`); i++) {
      out[params.get(`${base}.${i}.${keyName}`)!] = fromQueryParams(
        schema.getValueSchema(),
        params,
        `${base}.${i}.${valueName}`,
      );
    }
    return Object.keys(out).length > 0 ? out : undefined;
  }
  const text = params.get(prefix);
  return text === undefined ? undefined : fromScalarText(schema, text);
}

const hasPrefix = (params: Map<string, string>, prefix: string): boolean => {
  for (const k of params.keys()) if (k.startsWith(`${prefix}.`)) return true;
  return false;
};

export interface QueryCodecOptions {
  /** Modeled error name → its awsQuery code (see loadQueryErrorCodes), e.g. SQS's NonExistentQueue. */
  errorCodes?: ReadonlyMap<string, string>;
}

export function queryCodec(namespace: string, options: QueryCodecOptions = {}): ProtocolCodec {
  return {
    name: 'query',
    async decode(req: LocalRequest, operations: Map<string, OperationDef>): Promise<Decoded> {
      const body = await req.body();
      const params = new Map<string, string>(req.query.entries());
      for (const [k, v] of new URLSearchParams(body.toString('utf8'))) params.set(k, v);
      const action = params.get('Action');
      const op = action ? operations.get(action) : undefined;
      if (!op) {
        throw new AwsServiceError(
          'InvalidAction',
          `The action or operation requested is invalid. Verify that the action is typed correctly: ${action ?? '(none)'}`,
          400,
        );
      }
      return { op, input: (fromQueryParams(op.input, params, '') ?? {}) as Record<string, unknown> };
    },
    encode(req, op, output): LocalResponse {
      // Operations without output (DeleteRole, DeleteQueue) answer with ResponseMetadata alone.
      const result = op.output.isUnitSchema()
        ? ''
        : `<${op.name}Result>${toXmlBody(op.output, output ?? {})}</${op.name}Result>`;
      const body =
        `<${op.name}Response xmlns="${namespace}">${result}` +
        `<ResponseMetadata><RequestId>${req.requestId}</RequestId></ResponseMetadata></${op.name}Response>`;
      return { status: 200, headers: { 'content-type': 'text/xml' }, body };
    },
    encodeError(req, error): LocalResponse {
      const code = options.errorCodes?.get(error.code) ?? error.code;
      const body =
        `<ErrorResponse xmlns="${namespace}"><Error><Type>${error.fault}</Type><Code>${escapeXml(code)}</Code>` +
        `<Message>${escapeXml(error.message)}</Message></Error><RequestId>${req.requestId}</RequestId></ErrorResponse>`;
      return {
        status: error.status,
        headers: {
          'content-type': 'text/xml',
          'x-amzn-query-error': `${code};${error.fault}`,
          ...error.headers,
        },
        body,
      };
    },
  };
}
