import { describe, expect, it } from 'vitest';
import { canonicalHash, hashText } from '../../src/core/canonical';
import { defaultCandidateSet, candidateSetProblems } from '../../src/core/candidate-set';
import { CoevolutionStrategy } from '../../src/core/coevolution';
import { DEFAULT_LIMITS, analyzeGenome, chainGenome, type Genome, type LayerGene } from '../../src/core/genome';
import { LAYERS, PLACEABLE_KINDS, type ShapeContext } from '../../src/core/layers';
import { slotsOf } from '../../src/core/blueprint';
import { DEFAULT_SEARCH, createStrategy, type SearchSettings } from '../../src/core/search';
import type { Candidate, SearchStrategy, StrategyName } from '../../src/core/strategy';
import {
  keepsFixedGenes,
  moduleShapeContext,
  moduleSlotIds,
  slotInputShapes,
  slotTrainingProblem,
  templateStrategyProblem,
} from '../../src/core/template';
import { assembleTemplate, fillTemplate, keepsTemplate } from '../../src/core/template-assembly';
import { gene } from './genes';

const vector: ShapeContext = { inputShape: [2], outputUnits: 2 };
const image: ShapeContext = { inputShape: [12, 12, 1], outputUnits: 3 };

const fixed = (node: LayerGene): LayerGene => ({ ...node, fixed: true });
const byId = (genome: Genome, id: string) => genome.nodes.find((node) => node.id === id);

/** input → l1 dense 8 (fixed) → s1 slot → l2 dense 4 → output. */
const stemTemplate: Genome = {
  nodes: [
    gene('input', 'input', []),
    fixed(gene('l1', 'dense', ['input'], { units: 8, activation: 'tanh' })),
    gene('s1', 'moduleSlot', ['l1']),
    gene('l2', 'dense', ['s1'], { units: 4, activation: 'relu' }),
    gene('output', 'output', ['l2']),
  ],
};

/** A seed network without slots: input → l1 dense 5 (fixed) → l2 dense 8 → output. */
const fixedStemSeed: Genome = {
  nodes: [
    gene('input', 'input', []),
    fixed(gene('l1', 'dense', ['input'], { units: 5, activation: 'elu' })),
    gene('l2', 'dense', ['l1'], { units: 8 }),
    gene('output', 'output', ['l2']),
  ],
};

/** A module: a layer graph from its input node to an output head. */
const moduleOf = (...layers: Parameters<typeof chainGenome>[0]) => ({ id: 'm', genome: chainGenome(layers) });

const hashFitness = (genome: Genome) => parseInt(hashText(canonicalHash(genome)).slice(0, 8), 16) / 2 ** 32;

const settingsFor = (context: ShapeContext, strategy: StrategyName, overrides: Partial<SearchSettings> = {}): SearchSettings => ({
  ...DEFAULT_SEARCH,
  strategy,
  generations: 3,
  population: 6,
  modulePopulation: 8,
  maxModuleLayers: 3,
  candidateSet: defaultCandidateSet(context.inputShape),
  ...overrides,
});

/** Runs a strategy to the end with a synthetic fitness, calling `inspect` on each batch before its results. */
function run(strategy: SearchStrategy, inspect: (batch: Candidate[]) => void = () => {}): Candidate[] {
  const all: Candidate[] = [];
  for (let batch = strategy.propose(); batch; batch = strategy.propose()) {
    inspect(batch);
    all.push(...batch);
    strategy.observe(batch.map((candidate) => ({ candidateId: candidate.id, fitness: hashFitness(candidate.genome), params: candidate.genome.nodes.length, failed: false })));
  }
  return all;
}

/** Fails unless the network is valid, has no slot, and keeps the template's fixed layers and connections. */
function expectFilledTemplate(network: Genome, template: Genome, context: ShapeContext): void {
  const detail = JSON.stringify(network);
  expect(analyzeGenome(network, context).issues, detail).toEqual([]);
  expect(network.nodes.filter((node) => node.kind === 'moduleSlot'), detail).toEqual([]);
  expect(keepsTemplate(network, template), detail).toBe(true);
}

describe('module slot kind', () => {
  it('passes its input shape through in the editor', () => {
    const analysis = analyzeGenome(stemTemplate, vector);
    expect(analysis.valid).toBe(true);
    expect(analysis.nodes.get('s1')?.shape).toEqual([8]);
    expect(analysis.nodes.get('s1')?.params).toBe(0);
  });

  it('is not placeable by a search', () => {
    expect(PLACEABLE_KINDS).not.toContain('moduleSlot');
    const problems = candidateSetProblems({ layers: [{ kind: 'dense', params: {} }, { kind: 'moduleSlot', params: {} }] });
    expect(problems.join(' ')).toMatch(/lists moduleSlot, a placeholder that a search fills; remove it/);
  });

  it('has no tfjs layer', () => {
    expect(() => LAYERS.moduleSlot.keras([[8]], {}, vector)).toThrow(/module slot has no tfjs layer.*Replace the slot with layers/);
  });
});

describe('slot validation messages', () => {
  it('blocks training one slot', () => {
    expect(slotTrainingProblem(stemTemplate)).toBe('Module slot "s1" is filled only by a search; replace it with layers to train this network alone.');
  });

  it('blocks training several slots', () => {
    const two: Genome = {
      nodes: [gene('input', 'input', []), gene('a', 'moduleSlot', ['input']), gene('b', 'moduleSlot', ['a']), gene('c', 'moduleSlot', ['b']), gene('output', 'output', ['c'])],
    };
    expect(slotTrainingProblem(two)).toMatch(/^Module slots "a", "b" and "c" are filled only by a search; replace them with layers/);
  });

  it('lets a network without slots train', () => {
    expect(slotTrainingProblem(chainGenome([{ kind: 'dense' }]))).toBeNull();
  });

  const cases: { name: string; nodes: LayerGene[]; message: RegExp }[] = [
    {
      name: 'slot with two inputs',
      nodes: [gene('input', 'input', []), gene('l1', 'dense', ['input']), gene('s1', 'moduleSlot', ['input', 'l1']), gene('output', 'output', ['s1'])],
      message: /Module slot "s1" takes exactly 1 input but has 2/,
    },
    {
      name: 'slot without input',
      nodes: [gene('input', 'input', []), gene('s1', 'moduleSlot', []), gene('output', 'output', ['input'])],
      message: /Module slot "s1" takes exactly 1 input but has 0/,
    },
    {
      name: 'slot leading nowhere',
      nodes: [gene('input', 'input', []), gene('s1', 'moduleSlot', ['input']), gene('output', 'output', ['input'])],
      message: /Module slot "s1" does not lead to the output head/,
    },
  ];
  for (const c of cases) {
    it(`reports ${c.name}`, () => {
      const analysis = analyzeGenome({ nodes: c.nodes }, vector);
      expect(analysis.issues.map((issue) => issue.message).join(' ')).toMatch(c.message);
    });
  }

  it('rejects templates for the exhaustive strategy', () => {
    expect(templateStrategyProblem('exhaustive', stemTemplate)).toMatch(/exhaustive strategy .* cannot fill module slots; choose coevolution, regularized or random/);
    expect(templateStrategyProblem('exhaustive', chainGenome([{ kind: 'dense' }]))).toBeNull();
    expect(() => createStrategy(settingsFor(vector, 'exhaustive'), vector, { seedGenome: stemTemplate })).toThrow(/cannot fill module slots/);
  });

  it('rejects an invalid template', () => {
    const broken: Genome = { nodes: stemTemplate.nodes.map((node) => (node.id === 'l2' ? { ...node, inputs: [] } : node)) };
    expect(() => createStrategy(settingsFor(vector, 'coevolution'), vector, { seedGenome: broken })).toThrow(/seed network is not valid/);
  });
});

describe('slot shapes', () => {
  it('gives each slot the shape entering it', () => {
    const template: Genome = {
      nodes: [
        gene('input', 'input', []),
        gene('c1', 'conv2d', ['input'], { filters: 4 }),
        gene('s1', 'moduleSlot', ['c1']),
        gene('f', 'flatten', ['s1']),
        gene('s2', 'moduleSlot', ['f']),
        gene('output', 'output', ['s2']),
      ],
    };
    expect(moduleSlotIds(template)).toEqual(['s1', 's2']);
    expect([...slotInputShapes(template, image, DEFAULT_LIMITS)]).toEqual([
      ['s1', [12, 12, 4]],
      ['s2', [576]],
    ]);
    expect(moduleShapeContext(template, image, DEFAULT_LIMITS)).toEqual({ inputShape: [12, 12, 4], outputUnits: 3 });
  });
});

describe('assembleTemplate', () => {
  it('puts the module in the slot and keeps the template around it', () => {
    const module = moduleOf({ kind: 'dense', params: { units: 16 } }, { kind: 'dropout' });
    const { genome, filled } = assembleTemplate(stemTemplate, new Map([['s1', module]]), vector);
    expectFilledTemplate(genome, stemTemplate, vector);
    expect(filled).toEqual(['s1']);
    expect(byId(genome, 'l1')).toEqual(stemTemplate.nodes[1]);
    expect(byId(genome, 's1:l1')).toMatchObject({ kind: 'dense', inputs: ['l1'], params: { units: 16 } });
    expect(byId(genome, 's1:l2')).toMatchObject({ kind: 'dropout', inputs: ['s1:l1'] });
    expect(byId(genome, 'l2')?.inputs).toEqual(['s1:l2']);
    expect(byId(genome, 'output')?.inputs).toEqual(['l2']);
  });

  it('passes an empty slot through', () => {
    const { genome, filled } = assembleTemplate(stemTemplate, new Map(), vector);
    expect(filled).toEqual([]);
    expect(byId(genome, 'l2')?.inputs).toEqual(['l1']);
    expectFilledTemplate(genome, stemTemplate, vector);
  });

  it('makes a linear identity where passing through would repeat an input', () => {
    // input → s1 → add(s1, input): passing s1 through would feed add the input twice.
    const template: Genome = {
      nodes: [gene('input', 'input', []), gene('s1', 'moduleSlot', ['input']), fixed(gene('join', 'add', ['s1', 'input'])), gene('output', 'output', ['join'])],
    };
    const filled = fillTemplate(template, new Map());
    expect(byId(filled, 's1')).toEqual({ id: 's1', kind: 'activation', params: { activation: 'linear' }, inputs: ['input'] });
    expect(byId(filled, 'join')?.inputs).toEqual(['s1', 'input']);
    expect(analyzeGenome(filled, vector).valid).toBe(true);
  });

  it('drops a module that would make repair change a fixed layer', () => {
    // A dense module of 8 units cannot meet the [2] input in the fixed add. Repair would cut
    // the add's inputs, so the slot gets the identity instead.
    const template: Genome = {
      nodes: [gene('input', 'input', []), gene('s1', 'moduleSlot', ['input']), fixed(gene('join', 'add', ['s1', 'input'])), gene('output', 'output', ['join'])],
    };
    const { genome, filled } = assembleTemplate(template, new Map([['s1', moduleOf({ kind: 'dense', params: { units: 8 } })]]), vector);
    expect(filled).toEqual([]);
    expect(byId(genome, 's1')?.kind).toBe('activation');
    expectFilledTemplate(genome, template, vector);

    const fitting = assembleTemplate(template, new Map([['s1', moduleOf({ kind: 'dense', params: { units: 2 } })]]), vector);
    expect(fitting.filled).toEqual(['s1']);
    expect(byId(fitting.genome, 'join')?.inputs).toEqual(['s1:l1', 'input']);
  });

  it('lets repair fix an unfixed template layer', () => {
    // The valid-padding pooling fits the 12×12 input but not the 2×2 map a strided module makes.
    const template: Genome = {
      nodes: [
        gene('input', 'input', []),
        gene('s1', 'moduleSlot', ['input']),
        gene('pool', 'maxPooling2d', ['s1'], { poolSize: 4, padding: 'valid' }),
        gene('output', 'output', ['pool']),
      ],
    };
    const module = moduleOf({ kind: 'conv2d', params: { filters: 2, kernelSize: 3, strides: 3, padding: 'same' } }, { kind: 'maxPooling2d', params: { poolSize: 2, padding: 'same' } });
    const { genome, filled } = assembleTemplate(template, new Map([['s1', module]]), image);
    expect(filled).toEqual(['s1']);
    expect(byId(genome, 'pool')?.params.padding).toBe('same');
    expectFilledTemplate(genome, template, image);

    const fixedPool = { nodes: template.nodes.map((node) => (node.id === 'pool' ? fixed(node) : node)) };
    const kept = assembleTemplate(fixedPool, new Map([['s1', module]]), image);
    expect(kept.filled).toEqual([]);
    expect(byId(kept.genome, 'pool')).toEqual({ ...byId(fixedPool, 'pool'), inputs: ['input'] });
  });

  it('names a unique prefix when a template id takes the default one', () => {
    const template: Genome = {
      nodes: [gene('input', 'input', []), gene('s1:x', 'dense', ['input']), gene('s1', 'moduleSlot', ['s1:x']), gene('output', 'output', ['s1'])],
    };
    const { genome } = assembleTemplate(template, new Map([['s1', moduleOf({ kind: 'dense' })]]), vector);
    expect(genome.nodes.map((node) => node.id)).toEqual(['input', 's1:x', 's1:2:l1', 'output']);
  });
});

describe('coevolution with a template', () => {
  it('fills every slot from the species its blueprint names', () => {
    const template: Genome = {
      nodes: [
        gene('input', 'input', []),
        fixed(gene('stem', 'dense', ['input'], { units: 12, activation: 'tanh' })),
        gene('s1', 'moduleSlot', ['stem']),
        gene('s2', 'moduleSlot', ['s1']),
        fixed(gene('head', 'dense', ['s2'], { units: 6, activation: 'relu' })),
        gene('output', 'output', ['head']),
      ],
    };
    const strategy = new CoevolutionStrategy(settingsFor(vector, 'coevolution', { generations: 4 }), vector, { seedGenome: template });
    let checked = 0;
    const candidates = run(strategy, (batch) => {
      const { modules, blueprints } = strategy.populations;
      for (const candidate of batch) {
        expectFilledTemplate(candidate.genome, template, vector);
        if (candidate.origin.type !== 'assembled') throw new Error(`candidate ${candidate.id} was not assembled`);
        const { blueprintId } = candidate.origin;
        const blueprint = blueprints.find((member) => member.id === blueprintId)!.blueprint;
        expect(slotsOf(blueprint).map((slot) => slot.id)).toEqual(['s1', 's2']);
        const used = candidate.origin.moduleIds.map((id) => modules.find((module) => module.id === id)!);
        for (const slot of slotsOf(blueprint)) {
          const placed = candidate.genome.nodes.filter((node) => node.id.startsWith(`${slot.id}:`));
          if (placed.length === 0) continue;
          const module = used.find((member) => member.species === slot.species);
          expect(module, `${candidate.id} slot ${slot.id}`).toBeDefined();
          const moduleIds = new Set(module!.genome.nodes.map((node) => node.id));
          for (const node of placed) expect(moduleIds.has(node.id.slice(slot.id.length + 1)), node.id).toBe(true);
          checked += 1;
        }
      }
    });
    expect(candidates).toHaveLength(4 * 6);
    expect(checked).toBeGreaterThan(24);
  });

  it('evolves modules on the shape entering the first slot', () => {
    const template: Genome = {
      nodes: [
        gene('input', 'input', []),
        fixed(gene('stem', 'conv2d', ['input'], { filters: 4, strides: 2 })),
        gene('s1', 'moduleSlot', ['stem']),
        gene('flat', 'flatten', ['s1']),
        gene('output', 'output', ['flat']),
      ],
    };
    const strategy = new CoevolutionStrategy(settingsFor(image, 'coevolution', { generations: 2 }), image, { seedGenome: template });
    const moduleContext = { inputShape: [6, 6, 4], outputUnits: 3 };
    for (const module of strategy.populations.modules) expect(analyzeGenome(module.genome, moduleContext).issues).toEqual([]);
    for (const candidate of run(strategy)) expectFilledTemplate(candidate.genome, template, image);
  });

  it('keeps fixed layers of a seed without slots in its lineage', () => {
    const strategy = new CoevolutionStrategy(settingsFor(vector, 'coevolution', { generations: 5 }), vector, { seedGenome: fixedStemSeed });
    const seedModule = strategy.populations.modules[0].genome;
    const fixedId = seedModule.nodes.find((node) => node.fixed)!.id;
    let carriers = 0;
    run(strategy, (batch) => {
      for (const module of strategy.populations.modules) {
        const node = byId(module.genome, fixedId);
        if (!node) continue;
        carriers += 1;
        expect(node).toMatchObject({ kind: 'dense', fixed: true, params: { units: 5, activation: 'elu' } });
      }
      for (const candidate of batch) {
        for (const node of candidate.genome.nodes.filter((gene) => gene.fixed)) expect(node.params).toEqual({ units: 5, activation: 'elu' });
      }
    });
    expect(carriers).toBeGreaterThan(5);
  });
});

describe('other strategies with a template', () => {
  for (const strategy of ['random', 'regularized'] as const) {
    it(`${strategy} fills the slots and never proposes the template`, () => {
      const candidates = run(createStrategy(settingsFor(vector, strategy, { generations: 4 }), vector, { seedGenome: stemTemplate }));
      expect(candidates).toHaveLength(4 * 6);
      for (const candidate of candidates) {
        expect(candidate.origin.type).not.toBe('seed');
        expectFilledTemplate(candidate.genome, stemTemplate, vector);
        // l2 is unfixed, but only repair may change a template layer, and a dense layer on a vector never needs it.
        expect(byId(candidate.genome, 'l2')?.params).toEqual(stemTemplate.nodes[3].params);
      }
      const filled = candidates.filter((candidate) => candidate.genome.nodes.some((node) => node.id.startsWith('s1:')));
      expect(filled.length).toBeGreaterThan(candidates.length / 2);
    });
  }

  it('regularized descendants of a seed keep its fixed layers', () => {
    const candidates = run(createStrategy(settingsFor(vector, 'regularized', { generations: 5 }), vector, { seedGenome: fixedStemSeed }));
    const descendants = candidates.filter((candidate) => byId(candidate.genome, 'l1'));
    expect(descendants.length).toBeGreaterThan(1);
    for (const candidate of descendants) expect(byId(candidate.genome, 'l1'), candidate.id).toEqual(fixedStemSeed.nodes[1]);
  });

  it('regularized children change only the slot region', () => {
    const strategy = createStrategy(settingsFor(vector, 'regularized', { generations: 5 }), vector, { seedGenome: stemTemplate });
    const mutated = run(strategy).filter((candidate) => candidate.origin.type === 'mutated');
    expect(mutated.length).toBeGreaterThan(10);
    const templateIds = new Set(['input', 'l1', 'l2', 'output']);
    for (const candidate of mutated) {
      for (const node of stemTemplate.nodes.filter((gene) => templateIds.has(gene.id))) {
        expect(byId(candidate.genome, node.id)).toMatchObject({ kind: node.kind, params: node.params });
      }
      expect(keepsFixedGenes(stemTemplate, candidate.genome)).toBe(true);
    }
  });
});
