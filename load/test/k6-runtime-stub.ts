/**
 * @module
 * Just enough of k6's modules to execute the generated script in Node: `http.request` answers
 * from a handler and records each call, `sleep` and `check` record, `Trend.add` records.
 * The script is bundled with esbuild, its `k6*` imports pointed at this stub.
 */
export interface StubResponse {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface RecordedRequest {
  method: string;
  url: string;
  body: string | null;
  params: { headers: Record<string, string>; tags: Record<string, string>; responseCallback: { expected: number[] } };
}

export interface K6Stub {
  requests: RecordedRequest[];
  sleeps: number[];
  trendSamples: Array<{ metric: string; value: number; tags: Record<string, string> }>;
  checks: Array<{ names: string[]; tags: Record<string, string> | undefined }>;
  respond: (req: RecordedRequest) => StubResponse;
}

/** On globalThis, because the bundled script holds its own copy of this module. */
const holder = globalThis as { __k6Stub?: K6Stub };
export function resetStub(respond: K6Stub['respond']): K6Stub {
  holder.__k6Stub = { requests: [], sleeps: [], trendSamples: [], checks: [], respond };
  return holder.__k6Stub;
}
function current(): K6Stub {
  if (!holder.__k6Stub) throw new Error('resetStub() first');
  return holder.__k6Stub;
}

export const http = {
  request(method: string, url: string, body: string | null, params: RecordedRequest['params']) {
    const req = { method, url, body, params };
    current().requests.push(req);
    const res = current().respond(req);
    return {
      status: res.status,
      headers: res.headers ?? {},
      body: JSON.stringify(res.body ?? null),
      timings: { duration: 12.5 },
      json: (field: string) => (res.body as Record<string, unknown>)[field],
    };
  },
  expectedStatuses: (...expected: number[]) => ({ expected }),
};

export function sleep(seconds: number): void {
  current().sleeps.push(seconds);
}

export function check(_value: unknown, sets: Record<string, unknown>, tags?: Record<string, string>): boolean {
  current().checks.push({ names: Object.keys(sets), tags });
  return true;
}

export class Trend {
  constructor(readonly name: string, readonly isTime?: boolean) {}
  add(value: number, tags: Record<string, string>): void {
    current().trendSamples.push({ metric: this.name, value, tags });
  }
}

/** `import http from 'k6/http'` is a default import. */
export default http;
