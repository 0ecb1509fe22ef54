/**
 * The validator's verdict on the editor's graph, computed once per genome and shape
 * context however many views ask for it. Genomes are immutable, so a result cached on the
 * genome object stays right, and it is dropped with the genome.
 */

import { analyzeGenome, type Genome, type GenomeAnalysis } from '../core/genome';
import type { ShapeContext } from '../core/layers';

const cache = new WeakMap<Genome, { readonly context: ShapeContext; readonly analysis: GenomeAnalysis }>();

/** Runs `analyzeGenome`, reusing the last result for the same genome and context objects. */
export function analyzeGraph(genome: Genome, context: ShapeContext): GenomeAnalysis {
  const cached = cache.get(genome);
  if (cached && cached.context === context) return cached.analysis;
  const analysis = analyzeGenome(genome, context);
  cache.set(genome, { context, analysis });
  return analysis;
}
