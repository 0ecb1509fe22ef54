import { describe, expect, it } from 'vitest';
import { alignGenes, layerGraphDistance, paramDifference } from '../../src/core/compatibility';
import { chainGenome } from '../../src/core/genome';
import { allocateOffspring, rankMembers, reproduce, selectionWeights, type Breeder, type ScoredMember } from '../../src/core/reproduction';
import { Rng } from '../../src/core/rng';
import { Speciation, nearestAliveSpecies } from '../../src/core/species';

const conv = (filters: number) => chainGenome([{ kind: 'conv2d', params: { filters } }]);
const dense = (units: number) => chainGenome([{ kind: 'dense', params: { units } }]);

describe('layerGraphDistance', () => {
  it('is 0 for equal graphs', () => {
    expect(layerGraphDistance(conv(8), conv(8))).toBe(0);
  });

  it('matches nodes by kind when ids differ', () => {
    const renamed = { nodes: conv(8).nodes.map((node) => (node.id === 'l1' ? { ...node, id: 'n99' } : node)) };
    const output = renamed.nodes.find((node) => node.kind === 'output')!;
    const fixed = { nodes: renamed.nodes.map((node) => (node === output ? { ...node, inputs: ['n99'] } : node)) };
    expect(layerGraphDistance(conv(8), fixed)).toBe(0);
  });

  it('grows with parameter differences', () => {
    expect(layerGraphDistance(conv(8), conv(16))).toBeGreaterThan(0);
    expect(layerGraphDistance(conv(8), conv(16))).toBeLessThan(layerGraphDistance(conv(8), dense(8)));
  });

  it('counts other kinds as disjoint genes', () => {
    // One unmatched node on each side.
    expect(layerGraphDistance(conv(8), dense(8))).toBe(2);
    expect(layerGraphDistance(chainGenome([{ kind: 'flatten' }]), chainGenome([{ kind: 'flatten' }, { kind: 'dense' }]))).toBe(1);
  });

  it('is symmetric', () => {
    const a = chainGenome([{ kind: 'conv2d' }, { kind: 'maxPooling2d' }, { kind: 'dense' }]);
    const b = chainGenome([{ kind: 'conv2d', params: { filters: 32 } }, { kind: 'dropout' }]);
    expect(layerGraphDistance(a, b)).toBeCloseTo(layerGraphDistance(b, a), 12);
  });

  it('paramDifference scales numbers and counts strings', () => {
    expect(paramDifference({ units: 8, activation: 'relu' }, { units: 16, activation: 'relu' })).toBeCloseTo(0.25);
    expect(paramDifference({ activation: 'relu' }, { activation: 'tanh' })).toBe(1);
  });

  it('alignGenes pairs by id, then by key in order', () => {
    const a = [{ id: 'x', key: 'dense' }, { id: 'y', key: 'conv' }];
    const b = [{ id: 'z', key: 'conv' }, { id: 'x', key: 'dense' }, { id: 'w', key: 'pool' }];
    const { pairs, unmatched } = alignGenes(a, b, (gene) => gene.key);
    expect(pairs.map(([p, q]) => `${p.id}-${q.id}`)).toEqual(['x-x', 'y-z']);
    expect(unmatched).toBe(1);
  });
});

describe('Speciation', () => {
  const options = { targetCount: 2, threshold: 1, step: 0.2, minThreshold: 0.2 };

  it('puts distinct structures in distinct species', () => {
    const speciation = new Speciation(layerGraphDistance, options);
    const { speciesOf } = speciation.assign([conv(8), dense(8), conv(16), dense(32), chainGenome([{ kind: 'dropout' }])]);
    expect(speciesOf[0]).toBe(speciesOf[2]);
    expect(speciesOf[1]).toBe(speciesOf[3]);
    expect(new Set([speciesOf[0], speciesOf[1], speciesOf[4]]).size).toBe(3);
  });

  it('keeps species ids across generations', () => {
    const speciation = new Speciation(layerGraphDistance, options);
    const first = speciation.assign([conv(8), dense(8)]).speciesOf;
    const second = speciation.assign([dense(16), conv(32), dense(64)]).speciesOf;
    expect(second).toEqual([first[1], first[0], first[1]]);
  });

  it('reports species that died out', () => {
    const speciation = new Speciation(layerGraphDistance, options);
    speciation.assign([conv(8), dense(8)]);
    const { alive, extinct } = speciation.assign([conv(16)]);
    expect(alive.map((species) => species.id)).toEqual([1]);
    expect(extinct.map((species) => species.id)).toEqual([2]);
  });

  it('moves the threshold toward the target count', () => {
    const speciation = new Speciation(layerGraphDistance, { ...options, targetCount: 1 });
    // Three species against a target of one: a miss of twice the target doubles the step.
    speciation.assign([conv(8), dense(8), chainGenome([{ kind: 'dropout' }])]);
    expect(speciation.threshold).toBeCloseTo(1.4);
    const lonely = new Speciation(layerGraphDistance, { ...options, targetCount: 5 });
    lonely.assign([conv(8)]);
    expect(lonely.threshold).toBeCloseTo(0.8);
  });

  it('maps an extinct species to the nearest alive one', () => {
    const mapping = nearestAliveSpecies(
      [{ id: 3, representative: conv(8) }],
      [{ id: 1, representative: dense(8) }, { id: 2, representative: conv(32) }],
      layerGraphDistance,
    );
    expect(mapping.get(3)).toBe(2);
  });
});

const member = (id: string, species: number, fitness: number | undefined, failed = false): ScoredMember<string> => ({
  id,
  value: id,
  species,
  fitness,
  failed,
});

describe('reproduction', () => {
  it('ranks failed members last and unevaluated before them', () => {
    const ranked = rankMembers([member('a', 1, 0, true), member('b', 1, undefined), member('c', 1, 0.2), member('d', 1, 0.9)]);
    expect(ranked.map((m) => m.id)).toEqual(['d', 'c', 'b', 'a']);
  });

  it('ranks equal fitness by fewer parameters', () => {
    const ranked = rankMembers([
      { ...member('big', 1, 0.9), params: 5000 },
      { ...member('small', 1, 0.9), params: 50 },
      { ...member('best', 1, 0.95), params: 9000 },
    ]);
    expect(ranked.map((m) => m.id)).toEqual(['best', 'small', 'big']);
  });

  it('allocates offspring by mean fitness', () => {
    const allocation = allocateOffspring(new Map([[1, 0.9], [2, 0.5], [3, 0.1]]), 10);
    expect([...allocation.elites].sort()).toEqual([1, 2]);
    const offspring = [1, 2, 3].map((id) => allocation.offspring.get(id)!);
    expect(offspring.reduce((sum, n) => sum + n, 0)).toBe(8);
    expect(offspring[0]).toBeGreaterThan(offspring[1]);
    expect(offspring[1]).toBeGreaterThan(offspring[2]);
  });

  it('keeps three quarters of the generation new', () => {
    const many = new Map(Array.from({ length: 8 }, (_, i) => [i + 1, 0.5 + i / 100] as [number, number]));
    const allocation = allocateOffspring(many, 8);
    expect([...allocation.elites].sort()).toEqual([7, 8]);
    expect([...allocation.offspring.values()].reduce((sum, n) => sum + n, 0)).toBe(6);
  });

  it('weights unevaluated species with the median', () => {
    const weights = selectionWeights(new Map([[1, 0.9], [2, undefined], [3, 0.5], [4, 0.1]]));
    expect(weights.get(2)).toBeCloseTo(weights.get(3)!, 12);
    expect(weights.get(4)).toBeCloseTo(0.08, 12);
    expect(weights.get(1)).toBeCloseTo(0.88, 12);
  });

  it('reproduce returns exactly the requested size with elites first', () => {
    const breeder: Breeder<string> = { mutate: (parent) => `${parent}'`, crossover: (fitter) => `${fitter}x` };
    const members = [member('a', 1, 0.9), member('b', 1, 0.1), member('c', 2, 0.5), member('d', 2, undefined)];
    const next = reproduce(members, 8, breeder, new Rng(1));
    expect(next).toHaveLength(8);
    expect(next.slice(0, 2).map((child) => child.eliteId)).toEqual(['a', 'c']);
    expect(next.slice(2).every((child) => child.eliteId === undefined)).toBe(true);
  });

  it('reproduce passes kept members on first', () => {
    const breeder: Breeder<string> = { mutate: (parent) => `${parent}'`, crossover: (fitter) => `${fitter}x` };
    const members = [member('a', 1, 0.9), member('b', 1, 0.1)];
    const next = reproduce(members, 8, breeder, new Rng(1), new Set(['b']));
    expect(next).toHaveLength(8);
    expect(next[0].eliteId).toBe('b');
    expect(next.filter((child) => child.eliteId !== undefined).map((child) => child.eliteId)).toEqual(['b', 'a']);
  });
});
