/**
 * Explanations of shape errors in terms of the graph around the failing node. They say which
 * branch of a merge was downsampled, which merge input does not fit, and where a spatial
 * layer lost its height and width. The registry's shape rules see only shapes, so these
 * graph-level hints live here and `analyzeGenome` applies them.
 */

import type { LayerGene } from './genome';
import { LAYERS, formatShape, isLayerKind, type Shape, type ShapeError } from './layers';

/** The genes by id and the output shapes that `analyzeGenome` has inferred so far. */
export interface ShapeLookup {
  readonly byId: ReadonlyMap<string, LayerGene>;
  shapeOf(id: string): Shape | undefined;
}

export interface ShapeDiagnosis {
  readonly message: string;
  readonly fix: string;
  /** The connection to mark, when one input is the cause. */
  readonly edge?: { readonly from: string; readonly to: string };
}

const label = (gene: LayerGene): string => `${isLayerKind(gene.kind) ? LAYERS[gene.kind].label : gene.kind} "${gene.id}"`;

const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

const isSpatialKind = (gene: LayerGene): boolean =>
  isLayerKind(gene.kind) && (LAYERS[gene.kind].group === 'convolution' || LAYERS[gene.kind].group === 'pooling');

/**
 * Walks upstream from `start` (included) in breadth-first order and returns the first node
 * for which `test` holds, given the node, its first input's shape and its own shape.
 */
function findUpstream(
  start: string,
  lookup: ShapeLookup,
  test: (gene: LayerGene, input: Shape, output: Shape) => boolean,
): LayerGene | null {
  const seen = new Set<string>();
  const queue = [start];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    const gene = lookup.byId.get(id);
    if (!gene) continue;
    const output = lookup.shapeOf(id);
    const input = gene.inputs.length > 0 ? lookup.shapeOf(gene.inputs[0]) : undefined;
    if (input && output && test(gene, input, output)) return gene;
    queue.push(...gene.inputs);
  }
  return null;
}

/** Pool size that takes `large` to `small` along both spatial axes, or null when none of 2 to 4 does. */
function poolRatio(large: Shape, small: Shape): number | null {
  const ratio = large[0] / small[0];
  const fits = Number.isInteger(ratio) && ratio >= 2 && ratio <= 4 && Math.ceil(large[1] / ratio) === small[1];
  return fits ? ratio : null;
}

/**
 * Explains a merge whose image inputs differ in height and width, typically a residual skip
 * that jumps over a pooling layer or a strided convolution. Returns null for other merges.
 */
function diagnoseSpatialMerge(gene: LayerGene, shapes: readonly Shape[], lookup: ShapeLookup): ShapeDiagnosis | null {
  if (shapes.some((shape) => shape.length !== 3)) return null;
  const channelsMatter = gene.kind === 'add';
  const channelsAgree = shapes.every((shape) => shape[2] === shapes[0][2]);
  const spatialAgree = shapes.every((shape) => shape[0] === shapes[0][0] && shape[1] === shapes[0][1]);
  if (spatialAgree || (channelsMatter && !channelsAgree)) return null;

  const area = (shape: Shape) => shape[0] * shape[1];
  const largeIndex = shapes.reduce((best, shape, i) => (area(shape) > area(shapes[best]) ? i : best), 0);
  const smallIndex = shapes.reduce((best, shape, i) => (area(shape) < area(shapes[best]) ? i : best), 0);
  const [largeId, smallId] = [gene.inputs[largeIndex], gene.inputs[smallIndex]];
  const [large, small] = [shapes[largeIndex], shapes[smallIndex]];

  const downsampler = findUpstream(
    smallId,
    lookup,
    (node, input, output) => input.length === 3 && output.length === 3 && area(output) < area(input),
  );
  const ratio = poolRatio(large, small);
  const pool = ratio ? `a MaxPooling2D with pool size ${ratio}` : 'a pooling layer';
  const cause = downsampler
    ? ` ${label(downsampler)} downsamples one branch, and the connection from "${largeId}" skips over it.`
    : '';
  const after = downsampler ? `"${downsampler.id}"` : 'the downsampling layer';

  return {
    message: `${label(gene)}: its inputs differ only in height and width, ${formatShape(large)} from "${largeId}" and ${formatShape(small)} from "${smallId}".${cause}`,
    fix: `Pool the skip branch too (${pool} between "${largeId}" and "${gene.id}"), or move the skip so that it starts after ${after}.`,
    edge: { from: largeId, to: gene.id },
  };
}

/** Finds the first merge input that does not fit the first one; returns its index, or -1. */
function mismatchedInput(gene: LayerGene, shapes: readonly Shape[]): number {
  const first = shapes[0];
  return shapes.findIndex((shape, i) => {
    if (i === 0) return false;
    if (gene.kind === 'add') return !sameShape(shape, first);
    return shape.length !== first.length || shape.slice(0, -1).some((d, axis) => d !== first[axis]);
  });
}

/** Explains a convolution or pooling layer fed by a tensor without height and width. */
function diagnoseFlatSpatialInput(gene: LayerGene, shapes: readonly Shape[], error: ShapeError, lookup: ShapeLookup): ShapeDiagnosis {
  const flattener = findUpstream(gene.inputs[0], lookup, (_node, input, output) => input.length === 3 && output.length < 3);
  const fix = flattener
    ? `Move it before ${label(flattener)}, where the tensor still has height, width and channels, or use a dense layer instead.`
    : error.fix;
  return { message: `${label(gene)}: ${error.message}`, fix, edge: { from: gene.inputs[0], to: gene.id } };
}

/** Turns a shape rule's error at `gene` into a message, a fix and the connection to mark. */
export function diagnoseShapeError(
  gene: LayerGene,
  shapes: readonly Shape[],
  error: ShapeError,
  lookup: ShapeLookup,
): ShapeDiagnosis {
  const generic: ShapeDiagnosis = { message: `${label(gene)}: ${error.message}`, fix: error.fix };

  if (isLayerKind(gene.kind) && LAYERS[gene.kind].group === 'merge') {
    const spatial = diagnoseSpatialMerge(gene, shapes, lookup);
    if (spatial) return spatial;
    const index = mismatchedInput(gene, shapes);
    return index > 0 ? { ...generic, edge: { from: gene.inputs[index], to: gene.id } } : generic;
  }
  if (isSpatialKind(gene) && shapes.length === 1 && shapes[0].length < 3) {
    return diagnoseFlatSpatialInput(gene, shapes, error, lookup);
  }
  return gene.inputs.length === 1 ? { ...generic, edge: { from: gene.inputs[0], to: gene.id } } : generic;
}
