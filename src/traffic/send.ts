// Drives the ingest API: posts events with bounded concurrency over keep-alive connections and
// records each request's latency in an HDR histogram (accurate p99 without keeping every sample).

import { Agent, request } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import * as hdr from 'hdr-histogram-js';

export interface SentRecord {
  id: string;
  body: Record<string, unknown>;
}

export interface SendFailure {
  index: number;
  status: number;
  /** The API's error (`{ error: { code, message } }`) or the network error's text. */
  message: string;
}

export interface SendResult {
  sent: number;
  accepted: SentRecord[];
  failures: SendFailure[];
  durationMs: number;
  eventsPerSecond: number;
  latencyMs: { p50: number; p95: number; p99: number; max: number };
}

export interface SendOptions {
  url: string;
  headers: Record<string, string>;
  /** The body of the i-th request. */
  body: (index: number) => Record<string, unknown>;
  count: number;
  concurrency: number;
  onProgress?: (done: number, total: number) => void;
}

export interface RawResponse {
  status: number;
  text: string;
}

/** One POST over the given agent (keep-alive for send's load; undefined = Node's default). */
export function post(
  url: URL,
  agent: Agent | undefined,
  headers: Record<string, string>,
  payload: string,
): Promise<RawResponse> {
  const send = url.protocol === 'https:' ? httpsRequest : request;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(payload) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

function errorText(res: RawResponse): string {
  try {
    const parsed = JSON.parse(res.text) as { error?: { code?: string; message?: string }; message?: string };
    if (parsed.error) return `${parsed.error.code}: ${parsed.error.message}`;
    if (parsed.message) return parsed.message;
  } catch {
    // Not JSON: show the raw text below.
  }
  return res.text.slice(0, 200) || `HTTP ${res.status}`;
}

function idOf(text: string): string | undefined {
  try {
    const id = (JSON.parse(text) as { id?: unknown } | null)?.id;
    return typeof id === 'string' && id !== '' ? id : undefined;
  } catch {
    return undefined;
  }
}

export async function sendEvents(options: SendOptions): Promise<SendResult> {
  const url = new URL(options.url);
  const concurrency = Math.max(1, Math.min(options.concurrency, options.count));
  const agent =
    url.protocol === 'https:'
      ? new HttpsAgent({ keepAlive: true, maxSockets: concurrency })
      : new Agent({ keepAlive: true, maxSockets: concurrency });
  // Microseconds, up to one minute per request.
  const histogram = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 60_000_000,
    numberOfSignificantValueDigits: 3,
  });
  const accepted: (SentRecord | undefined)[] = new Array(options.count);
  const failures: SendFailure[] = [];
  let next = 0;
  let done = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < options.count) {
      const index = next++;
      const body = options.body(index);
      const t0 = performance.now();
      try {
        const res = await post(url, agent as Agent, options.headers, JSON.stringify(body));
        histogram.recordValue(Math.max(1, Math.round((performance.now() - t0) * 1000)));
        const id = res.status === 201 ? idOf(res.text) : undefined;
        if (id !== undefined) {
          accepted[index] = { id, body };
        } else if (res.status === 201) {
          // Accepted but unusable: without an id the event cannot be verified.
          failures.push({
            index,
            status: res.status,
            message: `answer has no id: ${res.text.slice(0, 200)}`,
          });
        } else {
          failures.push({ index, status: res.status, message: errorText(res) });
        }
      } catch (e) {
        failures.push({ index, status: 0, message: e instanceof Error ? e.message : String(e) });
      }
      done++;
      options.onProgress?.(done, options.count);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  const durationMs = performance.now() - started;
  const ms = (p: number) => histogram.getValueAtPercentile(p) / 1000;
  const result: SendResult = {
    sent: options.count,
    accepted: accepted.filter((r): r is SentRecord => r !== undefined),
    failures: failures.sort((a, b) => a.index - b.index),
    durationMs,
    eventsPerSecond: options.count / (durationMs / 1000),
    latencyMs: { p50: ms(50), p95: ms(95), p99: ms(99), max: histogram.maxValue / 1000 },
  };
  histogram.destroy();
  return result;
}
