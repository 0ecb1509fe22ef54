import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../../src/core/canonical';
import { chainGenome, type Genome } from '../../../src/core/genome';
import type { GenerationSummary } from '../../../src/core/strategy';
import { buildResultFile } from '../../../src/cli/result-file';
import { loadDataset } from '../../../src/data/tasks';
import { nodeAssetReader } from '../../../src/data/node-assets';
import { defaultRunConfig } from '../../../src/state/config';
import { csvField, leaderboardCsv } from '../../../src/state/files/leaderboard-csv';
import { buildRunFile, readRunFile } from '../../../src/state/files/run-file';
import { buildGenomeFile, readGenomeFile } from '../../../src/state/files/genome-file';
import { starterGenome } from '../../../src/state/starter';
import type { EvaluatedCandidate } from '../../../src/workers/coordinator';
import type { RunConfig } from '../../../src/workers/run-config';

function evaluated(id: string, genome: Genome, fitness: number, evaluation: number): EvaluatedCandidate {
  return {
    candidate: { id, generation: Number(id[1]), genome, hash: canonicalHash(genome), origin: { type: 'random' } },
    metrics: {
      fitness,
      validationLoss: 0.4,
      validationAccuracy: fitness,
      testLoss: 0.5,
      testAccuracy: fitness - 0.01,
      trainLoss: [0.9, 0.6],
      params: 0,
      flops: 0,
      epochs: 2,
      trainMs: 1500,
      backend: 'wasm',
    },
    fitness,
    reused: false,
    worker: 0,
    evaluation,
    finishedAt: evaluation * 100,
  };
}

const GENERATIONS: GenerationSummary[] = [
  { generation: 0, populations: [{ name: 'networks', best: 0.8, mean: 0.6, worst: 0.5, size: 2, species: [{ id: 0, size: 2, bestFitness: 0.8, meanFitness: 0.6 }] }] },
];

function sampleRun() {
  const config: RunConfig = { ...defaultRunConfig('xor'), seedGenome: starterGenome('xor') };
  const a = evaluated('g0-0', chainGenome([{ kind: 'dense', params: { units: 4, activation: 'relu' } }]), 0.8, 1);
  const b = evaluated('g0-1', chainGenome([{ kind: 'dense', params: { units: 6, activation: 'tanh' } }]), 0.7, 2);
  return { config, candidates: [a, b] };
}

describe('run file', () => {
  it('round-trips a run', () => {
    const { config, candidates } = sampleRun();
    const file = buildRunFile({ config, status: 'completed', message: null, elapsedMs: 4200, startedAt: new Date('2026-01-02T03:04:05Z'), evaluations: candidates, generations: GENERATIONS, best: candidates[0], final: null, counts: null });
    const read = readRunFile(JSON.stringify(file));
    if (!read.ok) throw new Error(read.error);

    expect(read.notes).toEqual([]);
    expect(read.run.config).toEqual(config);
    expect(read.run.status).toBe('completed');
    expect(read.run.startedAt).toBe(Date.parse('2026-01-02T03:04:05Z'));
    expect(read.run.generations).toEqual(GENERATIONS);
    expect(read.run.candidates.map((c) => [c.candidate.id, c.candidate.hash, c.fitness, c.evaluation])).toEqual(candidates.map((c) => [c.candidate.id, c.candidate.hash, c.fitness, c.evaluation]));
    expect(read.run.candidates[0].metrics?.params).toBe(2 * 4 + 4 + 4 * 2 + 2);
  });

  it('keeps the final network', () => {
    const { config, candidates } = sampleRun();
    const final = { ...evaluated('g0-0', candidates[0].candidate.genome, 0.9, 3), candidate: { ...candidates[0].candidate, id: 'g0-0-final' } };
    const file = buildRunFile({ config, status: 'completed', message: null, elapsedMs: 4200, startedAt: new Date(), evaluations: candidates, generations: GENERATIONS, best: candidates[0], final, counts: null });
    const read = readRunFile(JSON.stringify(file));
    if (!read.ok) throw new Error(read.error);

    expect(read.notes).toEqual([]);
    expect(read.run.final?.candidate.id).toBe('g0-0-final');
    expect(read.run.final?.fitness).toBe(0.9);
    expect(read.run.final?.metrics?.testAccuracy).toBeCloseTo(0.89);
  });

  it('keeps regression scores', () => {
    const { config, candidates } = sampleRun();
    const metrics = { ...candidates[0].metrics!, validationAccuracy: null, testAccuracy: null, validationR2: 0.75, testR2: -0.4 };
    const file = buildRunFile({ config, status: 'completed', message: null, elapsedMs: 10, startedAt: new Date(), evaluations: [{ ...candidates[0], metrics }], generations: [], best: null, final: null, counts: null });
    const read = readRunFile(JSON.stringify(file));
    if (!read.ok) throw new Error(read.error);

    expect(read.run.candidates[0].metrics?.validationR2).toBe(0.75);
    expect(read.run.candidates[0].metrics?.testR2).toBe(-0.4);
  });

  it('notes values it changed or dropped', () => {
    const { config, candidates } = sampleRun();
    const file = buildRunFile({ config, status: 'completed', message: null, elapsedMs: 10, startedAt: new Date(), evaluations: candidates, generations: GENERATIONS, best: null, final: null, counts: null });
    const edited = JSON.parse(JSON.stringify(file)) as { candidates: { metrics: Record<string, unknown> }[]; generations: unknown[] };
    edited.candidates[0].metrics.validationAccuracy = 5;
    edited.candidates[1].metrics.backend = 'tpu';
    edited.generations.push({ generation: 'one' });
    const read = readRunFile(JSON.stringify(edited));
    if (!read.ok) throw new Error(read.error);
    const text = read.notes.map((note) => `${note.field}: ${note.reason}`).join('\n');

    expect(text).toMatch(/candidates\[0\]\.metrics\.validationAccuracy: 5 is outside 0 to 1; 1 was used\./);
    expect(text).toMatch(/candidates\[1\]\.metrics\.backend: names no backend \("tpu"\); it reads as cpu\./);
    expect(text).toMatch(/generations: 1 of 2 summaries lack a whole generation number or a populations list; they were skipped\./);

    const notList = readRunFile(JSON.stringify({ ...edited, candidates: { first: 1 } }));
    if (!notList.ok) throw new Error(notList.error);
    expect(notList.run.candidates).toEqual([]);
    expect(notList.notes.map((note) => `${note.field}: ${note.reason}`)).toContain('candidates: must be a list of candidates, got an object; no candidates were read.');
  });

  it('caps the notes of a file with many edited candidates', () => {
    const { config, candidates } = sampleRun();
    const many = Array.from({ length: 100 }, (_, i) => ({ ...candidates[0], candidate: { ...candidates[0].candidate, id: `g0-${i}` }, evaluation: i + 1 }));
    const file = buildRunFile({ config, status: 'completed', message: null, elapsedMs: 10, startedAt: new Date(), evaluations: many, generations: [], best: null, final: null, counts: null });
    const edited = JSON.parse(JSON.stringify(file)) as { candidates: { metrics: Record<string, unknown> }[] };
    for (const candidate of edited.candidates) candidate.metrics.validationAccuracy = 5;
    const read = readRunFile(JSON.stringify(edited));
    if (!read.ok) throw new Error(read.error);

    expect(read.run.candidates).toHaveLength(100);
    expect(read.notes).toHaveLength(41);
    expect(read.notes.at(-1)).toEqual({ field: 'file', reason: '60 more values were ignored or changed.' });
  });

  it('reads the command line result file', async () => {
    const { config, candidates } = sampleRun();
    const dataset = await loadDataset(config.task, nodeAssetReader());
    const file = buildResultFile(config, { runId: 'cli', status: 'stopped', best: candidates[0], final: null, candidates, generations: GENERATIONS, elapsedMs: 10 }, dataset, ['wasm'], new Date());
    const read = readRunFile(JSON.stringify(file));
    if (!read.ok) throw new Error(read.error);

    expect(read.run.status).toBe('stopped');
    expect(read.run.candidates).toHaveLength(2);
    expect(read.run.candidates.map((c) => c.evaluation)).toEqual([1, 2]);
  });

  it('skips damaged candidates with a note', () => {
    const { config, candidates } = sampleRun();
    const file = buildRunFile({ config, status: 'completed', message: null, elapsedMs: 1, startedAt: new Date(), evaluations: candidates, generations: [], best: null, final: null, counts: null });
    const hostile = JSON.parse(JSON.stringify(file));
    hostile.candidates[1].genome.nodes[1].kind = 'conv2d';
    hostile.candidates.push('nonsense');
    hostile.config.search.population = 1e9;
    const read = readRunFile(JSON.stringify(hostile).replace('"tool"', '"__proto__":{"x":1},"tool"'));
    if (!read.ok) throw new Error(read.error);
    const notes = read.notes.map((note) => `${note.field}: ${note.reason}`).join('\n');

    expect(read.run.candidates).toHaveLength(1);
    expect(read.run.config.search.population).toBe(200);
    expect(notes).toMatch(/candidates\[1\]: has no valid network/);
    expect(notes).toMatch(/candidates\[2\]: is not a candidate/);
    expect(notes).toMatch(/__proto__: is a reserved name/);
  });

  const rejections: [string, string, RegExp][] = [
    ['text that is not JSON', '{', /not valid JSON/],
    ['another tool', '{"tool":"x","version":1}', /not a NAS Playground run file/],
    ['a newer version', '{"tool":"nas-playground","version":2}', /version 2; this app reads version 1/],
  ];
  for (const [name, source, message] of rejections) {
    it(`rejects ${name}`, () => {
      const read = readRunFile(source);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.error).toMatch(message);
    });
  }
});

describe('leaderboard CSV', () => {
  it('writes a header and one row per candidate', () => {
    const { candidates } = sampleRun();
    const lines = leaderboardCsv(candidates).trimEnd().split('\r\n');

    expect(lines[0]).toBe('rank,candidate,generation,fitness,validation_accuracy,test_accuracy,validation_r2,test_r2,params,flops,train_seconds,backend,status,architecture');
    expect(lines[1]).toMatch(/^1,g0-0,0,0\.8,0\.8,0\.79,,,0,0,1\.5,wasm,ok,/);
    expect(lines).toHaveLength(3);
  });

  it('fills the R² columns for a regression candidate', () => {
    const [first] = sampleRun().candidates;
    const regression = { ...first, metrics: { ...first.metrics!, validationAccuracy: null, testAccuracy: null, validationR2: 0.93, testR2: 0.91 } };
    const [, row] = leaderboardCsv([regression]).trimEnd().split('\r\n');
    expect(row).toMatch(/^1,g0-0,0,0\.8,,,0\.93,0\.91,0,0,/);
  });

  const fields: [string | number | null, string][] = [
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['say "hi"', '"say ""hi"""'],
    ['=SUM(A1)', "'=SUM(A1)"],
    [Number.NaN, ''],
    [null, ''],
  ];
  for (const [value, written] of fields) {
    it(`quotes ${JSON.stringify(value)} as ${written}`, () => {
      expect(csvField(value)).toBe(written);
    });
  }
});

describe('genome file', () => {
  it('round-trips an architecture', () => {
    const { candidates } = sampleRun();
    const context = { inputShape: [2], outputUnits: 2 };
    const read = readGenomeFile(JSON.stringify(buildGenomeFile(candidates[0], 'xor', context)), context);
    if (!read.ok) throw new Error(read.errors.join('\n'));
    expect(read.genome).toEqual(candidates[0].candidate.genome);
  });

  it('rejects a network that does not fit the task', () => {
    const read = readGenomeFile(JSON.stringify(chainGenome([{ kind: 'conv2d' }])), { inputShape: [2], outputUnits: 2 });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors.join('\n')).toMatch(/Conv2D expects a 3D input/);
  });

  it('names the node of an unknown layer kind and the kinds there are', () => {
    const genome = chainGenome([{ kind: 'dense' }]);
    const broken = { nodes: genome.nodes.map((node) => (node.kind === 'dense' ? { ...node, kind: 'dense2' } : node)) };
    const read = readGenomeFile(JSON.stringify(broken), { inputShape: [2], outputUnits: 2 });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.errors.join('\n')).toMatch(/^genome\.nodes\[1\] has the unknown layer kind "dense2"; the kinds are input, output, dense, /);
  });
});
