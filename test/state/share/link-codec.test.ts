import fc from 'fast-check';
import { deflateSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { defaultCandidateSet } from '../../../src/core/candidate-set';
import { analyzeGenome, chainGenome, type Genome } from '../../../src/core/genome';
import { LAYER_KINDS } from '../../../src/core/layers';
import { EARLY_STOPPING_RULES } from '../../../src/core/early-stopping';
import { MAX_DEPTH_RANGE } from '../../../src/core/exhaustive';
import { STRATEGY_NAMES } from '../../../src/core/strategy';
import { TASKS } from '../../../src/data/tasks';
import { MAX_TOY_SAMPLES } from '../../../src/data/toy';
import { TASK_IDS } from '../../../src/data/types';
import { BACKENDS, OPTIMIZERS } from '../../../src/train/types';
import { NUMERIC_FIELDS, defaultRunConfig, parseRunConfig, type NumericPath } from '../../../src/state/config';
import { shapeContextOf } from '../../../src/state/graph-context';
import { starterGenome } from '../../../src/state/starter';
import { KIND_CODES_V1 } from '../../../src/state/share/link-codes';
import { packShare } from '../../../src/state/share/link-format';
import {
  LINK_WARN_CHARS,
  MAX_INFLATED_BYTES,
  decodeShareFragment,
  encodeSharePayload,
  shareFragment,
  toBase64Url,
  type LinkDecodeResult,
} from '../../../src/state/share/link-codec';
import type { ShareState, SharedResult } from '../../../src/state/share/share-state';
import type { RunConfig } from '../../../src/workers/run-config';
import { typicalShare } from './fixtures';

/** Encodes `payload` as a v1 fragment does: JSON, raw DEFLATE, base64url. */
function fragmentOf(payload: unknown): string {
  return `s=${toBase64Url(deflateSync(new TextEncoder().encode(JSON.stringify(payload))))}`;
}

function rawFragment(text: string): string {
  return `s=${toBase64Url(deflateSync(new TextEncoder().encode(text)))}`;
}

function expectState(result: LinkDecodeResult): ShareState {
  if (result.kind !== 'state') throw new Error(`expected a state, got ${JSON.stringify(result)}`);
  return result.state;
}

function noteText(result: LinkDecodeResult): string {
  return result.notes.map((note) => `${note.field}: ${note.reason}`).join('\n');
}

/** Fails unless the decoded state is one the app could load and run. */
function expectUsable(result: LinkDecodeResult): void {
  expect(['none', 'state', 'error']).toContain(result.kind);
  if (result.kind === 'error') expect(result.error).toMatch(/\w/);
  if (result.kind !== 'state') return;
  const { config, graph, results } = result.state;
  expect(parseRunConfig(config).ok).toBe(true);
  const context = shapeContextOf(config);
  expect(analyzeGenome(graph, context).valid).toBe(true);
  for (const shared of results) expect(analyzeGenome(shared.genome, context).valid).toBe(true);
}

// ---- arbitraries ----------------------------------------------------------------------------

const numericValue = (path: NumericPath) => {
  const field = NUMERIC_FIELDS[path];
  return field.integer ? fc.integer({ min: field.min, max: field.max }) : fc.double({ min: field.min, max: field.max, noNaN: true });
};

const candidateSetFor = (config: RunConfig) => {
  const full = defaultCandidateSet(TASKS[config.task.id].inputShape);
  const learning = full.layers.filter((layer) => layer.kind === 'dense' || layer.kind === 'conv2d' || layer.kind === 'lstm');
  return fc.subarray(full.layers.filter((layer) => !learning.includes(layer))).chain((extra) =>
    fc.tuple(...[...learning, ...extra].map((layer) =>
      fc.record({
        kind: fc.constant(layer.kind),
        params: fc.constant(Object.fromEntries(Object.entries(layer.params).map(([name, values]) => [name, values.slice(0, 1 + (name.length % values.length))]))),
      }),
    )).map((layers) => ({ layers })),
  );
};

const configArbitrary: fc.Arbitrary<RunConfig> = fc.constantFrom(...TASK_IDS).chain((taskId) => {
  const numbers = Object.fromEntries((Object.keys(NUMERIC_FIELDS) as NumericPath[]).map((path) => [path, numericValue(path)]));
  return fc
    .record({
      numbers: fc.record(numbers),
      strategy: fc.constantFrom(...STRATEGY_NAMES),
      optimizer: fc.constantFrom(...OPTIMIZERS),
      backend: fc.constantFrom('auto' as const, ...BACKENDS),
      earlyStopping: fc.constantFrom(...EARLY_STOPPING_RULES),
    })
    .map(({ numbers: values, strategy, optimizer, backend, earlyStopping }) => {
      const base = defaultRunConfig(taskId);
      const n = values as Record<NumericPath, number>;
      const samples = TASKS[taskId].origin === 'generated' ? Math.min(n['task.samples'], MAX_TOY_SAMPLES) : n['task.samples'];
      return {
        ...base,
        task: { id: taskId, noise: n['task.noise'], samples, seed: n['task.seed'] },
        search: {
          ...base.search,
          strategy,
          generations: n['search.generations'],
          population: n['search.population'],
          modulePopulation: n['search.modulePopulation'],
          networksPerBlueprint: n['search.networksPerBlueprint'],
          maxModuleLayers: n['search.maxModuleLayers'],
          maxBlueprintSlots: n['search.maxBlueprintSlots'],
          seed: n['search.seed'],
          maxEvaluations: n['search.maxEvaluations'],
          sampleSize: n['search.sampleSize'],
          earlyStopping,
        },
        training: { epochs: n['training.epochs'], batchSize: n['training.batchSize'], learningRate: n['training.learningRate'], optimizer, maxTrainRows: n['training.maxTrainRows'] },
        backend,
        workers: n.workers,
        finalEpochs: n.finalEpochs,
        timeBudgetSeconds: n.timeBudgetSeconds,
      } satisfies RunConfig;
    })
    .chain((config) =>
      fc
        .tuple(candidateSetFor(config), fc.option(fc.integer({ min: MAX_DEPTH_RANGE.min, max: MAX_DEPTH_RANGE.max }), { nil: undefined }))
        .map(([candidateSet, maxDepth]) => ({ ...config, search: { ...config.search, candidateSet: maxDepth === undefined ? candidateSet : { ...candidateSet, maxDepth } } })),
    );
});

/** A valid network for any task: flatten first, so dense layers see a vector. */
const genomeArbitrary = fc.integer({ min: 0, max: 9 }).chain((length) =>
  fc.array(fc.tuple(fc.integer({ min: 1, max: 64 }), fc.constantFrom('relu', 'tanh', 'elu')), { minLength: length, maxLength: length }).map(
    (layers): Genome => chainGenome([{ kind: 'flatten' }, ...layers.map(([units, activation]) => ({ kind: 'dense' as const, params: { units, activation } }))]),
  ),
);

const shareArbitrary: fc.Arbitrary<ShareState> = fc
  .tuple(configArbitrary, genomeArbitrary, fc.array(fc.tuple(genomeArbitrary, fc.integer({ min: 0, max: 10_000 })), { maxLength: 10 }))
  .map(([config, graph, results]) => {
    const unique = new Map<string, [Genome, number]>();
    results.forEach(([genome, score], i) => unique.set(JSON.stringify(genome), [genome, score + i]));
    return {
      config,
      graph,
      results: [...unique.values()]
        .map(([genome, score], i) => ({
          id: `g${i}-${score % 50}`,
          genome,
          fitness: Math.min(1, score / 10_000),
          validationAccuracy: Math.min(1, score / 10_000),
          testAccuracy: null,
          trainMs: score,
          backend: 'cpu' as const,
        }))
        .sort((a, b) => b.fitness - a.fitness),
    };
  });

// ---- tests ----------------------------------------------------------------------------------

describe('share link round trip', () => {
  it('restores any valid setup exactly', () => {
    fc.assert(
      fc.property(shareArbitrary, (state) => {
        const result = decodeShareFragment(shareFragment(state));
        const decoded = expectState(result);
        expect(result.notes).toEqual([]);
        expect(decoded.config).toEqual(state.config);
        expect(decoded.graph).toEqual(state.graph);
        expect(decoded.results.map((r) => [r.id, r.fitness, r.genome])).toEqual(state.results.map((r) => [r.id, r.fitness, r.genome]));
      }),
      { numRuns: 300 },
    );
  });

  it('carries the data file\'s name', () => {
    const custom = defaultRunConfig('custom');
    const state = { ...typicalShare(), config: { ...custom, task: { ...custom.task, file: 'plants.csv' } }, graph: starterGenome('custom'), results: [] };
    const result = decodeShareFragment(shareFragment(state));

    expect(result.notes).toEqual([]);
    expect(expectState(result).config.task.file).toBe('plants.csv');
  });

  it('carries the data file\'s shape', () => {
    const custom = defaultRunConfig('custom');
    const fileShape = { kind: 'regression' as const, features: 8, outputs: 1 };
    const state = { ...typicalShare(), config: { ...custom, task: { ...custom.task, file: 'prices.csv', fileShape } }, graph: starterGenome('custom'), results: [] };
    const result = decodeShareFragment(shareFragment(state));

    expect(result.notes).toEqual([]);
    expect(expectState(result).config.task.fileShape).toEqual(fileShape);
  });

  it('ignores an invalid file shape', () => {
    const custom = defaultRunConfig('custom');
    const cases = [
      [{ kind: 'regression', features: 8, outputs: 3 }, /a regression file has 1 output, got 3/],
      [{ kind: 'ranking', features: 8, outputs: 1 }, /kind must be classification or regression, got ranking/],
      [{ kind: 'classification', features: 0.5, outputs: 2 }, /features must be a whole number from 1 to 100000, got 0\.5/],
      [{ kind: 'classification', features: 4 }, /outputs must be a whole number from 1 to 10000, got undefined/],
    ] as const;
    for (const [fileShape, reason] of cases) {
      const config = { ...custom, task: { ...custom.task, file: 'prices.csv', fileShape } } as unknown as RunConfig;
      const result = decodeShareFragment(shareFragment({ ...typicalShare(), config, graph: starterGenome('custom'), results: [] }));

      expect(expectState(result).config.task.fileShape).toBeUndefined();
      expect(expectState(result).config.task.file).toBe('prices.csv');
      expect(noteText(result)).toMatch(reason);
      expect(noteText(result)).toMatch(/the networks take the file's shape once it is chosen/);
    }
    const unnamed = { ...custom, task: { ...custom.task, fileShape: { kind: 'regression' as const, features: 2, outputs: 1 } } };
    const withoutName = decodeShareFragment(shareFragment({ ...typicalShare(), config: unnamed, graph: starterGenome('custom'), results: [] }));
    expect(expectState(withoutName).config.task.fileShape).toBeUndefined();
    expect(noteText(withoutName)).toMatch(/task\.fileShape: describes a data file, but no valid file name came with it; it was ignored\./);
    const xor = defaultRunConfig('xor');
    const onXor = decodeShareFragment(shareFragment({ ...typicalShare(), config: { ...xor, task: { ...xor.task, fileShape: { kind: 'regression', features: 2, outputs: 1 } } } }));
    expect(expectState(onXor).config.task.fileShape).toBeUndefined();
    expect(noteText(onXor)).toMatch(/task\.fileShape: describes a data file, but the task is xor; it was ignored\./);
  });

  it('carries a regression result\'s R²', () => {
    const config = defaultRunConfig('sin');
    const [first, second] = typicalShare().results;
    const regression = (result: SharedResult, validationR2: number, testR2: number): SharedResult => ({ ...result, fitness: Math.max(0, validationR2), validationAccuracy: null, testAccuracy: null, validationR2, testR2 });
    const results = [regression(first, 0.91234567, -0.25), regression(second, -0.4, 0.3)];
    const state = { ...typicalShare(), config, graph: starterGenome('sin'), positions: undefined, results };
    const decoded = expectState(decodeShareFragment(shareFragment(state)));

    expect(decoded.results.map((result) => [result.validationR2, result.testR2])).toEqual([
      [0.912346, -0.25],
      [-0.4, 0.3],
    ]);
  });

  it('reads no R² from a classification result', () => {
    const decoded = expectState(decodeShareFragment(shareFragment(typicalShare())));
    expect(decoded.results.every((result) => result.validationR2 === null && result.testR2 === null)).toBe(true);
    // Classification results keep their short form, with no fixed list and no R².
    expect(packShare(typicalShare()).b!.every((entry) => entry.length === 7)).toBe(true);
  });

  it('ignores a file name on another task', () => {
    const config = defaultRunConfig('xor');
    const state = { ...typicalShare(), config: { ...config, task: { ...config.task, file: 'plants.csv' } } };
    const result = decodeShareFragment(shareFragment(state));

    expect(expectState(result).config.task.file).toBeUndefined();
    expect(noteText(result)).toMatch(/task\.file: names a data file, but the task is xor; it was ignored\./);
  });

  it('keeps positions rounded to whole units', () => {
    const state = typicalShare();
    const decoded = expectState(decodeShareFragment(shareFragment(state)));
    for (const [id, at] of state.positions!) expect(decoded.positions?.get(id)).toEqual({ x: Math.round(at.x), y: Math.round(at.y) });
  });

  it('carries view options beside the payload', () => {
    const result = decodeShareFragment(`#${shareFragment(typicalShare(), { present: true, hide: ['palette', 'inspector'] })}`);
    expect(result.view).toEqual({ present: true, hide: ['palette', 'inspector'] });
  });

  it('fits a typical search in a short link', () => {
    const fragment = shareFragment(typicalShare());
    // A 12-layer graph with positions, the candidate set and 10 results of 4 to 9 layers.
    expect(fragment.length).toBeLessThan(LINK_WARN_CHARS - 100);
  });

  it('lists every registry kind in the v1 code table', () => {
    for (const kind of LAYER_KINDS) expect(KIND_CODES_V1).toContain(kind);
  });
});

describe('share link decoder', () => {
  it('never throws on random fragments', () => {
    const valid = shareFragment(typicalShare());
    const fragments = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.string({ unit: 'binary', maxLength: 100 }),
      fc.string({ unit: fc.constantFrom(...'ABCxyz019-_'.split('')), maxLength: 400 }).map((text) => `s=${text}`),
      fc.tuple(fc.integer({ min: 0, max: valid.length }), fc.integer({ min: 0, max: valid.length }), fc.string({ maxLength: 3 })).map(
        ([cut, at, insert]) => `${valid.slice(0, Math.max(cut, at))}${insert}${valid.slice(at + 1)}`,
      ),
      fc.jsonValue({ maxDepth: 4 }).map((json) => rawFragment(JSON.stringify(json))),
      fc.jsonValue({ maxDepth: 3 }).map((json) => fragmentOf({ v: 1, c: json, g: json, k: json, b: json })),
    );
    fc.assert(
      fc.property(fragments, (fragment) => {
        expectUsable(decodeShareFragment(fragment));
      }),
      { numRuns: 3000 },
    );
  });

  it('opens nothing from an empty fragment', () => {
    for (const fragment of ['', '#', '#present=1']) expect(decodeShareFragment(fragment).kind).toBe('none');
  });

  const errorCases: [string, string, RegExp][] = [
    ['truncated payload', shareFragment(typicalShare()).slice(0, 300), /cut short|damaged/],
    ['payload cut by one character', shareFragment(typicalShare()).slice(0, -1), /cut short|damaged/],
    ['empty payload', '#s=', /^The link has no data after "#s=": it was cut off when copied\. Copy the whole link again\.$/],
    ['malformed percent escape in a v0 link', 'config=%7B%22version%22%3A0%E0%A4%A', /malformed percent escape/],
    ['percent escape in a v1 payload', 's=ab%41cd', /characters that a share link never has/],
    ['NaN literal in the JSON', rawFragment('{"v":1,"c":{"p":NaN}}'), /not valid JSON/],
    ['payload that is not an object', fragmentOf([1, 2, 3]), /not a search setup/],
    ['payload from a newer version', fragmentOf({ v: 7, c: {} }), /version 7, newer than this app reads/],
    ['payload without a version', fragmentOf({ c: {} }), /no valid format version \(got none\), so this app cannot read it\. It may have been altered/],
    ['oversized fragment', `s=${'A'.repeat(40_000)}`, /above the 32,768 this app opens/],
  ];
  for (const [name, fragment, message] of errorCases) {
    it(`rejects ${name}`, () => {
      const result = decodeShareFragment(fragment);
      expect(result.kind).toBe('error');
      if (result.kind === 'error') expect(result.error).toMatch(message);
    });
  }

  it('leaves out results when the task is unknown', () => {
    const shared = typicalShare();
    const payload = packShare(shared) as { c: Record<string, unknown> };
    expect(shared.results.length).toBeGreaterThan(0);

    const result = decodeShareFragment(fragmentOf({ ...payload, c: { ...payload.c, t: 'mnist2' } }));
    const state = expectState(result);
    expect(state.config.task.id).toBe('spiral');
    expect(state.results).toEqual([]);
    expect(noteText(result)).toMatch(/results: were left out: they were found on another task than Spiral, the task used\./);
  });

  it('reports every cut length as cut short', () => {
    const fragment = shareFragment(typicalShare());
    for (let cut = 1; cut <= 8; cut++) {
      const result = decodeShareFragment(fragment.slice(0, -cut));
      expect(result.kind).toBe('error');
      if (result.kind === 'error') expect(result.error).toMatch(/cut short/);
    }
  });

  it('rejects a decompression bomb without inflating it', () => {
    const bomb = deflateSync(new Uint8Array(20 * 1024 * 1024).fill(32), { level: 9 });
    const fragment = `s=${toBase64Url(bomb)}`;
    expect(fragment.length).toBeLessThan(32_768);
    const result = decodeShareFragment(fragment);
    expect(result.kind).toBe('error');
    if (result.kind === 'error') expect(result.error).toMatch(new RegExp(`more than ${MAX_INFLATED_BYTES / 1024} KiB`));
  });

  it('clamps negative, huge and non-finite numbers', () => {
    const result = decodeShareFragment(rawFragment('{"v":1,"c":{"t":"xor","p":-5,"g":1e308,"e":"NaN","r":1e999,"u":2.6,"s":-1}}'));
    const { config } = expectState(result);
    expect(config.search.population).toBe(NUMERIC_FIELDS['search.population'].min);
    expect(config.search.generations).toBe(NUMERIC_FIELDS['search.generations'].max);
    expect(config.training.epochs).toBe(defaultRunConfig('xor').training.epochs);
    expect(config.training.learningRate).toBe(defaultRunConfig('xor').training.learningRate);
    expect(config.workers).toBe(3);
    expect(config.search.seed).toBe(0);
    const notes = noteText(result);
    expect(notes).toMatch(/search\.population: -5 is outside 2 to 200/);
    expect(notes).toMatch(/training\.epochs: must be a number, got "NaN"/);
    expect(notes).toMatch(/training\.learningRate: must be a number, got Infinity/);
  });

  it('drops prototype pollution keys', () => {
    const text = '{"v":1,"__proto__":{"polluted":true},"c":{"t":"xor","constructor":{"prototype":{"polluted":true}},"__proto__":{"p":3}},"g":{"prototype":1}}';
    const result = decodeShareFragment(rawFragment(text));
    expectState(result);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(noteText(result)).toMatch(/__proto__: is a reserved name/);
    expect(noteText(result)).toMatch(/constructor: is a reserved name/);
  });

  it('notes unknown keys, kinds and panels', () => {
    const fragment = `${fragmentOf({ v: 1, c: { t: 'xor', zz: 1 }, q: 2, k: [[99, {}], [2, { units: [8, 5000], bogus: [1] }]] })}&hide=palette,toolbar&utm=x`;
    const result = decodeShareFragment(fragment);
    const { config } = expectState(result);
    expect(config.search.candidateSet.layers).toEqual([{ kind: 'dense', params: { units: [8] } }]);
    const notes = noteText(result);
    for (const expected of [/config\.zz: is not a known setting/, /^q: is not part of a v1 link/m, /names the unknown layer kind code 99; it was dropped/, /dense\.units: had values outside/, /dense\.bogus: is not a parameter/, /hide: names no panel "toolbar"/, /utm: is not a link option/]) {
      expect(notes).toMatch(expected);
    }
    expect(result.view.hide).toEqual(['palette']);
  });

  it('never builds a network above the size limits', () => {
    const huge = { v: 1, c: { t: 'mnist' }, g: { n: [[0, []], [4, [0]], [2, [1], 1e9, 'relu'], [2, [2], 1024, 'relu'], [2, [3], 1024, 'relu'], [2, [4], 1024, 'relu'], [2, [5], 1024, 'relu'], [2, [6], 1024, 'relu'], [1, [7]]], i: [] } };
    const result = decodeShareFragment(fragmentOf(huge));
    const state = expectState(result);
    expect(noteText(result)).toMatch(/1000000000 is outside 1 to 1024; 1024 was used/);
    expect(noteText(result)).toMatch(/parameters, above the limit of 5,000,000/);
    expect(state.graph).toEqual(starterGenome('mnist'));
    expect(analyzeGenome(state.graph, shapeContextOf(state.config)).totalParams).toBeLessThan(5_000_000);
  });

  it('migrates a link from format version 0', () => {
    const v0 = {
      version: 0,
      task: 'xor',
      seed: 7,
      strategy: 'random',
      generations: 4,
      population: 6,
      epochs: 10,
      learningRate: 0.02,
      backend: 'wasm',
      colour: 'blue',
      layers: [{ kind: 'dense', units: 12, activation: 'tanh' }, { kind: 'dropout', rate: 0.3 }],
      best: [{ id: 'g1-2', fitness: 0.93, layers: [{ kind: 'dense', units: 4, activation: 'relu' }] }],
    };
    const result = decodeShareFragment(`config=${encodeURIComponent(JSON.stringify(v0))}`);
    const state = expectState(result);
    expect(state.config.task.id).toBe('xor');
    expect(state.config.search).toMatchObject({ seed: 7, strategy: 'random', generations: 4, population: 6 });
    expect(state.config.training).toMatchObject({ epochs: 10, learningRate: 0.02 });
    expect(state.config.backend).toBe('wasm');
    expect(state.config.search.candidateSet).toEqual(defaultRunConfig('xor').search.candidateSet);
    expect(state.graph).toEqual(chainGenome([{ kind: 'dense', params: { units: 12, activation: 'tanh' } }, { kind: 'dropout', params: { rate: 0.3 } }]));
    expect(state.results).toHaveLength(1);
    expect(state.results[0]).toMatchObject({ id: 'g1-2', fitness: 0.93 });
    expect(noteText(result)).toMatch(/format version 0; it was converted/);
    expect(noteText(result)).toMatch(/colour: is not a setting of a version 0 link/);
  });

  it('replaces an invalid graph by the starting network', () => {
    // Two layers that feed each other: the editor never builds a cycle, so the graph is replaced.
    const cycle = { v: 1, c: { t: 'xor' }, g: { n: [[0, []], [2, [2], 8, 'relu'], [2, [1], 8, 'relu'], [1, [2]]], i: ['input', 'a', 'b', 'output'] } };
    const result = decodeShareFragment(fragmentOf(cycle));
    const state = expectState(result);
    expect(noteText(result)).toMatch(/graph: .*cycle/i);
    expect(noteText(result)).toMatch(/graph: was replaced by the starting network/);
    // The replaced network cannot be edited, so the note leaves out the fix for it.
    expect(noteText(result)).not.toMatch(/Remove one of the connections/);
    expect(state.graph).toEqual(starterGenome('xor'));
  });

  it('keeps an unfinished graph for the editor', () => {
    // A Conv2D on 2D points, and a dense layer not connected yet: both are marked in the editor, not replaced.
    const unfinished = { v: 1, c: { t: 'xor' }, g: { n: [[0, []], [5, [0], 8, 3, 1, 'same', 'relu'], [2, [], 8, 'relu'], [1, [1]]], i: ['input', 'c', 'loose', 'output'] } };
    const result = decodeShareFragment(fragmentOf(unfinished));
    const state = expectState(result);
    expect(result.notes).toEqual([]);
    expect(state.graph.nodes.map((gene) => gene.id)).toEqual(['input', 'c', 'loose', 'output']);
    const codes = analyzeGenome(state.graph, shapeContextOf(state.config)).issues.map((issue) => issue.code);
    expect(codes).toContain('shape');
    expect(codes).toContain('arity');
  });

  it('names a bad layer parameter once', () => {
    const dense = KIND_CODES_V1.indexOf('dense');
    const result = decodeShareFragment(fragmentOf({ v: 1, c: { t: 'xor' }, g: { n: [[0, []], [dense, [0], 'abc', 'relu'], [1, [1]]], i: ['input', 'l1', 'output'] } }));
    expect(expectState(result).graph.nodes[1].params.units).toBe(32);
    expect(noteText(result)).toMatch(/^graph\.l1\.units: must be an integer from 1 to 1024, got abc\. The default 32 was used\.$/m);
  });

  it('encodes the payload in base64url only', () => {
    expect(encodeSharePayload(typicalShare())).toMatch(/^[A-Za-z0-9_-]+$/);
  });
});

describe('share link with a search template', () => {
  /** input → stem (fixed) → s1 slot → head (fixed) → output, on xor. */
  const template: Genome = {
    nodes: [
      { id: 'input', kind: 'input', params: {}, inputs: [] },
      { id: 'stem', kind: 'dense', params: { units: 8, activation: 'tanh' }, inputs: ['input'], fixed: true },
      { id: 's1', kind: 'moduleSlot', params: {}, inputs: ['stem'] },
      { id: 'head', kind: 'dense', params: { units: 4, activation: 'relu' }, inputs: ['s1'], fixed: true },
      { id: 'output', kind: 'output', params: {}, inputs: ['head'] },
    ],
  };
  const filled: Genome = {
    nodes: template.nodes.map((gene) => (gene.id === 's1' ? { id: 's1:n1', kind: 'dense', params: { units: 16, activation: 'elu' }, inputs: ['stem'] } : gene.id === 'head' ? { ...gene, inputs: ['s1:n1'] } : gene)),
  };
  const stateWith = (graph: Genome, results: Genome[]): ShareState => ({
    ...typicalShare(),
    graph,
    positions: undefined,
    results: results.map((genome, index) => ({ id: `g0-${index}`, genome, fitness: 0.9 - index / 10, validationAccuracy: 0.9, testAccuracy: null, trainMs: 10, backend: 'wasm' })),
  });

  it('keeps module slots and fixed flags', () => {
    const state = stateWith(template, [filled]);
    const result = decodeShareFragment(shareFragment(state));
    const decoded = expectState(result);
    expect(result.notes).toEqual([]);
    expect(decoded.graph).toEqual(template);
    // Result genes carry no ids in a link, so compare what each gene is.
    const describeGenes = (genome: Genome) => genome.nodes.map((gene) => [gene.kind, gene.params, gene.fixed ?? false]);
    expect(describeGenes(decoded.results[0].genome)).toEqual(describeGenes(filled));
  });

  it('writes no fixed list for a network without fixed layers', () => {
    const fragment = shareFragment(typicalShare());
    const unfixed = expectState(decodeShareFragment(fragment));
    expect(unfixed.graph.nodes.some((gene) => gene.fixed)).toBe(false);
    const fixedOnce = { ...typicalShare(), graph: { nodes: typicalShare().graph.nodes.map((gene) => (gene.id === 'l1' ? { ...gene, fixed: true } : gene)) } };
    expect(shareFragment(fixedOnce).length).toBeGreaterThan(fragment.length);
  });

  it('skips a result with a module slot', () => {
    const result = decodeShareFragment(shareFragment(stateWith(template, [template, filled])));
    const decoded = expectState(result);
    expect(decoded.results.map((shared) => shared.id)).toEqual(['g0-1']);
    expect(noteText(result)).toMatch(/results\[0\]: contains a module slot, so it is a search template, not a trained network/);
  });

  it('notes a fixed list that is not a list', () => {
    const payload = { v: 1, c: { t: 'xor' }, g: { n: [[0, []], [2, [0], 8, 'relu'], [1, [1]]], i: ['input', 'l1', 'output'], f: 'all' } };
    const result = decodeShareFragment(fragmentOf(payload));
    expect(expectState(result).graph.nodes.some((gene) => gene.fixed)).toBe(false);
    expect(noteText(result)).toMatch(/graph\.fixed: is not a list of layer indices; no layer was fixed/);
  });

  it('drops a module slot from the candidate set', () => {
    const result = decodeShareFragment(fragmentOf({ v: 1, c: { t: 'xor' }, k: [[2, { units: [8] }], [16, {}]] }));
    expect(expectState(result).config.search.candidateSet.layers).toEqual([{ kind: 'dense', params: { units: [8] } }]);
    expect(noteText(result)).toMatch(/names moduleSlot, a placeholder that a search fills rather than places; it was dropped/);
  });

  it('reads the module slot code from the end of the table', () => {
    expect(KIND_CODES_V1.indexOf('moduleSlot')).toBe(KIND_CODES_V1.length - 1);
    expect(KIND_CODES_V1.slice(0, 3)).toEqual(['input', 'output', 'dense']);
  });
});
