/** A single architecture as a JSON file: the genome with the task it was built for and its scores. */

import { canonicalHash } from '../../core/canonical';
import { analyzeGenome, type Genome } from '../../core/genome';
import type { ShapeContext } from '../../core/layers';
import type { TaskId } from '../../data/types';
import type { EvaluatedCandidate } from '../../workers/coordinator';
import { restoreGenome } from '../share/restore-share';
import { jsonFailureText, parseJsonSafely } from '../share/safe-json';
import type { RestoreNote } from '../share/share-state';

export const GENOME_FILE_FORMAT = 'nas-playground-genome';

/** Builds the genome file of an evaluated candidate, with its scores. */
export function buildGenomeFile(result: EvaluatedCandidate, task: TaskId, context: ShapeContext) {
  return {
    ...genomeFileHeader(task, context),
    candidate: result.candidate.id,
    hash: result.candidate.hash,
    fitness: result.fitness,
    validationAccuracy: result.metrics?.validationAccuracy ?? null,
    testAccuracy: result.metrics?.testAccuracy ?? null,
    params: result.metrics?.params ?? null,
    genome: result.candidate.genome,
  };
}

/** Builds the genome file of a network no search evaluated: its scores are null. */
export function buildNetworkGenomeFile(genome: Genome, task: TaskId, context: ShapeContext) {
  return {
    ...genomeFileHeader(task, context),
    candidate: null,
    hash: canonicalHash(genome),
    fitness: null,
    validationAccuracy: null,
    testAccuracy: null,
    params: analyzeGenome(genome, context).totalParams,
    genome,
  };
}

function genomeFileHeader(task: TaskId, context: ShapeContext) {
  return { format: GENOME_FILE_FORMAT, version: 1, task, inputShape: context.inputShape, outputUnits: context.outputUnits };
}

/** Reads a genome file, or a bare `{nodes: [...]}` genome, checked against the task. */
export function readGenomeFile(source: string, context: ShapeContext): { ok: true; genome: Genome; notes: RestoreNote[] } | { ok: false; errors: string[] } {
  const parsed = parseJsonSafely(source.slice(0, 5_000_000));
  if (!parsed.ok) return { ok: false, errors: [jsonFailureText('The file', parsed)] };
  const value = parsed.value as Record<string, unknown> | null;
  const genome = typeof value === 'object' && value !== null && value.format === GENOME_FILE_FORMAT ? value.genome : value;
  const notes: RestoreNote[] = [];
  const restored = restoreGenome(genome, context, 'genome', notes);
  if (restored === null) return { ok: false, errors: notes.map((note) => `${note.field} ${note.reason}`) };
  return { ok: true, genome: restored, notes };
}
