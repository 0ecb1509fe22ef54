/**
 * Shape inference (src/core) against tfjs itself: random valid genomes are built as tfjs
 * models, and every gene's inferred output shape and parameter count must equal what tfjs
 * reports for the layers built from it.
 */

import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeGenome, INPUT_ID, OUTPUT_ID, type Genome, type LayerGene } from '../../src/core/genome';
import { LAYERS, type LayerKind, type LayerParams, type ParamSpec, type ShapeContext } from '../../src/core/layers';
import { Rng } from '../../src/core/rng';
import { buildModel, geneLayerNames } from '../../src/train/model';
import { useBackend } from './fixtures';

const GENOMES_PER_CONTEXT = 40;
/** Units and filters stay small so that the models build quickly. */
const WIDTH_CAP = 8;

const SHARED_KINDS: LayerKind[] = ['dense', 'activation', 'batchNormalization', 'dropout', 'flatten', 'add', 'concatenate'];
const IMAGE_KINDS: LayerKind[] = [...SHARED_KINDS, 'conv2d', 'conv2d', 'maxPooling2d', 'averagePooling2d', 'globalAveragePooling2d'];

const CONTEXTS: { name: string; context: ShapeContext; kinds: LayerKind[] }[] = [
  { name: 'image 12×12×3', context: { inputShape: [12, 12, 3], outputUnits: 4 }, kinds: IMAGE_KINDS },
  { name: 'image 8×8×1', context: { inputShape: [8, 8, 1], outputUnits: 3 }, kinds: IMAGE_KINDS },
  { name: 'vector 5', context: { inputShape: [5], outputUnits: 2 }, kinds: SHARED_KINDS },
  { name: 'sequence 6×3', context: { inputShape: [6, 3], outputUnits: 1 }, kinds: [...SHARED_KINDS, 'simpleRNN', 'gru', 'lstm'] },
];

function randomParam(spec: ParamSpec, name: string, rng: Rng): number | string | boolean {
  switch (spec.type) {
    case 'int':
      return rng.int(spec.min, name === 'units' || name === 'filters' ? Math.min(spec.max, WIDTH_CAP) : spec.max);
    case 'float':
      return Math.round((spec.min + rng.float() * (spec.max - spec.min)) / spec.step) * spec.step;
    case 'enum':
      return rng.pick(spec.values);
    case 'bool':
      return rng.chance(0.5);
  }
}

function randomParams(kind: LayerKind, rng: Rng): LayerParams {
  const params: LayerParams = {};
  for (const [name, spec] of Object.entries(LAYERS[kind].params)) params[name] = randomParam(spec, name, rng);
  return params;
}

/**
 * Builds a random graph from the input to the output head: chains, branches, and merges that
 * prefer nodes no other node consumes yet. Branches left open are merged before the head.
 */
function randomGenome(kinds: readonly LayerKind[], rng: Rng): Genome {
  const nodes: LayerGene[] = [{ id: INPUT_ID, kind: 'input', params: {}, inputs: [] }];
  const consumed = new Set<string>();
  const open = () => nodes.map((n) => n.id).filter((id) => !consumed.has(id));
  const add = (kind: LayerKind, inputs: string[]) => {
    const id = `n${nodes.length}`;
    nodes.push({ id, kind, params: randomParams(kind, rng), inputs });
    inputs.forEach((source) => consumed.add(source));
  };

  const layers = rng.int(1, 6);
  for (let i = 0; i < layers; i++) {
    const kind = rng.pick(kinds);
    if (LAYERS[kind].group === 'merge') {
      const candidates = [...new Set([...open(), ...rng.shuffle(nodes.map((n) => n.id))])];
      add(kind, candidates.slice(0, Math.min(candidates.length, rng.int(2, 3))));
    } else {
      const last = nodes[nodes.length - 1].id;
      add(kind, [rng.chance(0.7) ? last : rng.pick(nodes).id]);
    }
  }

  const dangling = open();
  if (dangling.length > 1) add(rng.chance(0.5) ? 'add' : 'concatenate', dangling);
  nodes.push({ id: OUTPUT_ID, kind: 'output', params: {}, inputs: open() });
  return { nodes };
}

const describeGenome = (genome: Genome) =>
  genome.nodes.map((n) => `${n.id}:${n.kind}${JSON.stringify(n.params)}<-[${n.inputs.join(',')}]`).join(' ');

function validGenomes(kinds: readonly LayerKind[], context: ShapeContext, seed: number): Genome[] {
  const rng = new Rng(seed);
  const genomes: Genome[] = [];
  for (let attempt = 0; genomes.length < GENOMES_PER_CONTEXT && attempt < GENOMES_PER_CONTEXT * 100; attempt++) {
    const genome = randomGenome(kinds, rng);
    if (analyzeGenome(genome, context).valid) genomes.push(genome);
  }
  return genomes;
}

beforeAll(async () => {
  await useBackend('cpu');
});

describe('shape inference against tfjs', () => {
  it.each(CONTEXTS.map((c, i) => ({ ...c, seed: i + 1 })))('$name: shapes and parameter counts agree', ({ context, kinds, seed }) => {
    const genomes = validGenomes(kinds, context, seed);
    expect(genomes.length).toBe(GENOMES_PER_CONTEXT);

    for (const genome of genomes) {
      const where = describeGenome(genome);
      const analysis = analyzeGenome(genome, context);
      const names = geneLayerNames(genome, context);
      const model = buildModel(genome, context);

      try {
        expect(model.outputShape, where).toEqual([null, context.outputUnits]);
        expect(model.countParams(), where).toBe(analysis.totalParams);
        for (const gene of genome.nodes) {
          const layers = names.get(gene.id)!.map((name) => model.getLayer(name));
          const info = analysis.nodes.get(gene.id)!;
          expect(layers.at(-1)!.outputShape, `${gene.id} in ${where}`).toEqual([null, ...info.shape]);
          expect(layers.reduce((sum, layer) => sum + layer.countParams(), 0), `${gene.id} in ${where}`).toBe(info.params);
        }

        // The static shapes must also be the shapes a forward pass produces.
        const output = tf.tidy(() => (model.predict(tf.zeros([2, ...context.inputShape])) as tf.Tensor).shape);
        expect(output, where).toEqual([2, context.outputUnits]);
      } finally {
        model.dispose();
      }
    }
  });

  it('covers every layer kind of the registry', () => {
    const covered = new Set<string>();
    CONTEXTS.forEach(({ context, kinds }, i) => {
      for (const genome of validGenomes(kinds, context, i + 1)) genome.nodes.forEach((n) => covered.add(n.kind));
    });
    // A module slot has no tfjs layer: a search replaces it before any model is built.
    expect([...covered].sort()).toEqual(Object.keys(LAYERS).filter((kind) => kind !== 'moduleSlot').sort());
  });
});

describe('layer names', () => {
  it('derive from gene ids, made valid and unique for tfjs', () => {
    const context = { inputShape: [4, 4, 2], outputUnits: 3 };
    const genome: Genome = {
      nodes: [
        { id: 'input', kind: 'input', params: {}, inputs: [] },
        { id: 'conv a', kind: 'conv2d', params: { filters: 2, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' }, inputs: ['input'] },
        { id: 'conv_a', kind: 'dropout', params: { rate: 0.1 }, inputs: ['conv a'] },
        { id: '_hidden', kind: 'activation', params: { activation: 'tanh' }, inputs: ['conv_a'] },
        { id: 'output', kind: 'output', params: {}, inputs: ['_hidden'] },
      ],
    };

    const names = geneLayerNames(genome, context);
    const model = buildModel(genome, context);

    expect(Object.fromEntries(names)).toEqual({
      input: ['input'],
      'conv a': ['conv_a'],
      conv_a: ['conv_a_2'],
      _hidden: ['g_hidden'],
      // The head flattens its [4, 4, 2] input before its dense layer.
      output: ['output.1', 'output.2'],
    });
    expect(model.layers.map((layer) => layer.name)).toEqual(['input', 'conv_a', 'conv_a_2', 'g_hidden', 'output.1', 'output.2']);
    expect(model.getLayer('output.2').getClassName()).toBe('Dense');
    model.dispose();
  });

  it('reject an invalid genome with its issues', () => {
    const genome: Genome = { nodes: [{ id: 'input', kind: 'input', params: {}, inputs: [] }] };
    expect(() => buildModel(genome, { inputShape: [3], outputUnits: 2 })).toThrow(/Invalid network:\n- .*exactly one output head/);
  });
});
