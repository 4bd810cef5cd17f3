// restXml (S3): URI-template routing like restJson, XML documents, and S3's `<Error>` bodies.

import { type BodyFormat, restDecoder, writeOutput } from './httpBindings.js';
import type { LocalResponse, ProtocolCodec, RestRouting } from './types.js';
import { escapeXml, fromXml, parseXml, toXmlBody } from './xmlShape.js';

const XML_DECL = '<?xml version="1.0" encoding="UTF-8"?>\n';

const rootValue = (doc: Record<string, unknown>): unknown => Object.values(doc)[0];

export function xmlBodyFormat(namespace: string): BodyFormat {
  const rootName = (schema: { getMergedTraits(): Record<string, unknown>; getName(): string | undefined }) =>
    String(schema.getMergedTraits().xmlName ?? schema.getName() ?? 'Result');
  return {
    contentType: 'application/xml',
    readDocument: (schema, body) =>
      (fromXml(schema, rootValue(parseXml(body.toString('utf8')))) ?? {}) as Record<string, unknown>,
    writeDocument(schema, value) {
      const name = rootName(schema);
      // A structure whose only member carries the root's own name is sent as that member's text
      // (S3 GetBucketLocation: `<LocationConstraint>eu-west-1</LocationConstraint>`).
      const members = [...schema.structIterator()];
      const inner =
        members.length === 1 && members[0][0] === name && !members[0][1].isStructSchema()
          ? toXmlBody(members[0][1], value[name])
          : toXmlBody(schema, value);
      return `${XML_DECL}<${name} xmlns="${namespace}">${inner}</${name}>`;
    },
    readStructPayload: (member, body) => fromXml(member, rootValue(parseXml(body.toString('utf8')))),
    writeStructPayload(member, value) {
      const name = rootName(member);
      return `${XML_DECL}<${name} xmlns="${namespace}">${toXmlBody(member, value)}</${name}>`;
    },
  };
}

export function restXmlCodec(namespace: string, routing: RestRouting = {}): ProtocolCodec {
  const format = xmlBodyFormat(namespace);
  return {
    name: 'restXml',
    decode: restDecoder(routing, format),
    encode: (_req, op, output): LocalResponse => writeOutput(op, output, format),
    encodeError(req, error): LocalResponse {
      const extra = Object.entries(error.extra)
        .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
        .join('');
      // HEAD and 304 responses carry no body, so S3 clients read the code from the status alone.
      const body =
        req.method === 'HEAD' || error.status === 304
          ? undefined
          : `${XML_DECL}<Error><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message>${extra}<RequestId>${req.requestId}</RequestId></Error>`;
      return { status: error.status, headers: { 'content-type': 'application/xml', ...error.headers }, body };
    },
  };
}
