import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildLoadModel } from '../../scripts/generate/emit-load-model.ts';
import { loadSpec } from '../../scripts/generate/spec-model.ts';
import { runLoad } from '../driver/run-load.ts';
import type { LoadModel } from '../model.ts';
import { repoRoot } from './k6-script.ts';

/** A stand-in API: the routes the scenario uses, list responses alternating X-Cache HIT and MISS. */
function fakeApi(options: { failVotes: boolean }) {
  const seen: string[] = [];
  let listed = 0;
  let nextId = 1;
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => { body += chunk.toString(); });
    req.on('end', () => {
      seen.push(`${req.method} ${req.url} ${req.headers.authorization ?? ''}`);
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
        res.end(JSON.stringify(payload));
      };
      if (req.url === '/api/v1/ws/admin/boards' && req.method === 'POST') {
        if (req.headers.authorization !== 'Bearer key') return send(401, {});
        return send(201, { slug: (JSON.parse(body) as { slug: string }).slug });
      }
      if (/\/votes$/.test(req.url ?? '')) return options.failVotes ? send(500, {}) : send(200, {});
      if (req.method === 'POST') return send(201, { id: nextId++ });
      listed += 1;
      return send(200, [], { 'X-Cache': listed % 2 === 0 ? 'HIT' : 'MISS' });
    });
  });
  return { server, seen };
}

/** The generated scenario, shortened: brief think times, a one-second profile. */
function quickModel(): LoadModel {
  const model = buildLoadModel(loadSpec(join(repoRoot, 'spec', 'openapi.yaml')));
  return {
    ...model,
    iteration: model.iteration.map((s) => ({ ...s, weight: 1, thinkTimeSeconds: 0.02 })),
    profiles: {
      ...model.profiles,
      smoke: { ...model.profiles.smoke, stages: [{ durationSeconds: 0.5, target: 4 }, { durationSeconds: 0.5, target: 0 }], gracefulRampDownSeconds: 1, gracefulStopSeconds: 1 },
    },
  };
}

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the Node load driver', () => {
  const healthy = fakeApi({ failVotes: false });
  const failing = fakeApi({ failVotes: true });
  let healthyUrl = '';
  let failingUrl = '';
  beforeAll(async () => {
    healthyUrl = await listen(healthy.server);
    failingUrl = await listen(failing.server);
  });
  afterAll(() => {
    healthy.server.close();
    failing.server.close();
  });

  const run = (baseUrl: string) =>
    runLoad({ model: quickModel(), profile: 'smoke', baseUrl, durationScale: 1, workspace: 'ws', adminKey: 'key', progress: false });

  it('creates its data, runs every operation per iteration, splits the cache, passes its thresholds', async () => {
    const report = await run(healthyUrl);
    expect(healthy.seen[0]).toMatch(/^POST \/api\/v1\/ws\/admin\/boards Bearer key$/);
    expect(report.setup.board).toMatch(/^load-/);
    expect(report.maxVus).toBe(4);
    const list = report.operations.listFeedback!;
    expect(list.requests).toBeGreaterThan(4);
    expect(list.cached!.requests + list.uncached!.requests).toBe(list.requests);
    expect(list.cached!.requests).toBeGreaterThan(0);
    expect(list.uncached!.requests).toBeGreaterThan(0);
    expect(report.operations.voteFeedback!.requests).toBe(report.operations.listFeedback!.requests);
    expect(healthy.seen.some((line) => line.includes(`/ws/${report.setup.board}/feedback/${report.setup.id}/votes`))).toBe(true);
    expect(report.totals.failed).toBe(0);
    expect(report.thresholds.every((t) => t.samples > 0)).toBe(true);
    expect(report.passed).toBe(true);
  });

  it('fails the run when an operation breaks its error budget', async () => {
    const report = await run(failingUrl);
    const vote = report.thresholds.find((t) => t.metric === 'http_req_failed{name:voteFeedback}')!;
    expect(vote).toMatchObject({ ok: false, enforced: true, value: 1 });
    expect(report.operations.voteFeedback!.errorRate).toBe(1);
    expect(report.passed).toBe(false);
  });
});
