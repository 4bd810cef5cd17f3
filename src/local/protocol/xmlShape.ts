// Converts between XML and SDK-typed values by walking the SDK's schema (xmlName, xmlFlattened,
// wrapped lists and maps): used by the restXml (S3) and query (IAM, STS) codecs.

import type { NormalizedSchema } from '@smithy/core/schema';
import { XMLParser } from 'fast-xml-parser';
import { AwsServiceError } from '../errors.js';
import { formatTimestamp, parseTimestamp, timestampFormat } from './schema.js';

const parser = new XMLParser({
  ignoreAttributes: true,
  parseTagValue: false,
  trimValues: false,
  removeNSPrefix: true,
  processEntities: true,
});

/** Parses an XML document; malformed XML is S3's MalformedXML, never a crash. */
export function parseXml(text: string): Record<string, unknown> {
  try {
    const doc = parser.parse(text, true) as Record<string, unknown>;
    delete doc['?xml'];
    return doc;
  } catch {
    throw new AwsServiceError(
      'MalformedXML',
      'The XML you provided was not well-formed or did not validate against our published schema',
      400,
    );
  }
}

export const escapeXml = (text: string): string =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!,
  );

const xmlNameOf = (name: string, schema: NormalizedSchema): string => {
  const n = schema.getMergedTraits().xmlName;
  return typeof n === 'string' ? n : name;
};

const asArray = (v: unknown): unknown[] => (v === undefined || v === '' ? [] : Array.isArray(v) ? v : [v]);

/** Parsed XML node → the SDK's shape for `schema`. */
export function fromXml(schema: NormalizedSchema, node: unknown): unknown {
  if (node === undefined || node === null) return undefined;
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    const source = typeof node === 'object' ? (node as Record<string, unknown>) : {};
    const out: Record<string, unknown> = {};
    for (const [name, member] of schema.structIterator()) {
      const key = xmlNameOf(name, member);
      if (member.isListSchema() && member.getMergedTraits().xmlFlattened) {
        if (source[key] === undefined) continue;
        out[name] = asArray(source[key]).map((item) => fromXml(member.getValueSchema(), item));
        continue;
      }
      if (member.isMapSchema() && member.getMergedTraits().xmlFlattened) {
        if (source[key] === undefined) continue;
        out[name] = mapFromEntries(member, asArray(source[key]));
        continue;
      }
      const v = fromXml(member, source[key]);
      if (v !== undefined) out[name] = v;
    }
    return out;
  }
  if (schema.isListSchema()) {
    const item = schema.getValueSchema();
    const itemName = xmlNameOf('member', item);
    const wrapper = typeof node === 'object' ? (node as Record<string, unknown>)[itemName] : undefined;
    return asArray(wrapper).map((v) => fromXml(item, v));
  }
  if (schema.isMapSchema()) {
    const entries = typeof node === 'object' ? asArray((node as Record<string, unknown>).entry) : [];
    return mapFromEntries(schema, entries);
  }
  return fromScalarText(schema, typeof node === 'object' ? '' : String(node));
}

/** Map entries (`<entry>` children, or the repeated elements of a flattened map) → a record. */
function mapFromEntries(schema: NormalizedSchema, entries: unknown[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const keyName = xmlNameOf('key', schema.getKeySchema());
  const valueName = xmlNameOf('value', schema.getValueSchema());
  for (const entry of entries as Record<string, unknown>[]) {
    out[String(entry[keyName])] = fromXml(schema.getValueSchema(), entry[valueName]);
  }
  return out;
}

/** A scalar carried as text (XML, query strings, HTTP headers) → its typed value. */
export function fromScalarText(schema: NormalizedSchema, text: string): unknown {
  if (schema.isBooleanSchema()) return text === 'true';
  if (schema.isNumericSchema()) {
    const n = Number(text);
    if (text === '' || Number.isNaN(n)) {
      throw new AwsServiceError('ValidationError', `Value '${text}' is not a valid number`, 400);
    }
    return n;
  }
  if (schema.isTimestampSchema()) return parseTimestamp(text);
  if (schema.isBlobSchema()) return new Uint8Array(Buffer.from(text, 'base64'));
  return text;
}

/** The SDK's shape → XML elements (without the enclosing element). */
export function toXmlBody(schema: NormalizedSchema, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (schema.isStructSchema() || schema.isUnionSchema()) {
    const source = value as Record<string, unknown>;
    let out = '';
    for (const [name, member] of schema.structIterator()) {
      const v = source[name];
      if (v === undefined || v === null) continue;
      const traits = member.getMergedTraits();
      if (traits.httpHeader || traits.httpResponseCode || traits.httpPrefixHeaders || traits.httpPayload)
        continue;
      const key = xmlNameOf(name, member);
      if (member.isListSchema() && traits.xmlFlattened) {
        for (const item of v as unknown[]) out += element(key, toXmlBody(member.getValueSchema(), item));
      } else if (member.isMapSchema() && traits.xmlFlattened) {
        // Flattened maps repeat the member's element per entry (SQS `<Attribute><Name/><Value/></Attribute>`).
        for (const entry of Object.entries(v as Record<string, unknown>))
          out += element(key, mapEntryBody(member, entry));
      } else {
        out += element(key, toXmlBody(member, v));
      }
    }
    return out;
  }
  if (schema.isListSchema()) {
    const item = schema.getValueSchema();
    const itemName = xmlNameOf('member', item);
    return (value as unknown[]).map((v) => element(itemName, toXmlBody(item, v))).join('');
  }
  if (schema.isMapSchema()) {
    return Object.entries(value as Record<string, unknown>)
      .map((entry) => element('entry', mapEntryBody(schema, entry)))
      .join('');
  }
  return escapeXml(toScalarText(schema, value));
}

const mapEntryBody = (schema: NormalizedSchema, [k, v]: [string, unknown]): string =>
  element(xmlNameOf('key', schema.getKeySchema()), escapeXml(k)) +
  element(xmlNameOf('value', schema.getValueSchema()), toXmlBody(schema.getValueSchema(), v));

export function toScalarText(schema: NormalizedSchema, value: unknown): string {
  if (schema.isTimestampSchema()) return String(formatTimestamp(value, timestampFormat(schema, 'date-time')));
  if (schema.isBlobSchema()) return Buffer.from(value as Uint8Array).toString('base64');
  return String(value);
}

const element = (name: string, inner: string): string => `<${name}>${inner}</${name}>`;
