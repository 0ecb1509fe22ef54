import { describe, expect, it } from 'vitest';
import { analyzeGenome } from '../../src/core/genome';
import { TASKS } from '../../src/data/tasks';
import { REGRESSION_TASK_IDS, SEQUENCE_TASK_IDS, TASK_IDS } from '../../src/data/types';
import { defaultRunConfig, parseRunConfig } from '../../src/state/config';
import { starterGenome } from '../../src/state/starter';

describe('defaultRunConfig', () => {
  for (const id of TASK_IDS) {
    it(`parses for ${id}`, () => {
      const parsed = parseRunConfig(defaultRunConfig(id));
      expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    });

    it(`starter network fits ${id}`, () => {
      const task = TASKS[id];
      const analysis = analyzeGenome(starterGenome(id), { inputShape: task.inputShape, outputUnits: task.outputUnits });
      expect(analysis.issues).toEqual([]);
    });
  }

  it('starts sequence tasks with a recurrent network', () => {
    for (const id of SEQUENCE_TASK_IDS) {
      expect(starterGenome(id).nodes.map((node) => node.kind)).toContain('gru');
      expect(defaultRunConfig(id).search.candidateSet.layers.map((layer) => layer.kind)).toEqual(expect.arrayContaining(['simpleRNN', 'gru', 'lstm']));
    }
  });

  it('starts regression tasks with dense layers', () => {
    for (const id of REGRESSION_TASK_IDS) {
      expect(starterGenome(id).nodes.filter((node) => node.kind === 'dense')).toHaveLength(2);
      expect(TASKS[id].kind).toBe('regression');
    }
  });

  it('turns early stopping off and sets no evaluation budget', () => {
    const { search } = defaultRunConfig('xor');
    expect(search.earlyStopping).toBe('off');
    expect(search.maxEvaluations).toBe(0);
    expect(search.sampleSize).toBe(0);
  });
});

describe('parseRunConfig search settings', () => {
  const base = defaultRunConfig('sin');
  const cases: { name: string; search: Record<string, unknown>; error: RegExp }[] = [
    { name: 'negative budget', search: { maxEvaluations: -1 }, error: /search\.maxEvaluations must be a whole number from 0 to 100000, got -1/ },
    { name: 'unknown rule', search: { earlyStopping: 'patience' }, error: /search\.earlyStopping must be one of off, median, halving/ },
    { name: 'zero depth', search: { candidateSet: { ...base.search.candidateSet, maxDepth: 0 } }, error: /search\.candidateSet\.maxDepth must be a whole number from 1 to 8, got 0/ },
    { name: 'fractional tournament', search: { sampleSize: 2.5 }, error: /search\.sampleSize must be a whole number from 0 to 200, got 2\.5/ },
  ];
  for (const testCase of cases) {
    it(`rejects ${testCase.name}`, () => {
      const parsed = parseRunConfig({ ...base, search: { ...base.search, ...testCase.search } });
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.errors.join('\n')).toMatch(testCase.error);
    });
  }

  it('keeps the candidate set depth and the new strategies', () => {
    const config = { ...base, search: { ...base.search, strategy: 'exhaustive', candidateSet: { ...base.search.candidateSet, maxDepth: 3 } } };
    const parsed = parseRunConfig(config);
    expect(parsed.ok).toBe(true);
    if (parsed.ok) {
      expect(parsed.config.search.candidateSet.maxDepth).toBe(3);
      expect(parsed.config.search.strategy).toBe('exhaustive');
    }
  });

  it('limits generated tasks to 20,000 samples', () => {
    const parsed = parseRunConfig({ ...base, task: { ...base.task, samples: 30_000 } });
    expect(parsed.ok ? [] : parsed.errors).toEqual(['task.samples must be at most 20000 for generated tasks, got 30000.']);
  });
});

describe('parseRunConfig seed template', () => {
  const template = {
    nodes: [
      { id: 'input', kind: 'input', params: {}, inputs: [] },
      { id: 'l1', kind: 'dense', params: { units: 8, activation: 'tanh' }, inputs: ['input'], fixed: true },
      { id: 's1', kind: 'moduleSlot', params: {}, inputs: ['l1'] },
      { id: 'output', kind: 'output', params: {}, inputs: ['s1'] },
    ],
  };

  it('keeps module slots and fixed flags', () => {
    const parsed = parseRunConfig({ ...defaultRunConfig('xor'), seedGenome: template });
    expect(parsed.ok ? parsed.config.seedGenome : parsed.errors).toEqual(template);
  });

  it('rejects a fixed flag that is not a boolean', () => {
    const nodes = template.nodes.map((gene) => (gene.id === 'l1' ? { ...gene, fixed: 'yes' } : gene));
    const parsed = parseRunConfig({ ...defaultRunConfig('xor'), seedGenome: { nodes } });
    expect(parsed.ok ? [] : parsed.errors.join(' ')).toMatch(/"fixed" flag must be true or false/);
  });

  it('rejects a module slot in the candidate set', () => {
    const config = defaultRunConfig('xor');
    const candidateSet = { layers: [...config.search.candidateSet.layers, { kind: 'moduleSlot', params: {} }] };
    const parsed = parseRunConfig({ ...config, search: { ...config.search, candidateSet } });
    expect(parsed.ok ? [] : parsed.errors.join(' ')).toMatch(/lists moduleSlot, a placeholder that a search fills/);
  });

  it('rejects a kind listed twice in the candidate set', () => {
    const config = defaultRunConfig('xor');
    const dense = { kind: 'dense', params: { units: [8] } };
    const candidateSet = { layers: [dense, dense] };
    const parsed = parseRunConfig({ ...config, search: { ...config.search, candidateSet } });
    expect(parsed.ok ? [] : parsed.errors.join(' ')).toMatch(/lists dense twice/);
  });
});
