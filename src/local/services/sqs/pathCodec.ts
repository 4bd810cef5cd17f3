// The query protocol may address a queue by POSTing to its URL (`/<account>/<name>`) with no
// QueueUrl parameter: this codec wrapper fills QueueUrl in from the path, for either protocol.

import type { OperationDef } from '../../protocol/schema.js';
import type { ProtocolCodec } from '../../protocol/types.js';
import { parseQueuePath } from './names.js';

const takesQueueUrl = new WeakMap<OperationDef, boolean>();

export function withQueueUrlFromPath(codec: ProtocolCodec, endpoint: () => string): ProtocolCodec {
  return {
    name: codec.name,
    async decode(req, operations) {
      const decoded = await codec.decode(req, operations);
      if (decoded.input.QueueUrl === undefined && parseQueuePath(req.path)) {
        let takes = takesQueueUrl.get(decoded.op);
        if (takes === undefined) {
          takes = [...decoded.op.input.structIterator()].some(([name]) => name === 'QueueUrl');
          takesQueueUrl.set(decoded.op, takes);
        }
        if (takes) decoded.input.QueueUrl = `${endpoint()}${req.path}`;
      }
      return decoded;
    },
    encode: (req, op, output) => codec.encode(req, op, output),
    encodeError: (req, error) => codec.encodeError(req, error),
  };
}
