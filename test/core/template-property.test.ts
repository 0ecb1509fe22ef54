import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCandidateSet } from '../../src/core/candidate-set';
import { crossoverLayerGraphs } from '../../src/core/crossover';
import { DEFAULT_LIMITS, analyzeGenome, type Genome, type LayerGene, type SizeLimits } from '../../src/core/genome';
import { InnovationCounter } from '../../src/core/innovation';
import type { ShapeContext } from '../../src/core/layers';
import { mutateLayerGraph, type LayerGraphContext } from '../../src/core/mutation';
import { randomGenome } from '../../src/core/random-search';
import { Rng } from '../../src/core/rng';
import { keepsFixedGenes, slotInputShapes } from '../../src/core/template';
import { assembleTemplate, keepsTemplate } from '../../src/core/template-assembly';
import { gene } from './genes';

const fixed = (node: LayerGene): LayerGene => ({ ...node, fixed: true });

interface TemplateCase {
  readonly name: string;
  readonly context: ShapeContext;
  readonly template: Genome;
}

const TEMPLATES: TemplateCase[] = [
  {
    name: 'stem, slot, head',
    context: { inputShape: [2], outputUnits: 2 },
    template: {
      nodes: [
        gene('input', 'input', []),
        fixed(gene('stem', 'dense', ['input'], { units: 8, activation: 'tanh' })),
        gene('s1', 'moduleSlot', ['stem']),
        fixed(gene('head', 'dense', ['s1'], { units: 4 })),
        gene('output', 'output', ['head']),
      ],
    },
  },
  {
    name: 'two parallel slots joined by fixed merges',
    context: { inputShape: [4], outputUnits: 3 },
    template: {
      nodes: [
        gene('input', 'input', []),
        fixed(gene('stem', 'dense', ['input'], { units: 6 })),
        gene('s1', 'moduleSlot', ['stem']),
        gene('s2', 'moduleSlot', ['stem']),
        fixed(gene('join', 'concatenate', ['s1', 's2'])),
        gene('s3', 'moduleSlot', ['join']),
        fixed(gene('skip', 'add', ['s3', 'join'])),
        gene('output', 'output', ['skip']),
      ],
    },
  },
  {
    name: 'convolution stem with an unfixed flatten',
    context: { inputShape: [8, 8, 3], outputUnits: 5 },
    template: {
      nodes: [
        gene('input', 'input', []),
        fixed(gene('conv', 'conv2d', ['input'], { filters: 4, kernelSize: 3 })),
        gene('s1', 'moduleSlot', ['conv']),
        gene('pool', 'maxPooling2d', ['s1'], { poolSize: 2, padding: 'valid' }),
        gene('flat', 'flatten', ['pool']),
        gene('s2', 'moduleSlot', ['flat']),
        gene('output', 'output', ['s2']),
      ],
    },
  },
  {
    name: 'slot before a fixed recurrent layer',
    context: { inputShape: [10, 1], outputUnits: 1 },
    template: {
      nodes: [
        gene('input', 'input', []),
        gene('s1', 'moduleSlot', ['input']),
        fixed(gene('gru', 'gru', ['s1'], { units: 8 })),
        gene('output', 'output', ['gru']),
      ],
    },
  },
];

const LIMITS: SizeLimits[] = [DEFAULT_LIMITS, { maxParams: 20_000, maxActivation: 2_000 }];
const ASSEMBLIES_PER_RUN = 6;
const MUTATIONS_PER_RUN = 12;

let checks = 0;

function expectValid(genome: Genome, context: ShapeContext, limits: SizeLimits, what: string): void {
  checks += 1;
  const analysis = analyzeGenome(genome, context, limits);
  expect(analysis.issues, `${what}: ${JSON.stringify(genome)}`).toEqual([]);
}

describe('templates and fixed layers under random operators', () => {
  it('assembly keeps every template valid and its fixed layers unchanged', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), fc.constantFrom(...TEMPLATES), fc.constantFrom(...LIMITS), (seed, { context, template }, limits) => {
        fc.pre(analyzeGenome(template, context, limits).valid);
        const rng = new Rng(seed);
        const innovations = new InnovationCounter('n');
        const slotShapes = slotInputShapes(template, context, limits);
        for (let step = 0; step < ASSEMBLIES_PER_RUN; step++) {
          const fills = new Map<string, { id: string; genome: Genome }>();
          for (const [slot, slotShape] of slotShapes) {
            if (rng.chance(0.2)) continue;
            // Half the modules evolve on the task input, as coevolution's do, and may not fit the slot.
            const inputShape = rng.chance(0.5) ? slotShape : context.inputShape;
            const moduleContext: LayerGraphContext = {
              candidateSet: defaultCandidateSet(inputShape),
              shape: { ...context, inputShape },
              limits,
              maxLayers: rng.int(1, 4),
              innovations,
            };
            fills.set(slot, { id: slot, genome: randomGenome(rng, moduleContext) });
          }
          const { genome } = assembleTemplate(template, fills, context, limits);
          expectValid(genome, context, limits, 'assembly');
          expect(genome.nodes.some((node) => node.kind === 'moduleSlot')).toBe(false);
          expect(keepsTemplate(genome, template), JSON.stringify(genome)).toBe(true);
          expect(keepsFixedGenes(template, genome), JSON.stringify(genome)).toBe(true);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('mutation and crossover never alter fixed layers', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), fc.constantFrom(...TEMPLATES), fc.constantFrom(...LIMITS), (seed, { context, template }, limits) => {
        // The template with every slot passing through is a network with fixed layers.
        const start = assembleTemplate(template, new Map(), context, limits).genome;
        const rng = new Rng(seed);
        const layerContext: LayerGraphContext = {
          candidateSet: defaultCandidateSet(context.inputShape),
          shape: context,
          limits,
          maxLayers: 8,
          innovations: new InnovationCounter('n'),
        };
        const pool: Genome[] = [start];
        for (let step = 0; step < MUTATIONS_PER_RUN; step++) {
          const child = mutateLayerGraph(rng.pick(pool), rng, layerContext).genome;
          expectValid(child, context, limits, 'mutation');
          expect(keepsFixedGenes(start, child), JSON.stringify(child)).toBe(true);
          pool.push(child);
        }
        const child = crossoverLayerGraphs(rng.pick(pool), rng.pick(pool), rng, { shape: context, limits });
        expectValid(child, context, limits, 'crossover');
        expect(keepsFixedGenes(start, child), JSON.stringify(child)).toBe(true);
      }),
      { numRuns: 150 },
    );
    expect(checks).toBeGreaterThan(2000);
  });
});
