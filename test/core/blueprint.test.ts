import { describe, expect, it } from 'vitest';
import { assembleGenome } from '../../src/core/assembly';
import {
  blueprintDistance,
  blueprintProblems,
  chainBlueprint,
  crossoverBlueprints,
  mutateBlueprint,
  namedSpecies,
  remapSpecies,
  slotsOf,
  type Blueprint,
  type BlueprintContext,
} from '../../src/core/blueprint';
import { canonicalHash } from '../../src/core/canonical';
import { assignCredit } from '../../src/core/credit';
import { analyzeGenome, chainGenome } from '../../src/core/genome';
import { InnovationCounter } from '../../src/core/innovation';
import type { ShapeContext } from '../../src/core/layers';
import { Rng } from '../../src/core/rng';

const vector: ShapeContext = { inputShape: [4], outputUnits: 3 };
const image: ShapeContext = { inputShape: [8, 8, 3], outputUnits: 10 };

const contextFor = (overrides: Partial<BlueprintContext> = {}): BlueprintContext => ({
  species: [1, 2, 3].map((id) => ({ id, weight: 1 })),
  merges: ['add', 'concatenate'],
  maxSlots: 4,
  innovations: new InnovationCounter('s'),
  ...overrides,
});

describe('blueprints', () => {
  it('chainBlueprint names species in order', () => {
    const blueprint = chainBlueprint([2, 1, 2], new InnovationCounter('s'));
    expect(slotsOf(blueprint).map((slot) => slot.species)).toEqual([2, 1, 2]);
    expect(namedSpecies(blueprint)).toEqual([2, 1]);
    expect(blueprintProblems(blueprint)).toEqual([]);
  });

  const malformed: [string, Blueprint, RegExp][] = [
    ['no slot', { nodes: [{ id: 'input', type: 'input', inputs: [] }, { id: 'output', type: 'output', inputs: ['input'] }] }, /at least one slot/],
    [
      'merge with one input',
      {
        nodes: [
          { id: 'input', type: 'input', inputs: [] },
          { id: 's', type: 'slot', species: 1, inputs: ['input'] },
          { id: 'm', type: 'merge', merge: 'add', inputs: ['s'] },
          { id: 'output', type: 'output', inputs: ['m'] },
        ],
      },
      /merge "m" takes 2 to 8 inputs but has 1/,
    ],
    [
      'dangling slot',
      {
        nodes: [
          { id: 'input', type: 'input', inputs: [] },
          { id: 's', type: 'slot', species: 1, inputs: ['input'] },
          { id: 't', type: 'slot', species: 1, inputs: ['input'] },
          { id: 'output', type: 'output', inputs: ['s'] },
        ],
      },
      /node "t" is not on a path from input to output/,
    ],
  ];
  for (const [name, blueprint, message] of malformed) {
    it(`blueprintProblems reports ${name}`, () => {
      expect(blueprintProblems(blueprint).join('\n')).toMatch(message);
    });
  }

  it('mutations keep blueprints well formed and within maxSlots', () => {
    const context = contextFor({ maxSlots: 3 });
    const seen = new Set<string>();
    let blueprint = chainBlueprint([1], context.innovations);
    const rng = new Rng(5);
    for (let step = 0; step < 300; step++) {
      const result = mutateBlueprint(blueprint, rng, context);
      if (result.mutation) seen.add(result.mutation);
      expect(blueprintProblems(result.blueprint)).toEqual([]);
      expect(slotsOf(result.blueprint).length).toBeLessThanOrEqual(3);
      blueprint = result.blueprint;
    }
    expect([...seen].sort()).toEqual(['add-branch', 'add-skip', 'change-species', 'insert-slot', 'remove-slot']);
  });

  it('a parallel slot names another species', () => {
    let branches = 0;
    for (let seed = 0; seed < 60; seed++) {
      const context = contextFor();
      const result = mutateBlueprint(chainBlueprint([2], context.innovations), new Rng(seed), context);
      if (result.mutation !== 'add-branch') continue;
      branches += 1;
      const species = slotsOf(result.blueprint).map((slot) => slot.species);
      expect(species).toHaveLength(2);
      expect(species[0]).not.toBe(species[1]);
    }
    expect(branches).toBeGreaterThan(0);
  });

  it('crossover keeps the fitter structure and mixes species', () => {
    const innovations = new InnovationCounter('s');
    const fitter = chainBlueprint([1, 2], innovations);
    const other: Blueprint = { nodes: fitter.nodes.map((node) => (node.type === 'slot' ? { ...node, species: 3 } : node)) };
    const species = new Set<number>();
    for (let seed = 0; seed < 20; seed++) {
      const child = crossoverBlueprints(fitter, other, new Rng(seed));
      expect(child.nodes.map((node) => node.id)).toEqual(fitter.nodes.map((node) => node.id));
      for (const slot of slotsOf(child)) species.add(slot.species);
    }
    expect([...species].sort()).toEqual([1, 2, 3]);
  });

  it('remapSpecies points slots at surviving species', () => {
    const blueprint = chainBlueprint([1, 2, 1], new InnovationCounter('s'));
    expect(slotsOf(remapSpecies(blueprint, new Map([[1, 5]]))).map((slot) => slot.species)).toEqual([5, 2, 5]);
  });

  it('blueprintDistance separates other species and structures', () => {
    const innovations = new InnovationCounter('s');
    expect(blueprintDistance(chainBlueprint([1], innovations), chainBlueprint([1], innovations))).toBe(0);
    expect(blueprintDistance(chainBlueprint([1], innovations), chainBlueprint([2], innovations))).toBe(2);
    expect(blueprintDistance(chainBlueprint([1], innovations), chainBlueprint([1, 2], innovations))).toBe(1);
  });
});

describe('assembleGenome', () => {
  const denseModule = { id: 'm1', genome: chainGenome([{ kind: 'dense', params: { units: 8 } }, { kind: 'dropout' }]) };
  const convModule = { id: 'm2', genome: chainGenome([{ kind: 'conv2d', params: { filters: 4 } }]) };

  it('substitutes the same module for every slot naming a species', () => {
    const blueprint = chainBlueprint([1, 1], new InnovationCounter('s'));
    const genome = assembleGenome(blueprint, new Map([[1, denseModule]]), vector);
    const kinds = genome.nodes.map((node) => node.kind);
    expect(kinds).toEqual(['input', 'dense', 'dropout', 'dense', 'dropout', 'output']);
    expect(analyzeGenome(genome, vector).valid).toBe(true);
    expect(new Set(genome.nodes.map((node) => node.id)).size).toBe(genome.nodes.length);
  });

  it('equals the module network for a one-slot blueprint', () => {
    const blueprint = chainBlueprint([1], new InnovationCounter('s'));
    const genome = assembleGenome(blueprint, new Map([[1, denseModule]]), vector);
    expect(canonicalHash(genome)).toBe(canonicalHash(denseModule.genome));
  });

  it('repairs modules that do not fit where they land', () => {
    // The flatten module hands the conv2d module a vector, so repair drops the conv2d.
    const flattenModule = { id: 'm3', genome: chainGenome([{ kind: 'flatten' }]) };
    const blueprint = chainBlueprint([1, 2], new InnovationCounter('s'));
    const genome = assembleGenome(blueprint, new Map([[1, flattenModule], [2, convModule]]), image);
    expect(analyzeGenome(genome, image).valid).toBe(true);
    expect(genome.nodes.map((node) => node.kind)).toEqual(['input', 'flatten', 'output']);
  });

  it('drops a flatten that meets a vector', () => {
    const mlpModule = { id: 'm4', genome: chainGenome([{ kind: 'flatten' }, { kind: 'dense', params: { units: 16 } }]) };
    const blueprint = chainBlueprint([1, 1], new InnovationCounter('s'));
    const simplified = assembleGenome(blueprint, new Map([[1, mlpModule]]), image);
    expect(simplified.nodes.map((node) => node.kind)).toEqual(['input', 'flatten', 'dense', 'dense', 'output']);
    expect(analyzeGenome(simplified, image).valid).toBe(true);
    const exact = assembleGenome(blueprint, new Map([[1, mlpModule]]), image, undefined, true);
    expect(exact.nodes.map((node) => node.kind)).toEqual(['input', 'flatten', 'dense', 'flatten', 'dense', 'output']);
  });

  it('joins parallel slots with the blueprint merge', () => {
    const blueprint: Blueprint = {
      nodes: [
        { id: 'input', type: 'input', inputs: [] },
        { id: 'a', type: 'slot', species: 1, inputs: ['input'] },
        { id: 'b', type: 'slot', species: 2, inputs: ['input'] },
        { id: 'm', type: 'merge', merge: 'concatenate', inputs: ['a', 'b'] },
        { id: 'output', type: 'output', inputs: ['m'] },
      ],
    };
    const genome = assembleGenome(blueprint, new Map([[1, convModule], [2, convModule]]), image);
    expect(analyzeGenome(genome, image).valid).toBe(true);
    expect(genome.nodes.find((node) => node.id === 'm')!.inputs).toEqual(['a:l1', 'b:l1']);
  });
});

describe('assignCredit', () => {
  it('credits the mean over the networks each member took part in', () => {
    const credit = assignCredit([
      { blueprintId: 'b1', moduleIds: ['m1', 'm2'], fitness: 0.9, failed: false, params: 100 },
      { blueprintId: 'b1', moduleIds: ['m1', 'm3'], fitness: 0.5, failed: false, params: 300 },
      { blueprintId: 'b2', moduleIds: ['m3', 'm3'], fitness: 0.2, failed: false, params: 500 },
      { blueprintId: 'b2', moduleIds: ['m4'], fitness: 0.7, failed: true, params: 700 },
    ]);
    expect(credit.blueprints.get('b1')!.fitness).toBeCloseTo(0.7);
    expect(credit.blueprints.get('b2')!.fitness).toBeCloseTo(0.1);
    expect(credit.modules.get('m1')!.fitness).toBeCloseTo(0.7);
    expect(credit.modules.get('m2')!.fitness).toBeCloseTo(0.9);
    expect(credit.modules.get('m3')!).toEqual({ fitness: 0.35, params: 400, networks: 2, failed: false });
    expect(credit.modules.get('m4')!).toEqual({ fitness: 0, params: 700, networks: 1, failed: true });
    expect(credit.blueprints.get('b1')!.params).toBe(200);
    expect(credit.modules.has('m5')).toBe(false);
  });
});
