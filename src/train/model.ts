/**
 * Genome → tf.LayersModel with the functional API.
 *
 * Each gene's registry record lists the tfjs-layers layers it builds as `{className, config}`.
 * They are instantiated through tfjs' serialization class registry, so a new registry record
 * needs no code here. Layer names derive from gene ids (see `geneLayerNames`).
 */

import { serialization } from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { registerChainedOps } from './chained-ops';
import { assertValidGenome, type Genome, type LayerGene } from '../core/genome';
import { LAYERS, type KerasLayerSpec, type Shape, type ShapeContext } from '../core/layers';

type Layer = tfl.LayersModel['layers'][number];
type SymbolicTensor = tfl.SymbolicTensor;

/** Characters tfjs accepts in layer and weight names, after a leading letter or digit. */
const NAME_CHARACTER = /[A-Za-z0-9_-]/;

/** Turns a gene id into a valid tfjs layer name stem (letters, digits, `_` and `-`). */
function nameStem(geneId: string): string {
  const safe = [...geneId].map((c) => (NAME_CHARACTER.test(c) ? c : '_')).join('');
  return /^[A-Za-z0-9]/.test(safe) ? safe : `g${safe}`;
}

/**
 * Returns, for each gene, the names of the tfjs layers it builds, in order: the gene id made
 * safe for tfjs when the gene builds one layer, and `<id>.1`, `<id>.2`, … when it builds
 * several. Ids that become equal once made safe get a `_2`, `_3`, … suffix. The input gene
 * maps to the model's InputLayer.
 */
export function geneLayerNames(genome: Genome, context: ShapeContext): Map<string, string[]> {
  const analysis = assertValidGenome(genome, context);
  const byId = new Map(genome.nodes.map((gene) => [gene.id, gene]));
  const usedStems = new Set<string>();
  const names = new Map<string, string[]>();

  for (const id of analysis.order) {
    let stem = nameStem(id);
    for (let n = 2; usedStems.has(stem); n++) stem = `${nameStem(id)}_${n}`;
    usedStems.add(stem);

    const gene = byId.get(id)!;
    const count = gene.kind === 'input' ? 1 : kerasSpecs(gene, analysis.nodes, context).length;
    names.set(id, count === 1 ? [stem] : Array.from({ length: count }, (_, i) => `${stem}.${i + 1}`));
  }
  return names;
}

function kerasSpecs(
  gene: LayerGene,
  nodes: ReadonlyMap<string, { readonly shape: Shape }>,
  context: ShapeContext,
): KerasLayerSpec[] {
  const inputShapes = gene.inputs.map((source) => nodes.get(source)!.shape);
  return LAYERS[gene.kind].keras(inputShapes, gene.params, context);
}

/** Instantiates one tfjs-layers layer from its Keras class name and config. */
function layerFromSpec(spec: KerasLayerSpec, name: string, gene: LayerGene): Layer {
  const entry = serialization.SerializationMap.getMap().classNameMap[spec.className];
  if (!entry) {
    throw new Error(
      `Gene "${gene.id}" (${gene.kind}) builds the layer class "${spec.className}", which tfjs-layers has not registered. ` +
        'Fix the className in its record in src/core/layers.ts, or import the package that registers it.',
    );
  }
  const [layerClass, fromConfig] = entry;
  return fromConfig(layerClass, { ...spec.config, name } as serialization.ConfigDict) as unknown as Layer;
}

export interface BuildOptions {
  /**
   * A layer between the model's input and the genome's first layers, which keeps the input's
   * shape: the model export's fixed standardisation (see export-model.ts).
   */
  readonly inputLayer?: Layer;
}

/**
 * Builds an untrained model for a valid genome; throws listing the genome's issues otherwise.
 * The output head yields logits (a linear dense layer), so losses apply softmax themselves.
 */
export function buildModel(genome: Genome, context: ShapeContext, options: BuildOptions = {}): tfl.LayersModel {
  registerChainedOps();
  const analysis = assertValidGenome(genome, context);
  const names = geneLayerNames(genome, context);
  const byId = new Map(genome.nodes.map((gene) => [gene.id, gene]));
  const outputs = new Map<string, SymbolicTensor>();
  let input: SymbolicTensor | undefined;
  let output: SymbolicTensor | undefined;

  for (const id of analysis.order) {
    const gene = byId.get(id)!;
    const layerNames = names.get(id)!;

    if (gene.kind === 'input') {
      input = tfl.input({ shape: [...context.inputShape], name: layerNames[0] });
      outputs.set(id, options.inputLayer ? (options.inputLayer.apply(input) as SymbolicTensor) : input);
      continue;
    }

    const sources = gene.inputs.map((source) => outputs.get(source)!);
    let current: SymbolicTensor | SymbolicTensor[] = sources.length === 1 ? sources[0] : sources;
    kerasSpecs(gene, analysis.nodes, context).forEach((spec, i) => {
      current = layerFromSpec(spec, layerNames[i], gene).apply(current) as SymbolicTensor;
    });
    if (Array.isArray(current)) {
      throw new Error(`Gene "${id}" (${gene.kind}) takes several inputs but builds no layer to merge them.`);
    }
    outputs.set(id, current);
    if (gene.kind === 'output') output = current;
  }

  return tfl.model({ inputs: input!, outputs: output!, name: 'candidate' });
}
