import { describe, expect, it } from 'vitest';
import spec from '../../generated/spec.json';
import { api, createWorkspace, expectProblem, PLATFORM_TOKEN } from '../support/api.ts';
import { byOperation, stats, statsWhen } from './support.ts';

describe('getPerformanceStats', () => {
  it('needs a workspace key or the platform token', async () => {
    const ws = await createWorkspace();
    await expectProblem(await api('/api/v1/performance'), 401);
    await expectProblem(await api('/api/v1/performance', { key: 'fpk_unknown' }), 401);
    await expectProblem(await api('/api/v1/performance', { headers: { Authorization: 'Basic abc' } }), 401);
    const other = await createWorkspace();
    const forbidden = await expectProblem(await api(`/api/v1/performance?workspace=${other.slug}`, { key: ws.key }), 403);
    expect(forbidden.detail).toContain(other.slug);
  });

  it('gives a workspace key its own workspace only, and the platform token any or all', async () => {
    const a = await createWorkspace();
    const b = await createWorkspace();
    for (let i = 0; i < 3; i++) await api(`/api/v1/${a.slug}/${a.board}/feedback`);
    for (let i = 0; i < 5; i++) await api(`/api/v1/${b.slug}/${b.board}/feedback`);

    const own = await statsWhen('', (s) => byOperation(s).get('listFeedback')?.requests === 3, a.key);
    expect(own.workspace).toBe(a.slug);
    expect(own.source).toBe('d1');
    expect(byOperation(own).get('listFeedback')!.requests).toBe(3);
    expect((await stats(`workspace=${a.slug}`, a.key)).workspace).toBe(a.slug);

    const platformB = await statsWhen(`workspace=${b.slug}`, (s) => byOperation(s).get('listFeedback')?.requests === 5);
    expect(byOperation(platformB).get('listFeedback')!.requests).toBe(5);
    const everything = await stats('');
    expect(everything.workspace).toBeNull();
    expect(byOperation(everything).get('listFeedback')!.requests).toBeGreaterThanOrEqual(8);
  });

  it('reads 1h in minute buckets and 24h and 7d in hour buckets; other ranges are 400s', async () => {
    const ws = await createWorkspace();
    await api(`/api/v1/${ws.slug}/${ws.board}/feedback`);
    for (const [range, bucketSeconds, hours] of [['1h', 60, 1], ['24h', 3600, 24], ['7d', 3600, 168]] as const) {
      const s = await statsWhen(`range=${range}`, (r) => byOperation(r).has('listFeedback'), ws.key);
      expect(s.range).toBe(range);
      expect(s.bucketSeconds).toBe(bucketSeconds);
      const spanSeconds = (Date.parse(s.to) - Date.parse(s.from)) / 1000;
      expect(spanSeconds).toBeGreaterThan(hours * 3600 - bucketSeconds);
      expect(spanSeconds).toBeLessThanOrEqual(hours * 3600);
      expect(s.series.every((p) => (Date.parse(p.t) / 1000) % bucketSeconds === 0)).toBe(true);
      expect(byOperation(s).get('listFeedback')!.requests).toBe(1);
    }
    for (const bad of ['range=2h', 'range=', 'range=1H', 'operation=no-such-op', 'operation=notAnOperation', 'workspace=Not_A_Slug', 'extra=1']) {
      const problem = await expectProblem(await api(`/api/v1/performance?${bad}`, { key: ws.key }), 400);
      expect(problem.errors?.[0]?.path).toMatch(/^query\./);
    }
  });

  it('filters by operation and reports its x-slo with pass/fail', async () => {
    const ws = await createWorkspace();
    const list = `/api/v1/${ws.slug}/${ws.board}/feedback`;
    for (let i = 0; i < 4; i++) await api(list);
    await api(`/api/v1/${ws.slug}/admin/boards`, { key: ws.key });
    const s = await statsWhen(`operation=listFeedback&workspace=${ws.slug}`, (r) => byOperation(r).get('listFeedback')?.requests === 4, PLATFORM_TOKEN);
    expect(s.operations.map((o) => o.operation)).toEqual(['listFeedback']);
    expect(s.series.every((p) => p.operation === 'listFeedback')).toBe(true);
    const slo = s.operations[0]!.slo;
    const declared = spec.paths['/api/v1/{workspace}/{board}/feedback'].get['x-slo'];
    expect(slo.latency.map((l) => [l.scope, l.targetMs])).toEqual([['cached', declared.p95Ms.cached], ['uncached', declared.p95Ms.uncached]]);
    expect(slo.errorRateTarget).toBe(declared.errorRate);
    expect(slo.errorRate).toBe(0);
    expect(slo.met).toBe(slo.latency.every((l) => l.p95Ms === null || l.p95Ms <= l.targetMs));

    const admin = await stats(`operation=listBoards&workspace=${ws.slug}`);
    expect(admin.operations[0]!.slo.latency).toEqual([
      expect.objectContaining({ scope: 'all', targetMs: (spec as { 'x-slo': { p95Ms: number } })['x-slo'].p95Ms }),
    ]);
  });
});
