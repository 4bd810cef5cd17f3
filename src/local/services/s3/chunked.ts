// Decodes `aws-chunked` request bodies (SigV4 streaming uploads and the SDK's trailing checksums):
//   <hex-size>[;chunk-signature=…]\r\n<bytes>\r\n … 0[;…]\r\n[<trailer>:<value>\r\n]*\r\n
// Chunk signatures are not verified (the local cloud does not check credentials).

import type { IncomingHttpHeaders } from 'node:http';
import { AwsServiceError } from '../../errors.js';
import { incompleteBody } from './errors.js';

/** True when the body is aws-chunked: a STREAMING-* payload hash or the content encoding says so. */
export function isAwsChunked(headers: IncomingHttpHeaders): boolean {
  const sha = headers['x-amz-content-sha256'];
  if (typeof sha === 'string' && sha.startsWith('STREAMING-')) return true;
  const encoding = headers['content-encoding'];
  return typeof encoding === 'string' && encoding.split(',').some((e) => e.trim() === 'aws-chunked');
}

/** The Content-Encoding to store: aws-chunked is a transfer detail S3 strips. */
export function storedContentEncoding(encoding: string | undefined): string | undefined {
  if (encoding === undefined) return undefined;
  const rest = encoding
    .split(',')
    .map((e) => e.trim())
    .filter((e) => e !== '' && e !== 'aws-chunked');
  return rest.length > 0 ? rest.join(',') : undefined;
}

const MAX_LINE = 4096;
const malformed = (): AwsServiceError =>
  new AwsServiceError('InvalidRequest', 'The aws-chunked request body is malformed', 400);

export class AwsChunkedDecoder {
  /** Trailing headers (lower-cased names), available once decoding has finished. */
  readonly trailers: Record<string, string> = {};
  private state: 'size' | 'data' | 'crlf' | 'trailer' | 'done' = 'size';
  private remaining = 0;
  private line = '';

  async *decode(source: AsyncIterable<Buffer> | Iterable<Buffer>): AsyncGenerator<Buffer> {
    for await (const chunk of source) {
      let pos = 0;
      while (pos < chunk.length) {
        if (this.state === 'data') {
          const take = Math.min(this.remaining, chunk.length - pos);
          yield chunk.subarray(pos, pos + take);
          pos += take;
          this.remaining -= take;
          if (this.remaining === 0) this.state = 'crlf';
          continue;
        }
        if (this.state === 'done') {
          pos = chunk.length;
          continue;
        }
        // Line-oriented states: size lines, the CRLF after data, trailer lines.
        const nl = chunk.indexOf(0x0a, pos);
        const end = nl === -1 ? chunk.length : nl + 1;
        this.line += chunk.toString('latin1', pos, end);
        pos = end;
        if (this.line.length > MAX_LINE) throw malformed();
        if (nl === -1) continue;
        const text = this.line.replace(/\r?\n$/, '');
        this.line = '';
        this.onLine(text);
      }
    }
    // Some encoders omit the blank line after the trailers; the zero-size chunk already ended the data.
    if (this.state !== 'done' && !(this.state === 'trailer' && this.line === '')) throw incompleteBody();
  }

  private onLine(text: string): void {
    switch (this.state) {
      case 'crlf':
        if (text !== '') throw malformed();
        this.state = 'size';
        return;
      case 'size': {
        const size = Number.parseInt(text.split(';', 1)[0].trim(), 16);
        if (!Number.isFinite(size) || size < 0) throw malformed();
        if (size === 0) this.state = 'trailer';
        else {
          this.remaining = size;
          this.state = 'data';
        }
        return;
      }
      case 'trailer': {
        if (text === '') {
          this.state = 'done';
          return;
        }
        const colon = text.indexOf(':');
        if (colon <= 0) throw malformed();
        this.trailers[text.slice(0, colon).trim().toLowerCase()] = text.slice(colon + 1).trim();
        return;
      }
      default:
        return;
    }
  }
}
