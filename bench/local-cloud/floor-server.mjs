// The floor: a bare node:http server that answers every request at once with just enough for the
// SDK to accept the answer. Node built-ins only, so it starts as fast as a bare Node server can.

import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';

/** The floor's ReceiveMessage answer: always 10 messages of 256 B (the SQS client checks their MD5s). */
const FLOOR_RECEIVE = JSON.stringify({
  Messages: Array.from({ length: 10 }, (_, i) => ({
    MessageId: randomUUID(),
    ReceiptHandle: `floor-${i}`,
    Body: 'x'.repeat(256),
    MD5OfBody: createHash('md5').update('x'.repeat(256)).digest('hex'),
  })),
});

/** Listens on a free loopback port and prints `ready <endpoint>`. */
export function bareServer() {
  const server = http.createServer({ keepAliveTimeout: 65_000 }, (req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      let body = '{}';
      if (target.endsWith('.SendMessage')) {
        // The SQS client checks the body's MD5, so even the floor has to compute it.
        const { MessageBody } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const md5 = createHash('md5').update(MessageBody).digest('hex');
        body = JSON.stringify({ MessageId: randomUUID(), MD5OfMessageBody: md5 });
      } else if (target.endsWith('.ReceiveMessage')) {
        body = FLOOR_RECEIVE;
      } else if (target.endsWith('.DeleteMessageBatch')) {
        const { Entries } = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        body = JSON.stringify({ Successful: Entries.map(({ Id }) => ({ Id })), Failed: [] });
      } else if (target.endsWith('.PutEvents')) {
        body = JSON.stringify({ FailedEntryCount: 0, Entries: [{ EventId: randomUUID() }] });
      }
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    process.stdout.write(`ready http://127.0.0.1:${server.address().port}\n`);
  });
  process.on('SIGTERM', () => process.exit(0));
}
