import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { emitK6 } from '../../scripts/generate/emit-k6.ts';
import { buildLoadModel, emitLoadModel } from '../../scripts/generate/emit-load-model.ts';
import { loadSpec } from '../../scripts/generate/spec-model.ts';
import { loadModelSchema } from '../model.ts';
import { repoRoot } from './k6-script.ts';

type Doc = { paths: Record<string, Record<string, Record<string, unknown>>> };

/** The repository's spec with an edit applied, as a model the generator would read. */
function editedSpec(edit: (doc: Doc) => void) {
  const doc = parse(readFileSync(join(repoRoot, 'spec', 'openapi.yaml'), 'utf8')) as Doc;
  edit(doc);
  const path = join(mkdtempSync(join(tmpdir(), 'spec-')), 'openapi.yaml');
  writeFileSync(path, stringify(doc));
  return loadSpec(path);
}

const modelInScript = (script: string) => {
  const match = /const model = \/\*\* @type \{LoadModel\} \*\/ \(([\s\S]*?)\);\n/.exec(script);
  if (!match) throw new Error('no inlined model');
  return loadModelSchema.parse(JSON.parse(match[1]!));
};

describe('load model generation', () => {
  it('the committed model validates and is what the spec generates', () => {
    const committed = readFileSync(join(repoRoot, 'load', 'model.generated.json'), 'utf8');
    expect(loadModelSchema.safeParse(JSON.parse(committed)).success).toBe(true);
    expect(committed).toBe(emitLoadModel(loadSpec(join(repoRoot, 'spec', 'openapi.yaml'))));
  });

  it('the k6 script inlines exactly the model the driver reads', () => {
    const spec = loadSpec(join(repoRoot, 'spec', 'openapi.yaml'));
    expect(modelInScript(emitK6(spec))).toEqual(buildLoadModel(spec));
  });

  it('changing an x-slo target changes the threshold in the driver model and the k6 script', () => {
    const spec = editedSpec((doc) => {
      doc.paths['/api/v1/{workspace}/{board}/feedback/{id}/votes']!.post!['x-slo'] = { p95Ms: 123, errorRate: 0.005 };
    });
    for (const model of [buildLoadModel(spec), modelInScript(emitK6(spec))]) {
      const vote = model.thresholds.filter((t) => t.metric.includes('name:voteFeedback'));
      expect(vote.map((t) => [t.metric, t.expression])).toEqual([
        ['http_req_duration{name:voteFeedback}', 'p(95)<123'],
        ['http_req_failed{name:voteFeedback}', 'rate<0.005'],
      ]);
    }
  });

  it('adding x-load to an operation adds it to the scenario, with its thresholds', () => {
    const spec = editedSpec((doc) => {
      doc.paths['/api/v1/{workspace}/{board}/feedback/{id}']!.get!['x-load'] = { weight: 0.5, thinkTime: 0.25 };
    });
    for (const model of [buildLoadModel(spec), modelInScript(emitK6(spec))]) {
      expect(model.iteration.find((s) => s.operationId === 'getFeedback')).toMatchObject({
        method: 'GET', path: '/api/v1/{workspace}/{board}/feedback/{id}', weight: 0.5, thinkTimeSeconds: 0.25, cacheable: true, expectedStatuses: [200],
      });
      expect(model.thresholds.map((t) => t.metric)).toContain('op_duration{name:getFeedback,cache:hit}');
    }
  });

  it('an x-load operation whose path or body needs an unknown variable is a generation error', () => {
    const spec = editedSpec((doc) => {
      doc.paths['/api/v1/{workspace}/{board}/feedback']!.post!['x-load'] = { weight: 0.1, thinkTime: 0, body: { title: '{nobody}' } };
    });
    expect(() => buildLoadModel(spec)).toThrow(/\{nobody\} is not a load-run variable/);
  });
});
