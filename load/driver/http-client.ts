/**
 * @module
 * HTTP/1.1 requests over keep-alive connections (node:http), timed like k6's
 * `http_req_duration`: from the moment the request has a connected socket to the last byte of
 * the response, so connection set-up and pool waits are not counted as server latency.
 */
import { Agent, request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface HttpResult {
  /** 0 when no response arrived (connection error, timeout). */
  status: number;
  headers: IncomingHttpHeaders;
  /** Response body, only when asked for (setup reads JSON; the iterations need only the status). */
  body?: string;
  durationMs: number;
  error?: string;
}

export interface HttpRequest {
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: string;
  readBody?: boolean;
  signal?: AbortSignal;
}

/** k6's default request timeout. */
const REQUEST_TIMEOUT_MS = 60_000;

export class HttpClient {
  readonly agent: Agent;

  /** One socket per concurrent request is enough: a closed-model VU has at most one in flight. */
  constructor(maxSockets: number) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets, scheduling: 'lifo' });
  }

  send(req: HttpRequest): Promise<HttpResult> {
    return new Promise((resolve) => {
      let startedAt = performance.now();
      let settled = false;
      const finish = (result: HttpResult) => {
        if (settled) return;
        settled = true;
        resolve(result);
      };
      const headers: Record<string, string> = { ...req.headers };
      if (req.body !== undefined) headers['Content-Length'] = String(Buffer.byteLength(req.body));
      const outgoing = httpRequest(req.url, { method: req.method, headers, agent: this.agent, signal: req.signal, timeout: REQUEST_TIMEOUT_MS }, (res) => {
        const chunks: Buffer[] = [];
        if (req.readBody) res.on('data', (chunk: Buffer) => chunks.push(chunk));
        else res.resume();
        res.on('end', () => {
          finish({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: req.readBody ? Buffer.concat(chunks).toString('utf8') : undefined,
            durationMs: performance.now() - startedAt,
          });
        });
        res.on('error', (error) => finish({ status: 0, headers: {}, durationMs: performance.now() - startedAt, error: error.message }));
      });
      outgoing.on('socket', (socket) => {
        if (socket.connecting) socket.once('connect', () => { startedAt = performance.now(); });
        else startedAt = performance.now();
      });
      outgoing.on('timeout', () => outgoing.destroy(new Error(`timeout after ${REQUEST_TIMEOUT_MS} ms`)));
      outgoing.on('error', (error) => finish({ status: 0, headers: {}, durationMs: performance.now() - startedAt, error: error.message }));
      outgoing.end(req.body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}
