/** Small builders shared by the core tests. */

import type { Genome, LayerGene } from '../../src/core/genome';
import { defaultParams, type LayerKind, type LayerParams } from '../../src/core/layers';

export const gene = (id: string, kind: LayerKind, inputs: string[], params: LayerParams = {}): LayerGene => ({
  id,
  kind,
  inputs,
  params: { ...defaultParams(kind), ...params },
});

/** A genome from a list of genes, with the input node added in front. */
export const graph = (...nodes: LayerGene[]): Genome => ({ nodes: [gene('input', 'input', []), ...nodes] });
