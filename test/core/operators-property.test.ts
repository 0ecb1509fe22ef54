import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assembleGenome } from '../../src/core/assembly';
import { blueprintProblems, chainBlueprint, mutateBlueprint, type Blueprint } from '../../src/core/blueprint';
import { defaultCandidateSet } from '../../src/core/candidate-set';
import { crossoverLayerGraphs } from '../../src/core/crossover';
import { DEFAULT_LIMITS, analyzeGenome, chainGenome, topologicalOrder, type Genome, type SizeLimits } from '../../src/core/genome';
import { reachableFrom } from '../../src/core/graph';
import { InnovationCounter } from '../../src/core/innovation';
import type { ShapeContext } from '../../src/core/layers';
import { mutateLayerGraph, type LayerGraphContext } from '../../src/core/mutation';
import { Rng } from '../../src/core/rng';

const CONTEXTS: ShapeContext[] = [
  { inputShape: [2], outputUnits: 2 },
  { inputShape: [4], outputUnits: 3 },
  { inputShape: [28, 28, 1], outputUnits: 10 },
  { inputShape: [8, 8, 3], outputUnits: 5 },
  { inputShape: [10, 1], outputUnits: 1 },
];

/** Tight limits make repair drop layers for size too, not only for shape. */
const LIMITS: SizeLimits[] = [DEFAULT_LIMITS, { maxParams: 60_000, maxActivation: 30_000 }];

const MUTATIONS_PER_RUN = 30;
const CROSSOVERS_PER_RUN = 10;
const ASSEMBLIES_PER_RUN = 8;

let operations = 0;

/** Fails with the genome and its issues unless it is valid, acyclic and connected input to output. */
function expectSound(genome: Genome, context: ShapeContext, limits: SizeLimits, what: string): void {
  operations += 1;
  const analysis = analyzeGenome(genome, context, limits);
  const detail = `${what} for input ${JSON.stringify(context.inputShape)}: ${JSON.stringify(analysis.issues)}\n${JSON.stringify(genome)}`;
  expect(analysis.valid, detail).toBe(true);
  expect(topologicalOrder(genome), detail).not.toBeNull();

  const input = genome.nodes.find((node) => node.kind === 'input')!;
  const output = genome.nodes.find((node) => node.kind === 'output')!;
  const forward = reachableFrom(genome.nodes, input.id, 'forward');
  const backward = reachableFrom(genome.nodes, output.id, 'backward');
  for (const node of genome.nodes) {
    expect(forward.has(node.id), `${node.id} not reached from the input; ${detail}`).toBe(true);
    expect(backward.has(node.id), `${node.id} does not reach the output; ${detail}`).toBe(true);
  }
}

describe('genetic operators', () => {
  it('keep every genome valid across random seeds and contexts', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 0x7fffffff }),
        fc.constantFrom(...CONTEXTS),
        fc.constantFrom(...LIMITS),
        fc.integer({ min: 1, max: 5 }),
        (seed, shape, limits, maxLayers) => {
          const rng = new Rng(seed);
          const innovations = new InnovationCounter('n');
          const context: LayerGraphContext = { candidateSet: defaultCandidateSet(shape.inputShape), shape, limits, maxLayers, innovations };
          const pool: Genome[] = [chainGenome([]), chainGenome([])];

          for (let step = 0; step < MUTATIONS_PER_RUN; step++) {
            const parent = rng.pick(pool);
            const child = mutateLayerGraph(parent, rng, context).genome;
            expectSound(child, shape, limits, 'mutation');
            pool.push(child);
          }
          for (let step = 0; step < CROSSOVERS_PER_RUN; step++) {
            const child = crossoverLayerGraphs(rng.pick(pool), rng.pick(pool), rng, { shape, limits });
            expectSound(child, shape, limits, 'crossover');
            pool.push(child);
          }

          // Blueprints grown by random mutations, assembled from random modules of the pool.
          const species = [1, 2, 3].map((id) => ({ id, weight: 1 }));
          let blueprint: Blueprint = chainBlueprint([1], innovations);
          for (let step = 0; step < ASSEMBLIES_PER_RUN; step++) {
            blueprint = mutateBlueprint(blueprint, rng, { species, merges: ['add', 'concatenate'], maxSlots: 4, innovations }).blueprint;
            expect(blueprintProblems(blueprint)).toEqual([]);
            const modules = new Map(species.map(({ id }) => [id, { id: `m${id}`, genome: rng.pick(pool) }]));
            expectSound(assembleGenome(blueprint, modules, shape, limits), shape, limits, 'assembly');
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(operations).toBeGreaterThanOrEqual(400 * (MUTATIONS_PER_RUN + CROSSOVERS_PER_RUN + ASSEMBLIES_PER_RUN));
  });
});
