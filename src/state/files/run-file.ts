/**
 * A run as a JSON file, in the shape the command line's `--json` writes (version 1), plus
 * an `evaluation` number per candidate and the editor's canvas positions. Importing reads
 * such a file from either source and validates it like a link: the config is restored, and
 * every genome is checked against the task before it is shown.
 */

import { canonicalHash } from '../../core/canonical';
import { analyzeGenome, type Genome } from '../../core/genome';
import type { GenerationSummary, PopulationSummary } from '../../core/strategy';
import { taskOf } from '../../data/tasks';
import { BACKENDS, type BackendName, type EvaluationMetrics } from '../../train/types';
import { compareCandidates, type EvaluatedCandidate, type RunStatus } from '../../workers/coordinator';
import type { RunConfig } from '../../workers/run-config';
import { shapeContextOf } from '../graph-context';
import type { XY } from '../graph-model';
import { restoreRunConfig } from '../share/restore-config';
import { restoreGenome, restorePositions } from '../share/restore-share';
import { capNotes } from '../share/link-codec';
import { jsonFailureText, parseJsonSafely } from '../share/safe-json';
import type { RestoreNote } from '../share/share-state';
import { starterGenome } from '../starter';

export const RUN_FILE_VERSION = 1;
/** Largest run file read, about a hundred thousand candidates. */
export const MAX_RUN_FILE_CHARS = 100_000_000;
const MAX_CANDIDATES = 100_000;

export interface RunFileInput {
  readonly config: RunConfig;
  readonly positions?: ReadonlyMap<string, XY>;
  readonly status: RunStatus | 'running';
  readonly message: string | null;
  readonly elapsedMs: number;
  readonly startedAt: Date;
  readonly evaluations: readonly EvaluatedCandidate[];
  readonly generations: readonly GenerationSummary[];
  readonly best: EvaluatedCandidate | null;
  readonly final: EvaluatedCandidate | null;
  /** Example counts of the splits, when the page loaded the data set. */
  readonly counts: { readonly train: number; readonly validation: number; readonly test: number } | null;
}

/** Returns a candidate's record as the command line's `--json` file writes it. */
export function resultCandidateRecord(evaluated: EvaluatedCandidate) {
  const { candidate, metrics } = evaluated;
  return {
    id: candidate.id,
    generation: candidate.generation,
    hash: candidate.hash,
    origin: candidate.origin,
    genome: candidate.genome,
    fitness: evaluated.fitness,
    metrics,
    failure: evaluated.failure ?? null,
    reused: evaluated.reused,
    worker: evaluated.worker,
    finishedAtMs: evaluated.finishedAt,
  };
}

function candidateRecord(evaluated: EvaluatedCandidate) {
  return { ...resultCandidateRecord(evaluated), evaluation: evaluated.evaluation };
}

/** Builds the run file object; `JSON.stringify` it to save. */
export function buildRunFile(input: RunFileInput) {
  const task = taskOf(input.config.task);
  const backends = [...new Set(input.evaluations.flatMap((result) => (result.metrics ? [result.metrics.backend] : [])))];
  return {
    version: RUN_FILE_VERSION,
    tool: 'nas-playground',
    startedAt: input.startedAt.toISOString(),
    status: input.status,
    message: input.message,
    elapsedMs: input.elapsedMs,
    backends,
    task: { id: task.id, name: task.name, inputShape: task.inputShape, outputUnits: task.outputUnits, counts: input.counts },
    config: input.config,
    positions: input.positions ? [...input.positions].map(([id, at]) => ({ id, x: at.x, y: at.y })) : undefined,
    generations: input.generations,
    candidates: input.evaluations.map(candidateRecord),
    best: input.best ? candidateRecord(input.best) : null,
    final: input.final ? candidateRecord(input.final) : null,
  };
}

// ---- reading ------------------------------------------------------------------------------

export interface ImportedRun {
  /** The restored config, its graph in `seedGenome`. */
  readonly config: RunConfig;
  readonly positions?: Map<string, XY>;
  readonly status: RunStatus;
  readonly elapsedMs: number;
  readonly startedAt: number;
  readonly candidates: readonly EvaluatedCandidate[];
  readonly generations: readonly GenerationSummary[];
  /** The final network, retrained at the end of the run; null when the run had none. */
  readonly final: EvaluatedCandidate | null;
}

export type RunFileOutcome = { ok: true; run: ImportedRun; notes: RestoreNote[] } | { ok: false; error: string };

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const finite = (value: unknown, fallback: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : fallback);
const fraction = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : null);
const wholeAtLeast = (value: unknown, min: number, fallback: number): number => (Number.isInteger(value) && (value as number) >= min ? (value as number) : fallback);
const text = (value: unknown, max = 500): string | undefined => (typeof value === 'string' ? value.slice(0, max) : undefined);

/** Names a value's type for a note: "an object", "a list", or the value itself when short. */
function describeValue(value: unknown): string {
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object' && value !== null) return 'an object';
  const shown = JSON.stringify(value) ?? String(value);
  return shown.length > 40 ? `${shown.slice(0, 40)}…` : shown;
}

const STATUSES: readonly RunStatus[] = ['completed', 'stopped', 'time-budget', 'failed'];
const POPULATIONS: readonly PopulationSummary['name'][] = ['networks', 'modules', 'blueprints'];
const CANDIDATE_ID = /^[\w:.-]{1,60}$/;

/** A coefficient of determination as a run file gives it: any finite number (it can be negative), or null. */
const r2 = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);

/**
 * Reads a fraction that a run file should give in [0, 1]. A number outside is clamped, and
 * the note names the field and both values.
 */
function readFraction(value: unknown, field: string, notes: RestoreNote[]): number | null {
  const clamped = fraction(value);
  if (clamped !== null && clamped !== value) notes.push({ field, reason: `${String(value)} is outside 0 to 1; ${clamped} was used.` });
  return clamped;
}

function readMetrics(value: unknown, genome: Genome, config: RunConfig, field: string, notes: RestoreNote[]): EvaluationMetrics | null {
  if (!isRecord(value)) return null;
  const analysis = analyzeGenome(genome, shapeContextOf(config));
  const trainLoss = Array.isArray(value.trainLoss) ? value.trainLoss.slice(0, 10_000).map((loss) => finite(loss, Number.NaN)) : [];
  const knownBackend = (BACKENDS as readonly unknown[]).includes(value.backend);
  if (!knownBackend && value.backend !== undefined) notes.push({ field: `${field}.backend`, reason: `names no backend (${JSON.stringify(value.backend)}); it reads as cpu.` });
  const backend = knownBackend ? (value.backend as BackendName) : 'cpu';
  return {
    fitness: readFraction(value.fitness, `${field}.fitness`, notes) ?? 0,
    validationLoss: finite(value.validationLoss, Number.NaN),
    validationAccuracy: readFraction(value.validationAccuracy, `${field}.validationAccuracy`, notes),
    testLoss: finite(value.testLoss, Number.NaN),
    testAccuracy: readFraction(value.testAccuracy, `${field}.testAccuracy`, notes),
    validationR2: r2(value.validationR2),
    testR2: r2(value.testR2),
    trainLoss,
    params: analysis.totalParams,
    flops: analysis.totalFlops,
    epochs: wholeAtLeast(value.epochs, 0, trainLoss.length),
    trainMs: Math.max(0, finite(value.trainMs, 0)),
    backend,
    fallbackReason: text(value.fallbackReason),
    diverged: text(value.diverged),
    bestEpoch: Number.isInteger(value.bestEpoch) && (value.bestEpoch as number) >= 1 ? (value.bestEpoch as number) : undefined,
  };
}

function readCandidate(value: unknown, index: number, config: RunConfig, notes: RestoreNote[], field = `candidates[${index}]`): EvaluatedCandidate | null {
  if (!isRecord(value)) {
    notes.push({ field, reason: 'is not a candidate; it was skipped.' });
    return null;
  }
  const genome = restoreGenome(value.genome, shapeContextOf(config), `${field}.genome`, notes);
  if (genome === null) {
    notes.push({ field, reason: 'has no valid network for this task; it was skipped.' });
    return null;
  }
  const metrics = readMetrics(value.metrics, genome, config, `${field}.metrics`, notes);
  const id = typeof value.id === 'string' && CANDIDATE_ID.test(value.id) ? value.id : `imported-${index + 1}`;
  return {
    candidate: { id, generation: wholeAtLeast(value.generation, 0, 0), genome, hash: canonicalHash(genome), origin: { type: 'random' } },
    metrics,
    fitness: metrics === null ? 0 : (readFraction(value.fitness, `${field}.fitness`, notes) ?? metrics.fitness),
    failure: text(value.failure),
    reused: value.reused === true,
    worker: wholeAtLeast(value.worker, -1, -1),
    evaluation: wholeAtLeast(value.evaluation, 1, index + 1),
    finishedAt: Math.max(0, finite(value.finishedAtMs, 0)),
  };
}

function readGeneration(value: unknown): GenerationSummary | null {
  if (!isRecord(value) || !Number.isInteger(value.generation) || !Array.isArray(value.populations)) return null;
  const populations = value.populations.filter(isRecord).filter((p) => POPULATIONS.includes(p.name as PopulationSummary['name'])).map((p): PopulationSummary => ({
    name: p.name as PopulationSummary['name'],
    best: fraction(p.best) ?? 0,
    mean: fraction(p.mean) ?? 0,
    worst: fraction(p.worst) ?? 0,
    size: wholeAtLeast(p.size, 0, 0),
    species: (Array.isArray(p.species) ? p.species : []).filter(isRecord).slice(0, 1000).map((s) => ({
      id: wholeAtLeast(s.id, 0, 0),
      size: wholeAtLeast(s.size, 0, 0),
      bestFitness: fraction(s.bestFitness) ?? 0,
      meanFitness: fraction(s.meanFitness) ?? 0,
    })),
  }));
  return { generation: value.generation as number, populations };
}

/** Reads a run file (from this app or the command line); never throws. */
export function readRunFile(source: string): RunFileOutcome {
  if (source.length > MAX_RUN_FILE_CHARS) return { ok: false, error: `The file is ${source.length.toLocaleString('en-US')} characters long, above the ${MAX_RUN_FILE_CHARS.toLocaleString('en-US')} a run file may have.` };
  const notes: RestoreNote[] = [];
  const parsed = parseJsonSafely(source, (key) => notes.push({ field: key, reason: 'is a reserved name and was dropped.' }));
  if (!parsed.ok) return { ok: false, error: jsonFailureText('The file', parsed) };
  const file = parsed.value;
  if (!isRecord(file) || file.tool !== 'nas-playground') return { ok: false, error: 'The file is not a NAS Playground run file (its "tool" field is not "nas-playground").' };
  if (file.version !== RUN_FILE_VERSION) return { ok: false, error: `The run file has version ${JSON.stringify(file.version)}; this app reads version ${RUN_FILE_VERSION}.` };

  const restored = restoreRunConfig(file.config, notes);
  const graphInput = isRecord(file.config) ? file.config.seedGenome : undefined;
  let graph = graphInput === undefined ? null : restoreGenome(graphInput, shapeContextOf(restored), 'config.seedGenome', notes, true);
  const positions = graph ? restorePositions(file.positions, graph, notes) : undefined;
  graph ??= starterGenome(restored.task.id);
  const config: RunConfig = { ...restored, seedGenome: graph };

  const list = Array.isArray(file.candidates) ? file.candidates : [];
  if (file.candidates !== undefined && !Array.isArray(file.candidates)) notes.push({ field: 'candidates', reason: `must be a list of candidates, got ${describeValue(file.candidates)}; no candidates were read.` });
  if (list.length > MAX_CANDIDATES) notes.push({ field: 'candidates', reason: `lists ${list.length} candidates; only the first ${MAX_CANDIDATES} were read.` });
  const candidates = list.slice(0, MAX_CANDIDATES).map((entry, index) => readCandidate(entry, index, config, notes)).filter((entry): entry is EvaluatedCandidate => entry !== null);
  candidates.sort((a, b) => a.evaluation - b.evaluation || a.finishedAt - b.finishedAt);
  const generationList = Array.isArray(file.generations) ? file.generations : [];
  if (file.generations !== undefined && !Array.isArray(file.generations)) notes.push({ field: 'generations', reason: `must be a list of generation summaries, got ${describeValue(file.generations)}; the charts show none.` });
  const generations = generationList.map(readGeneration).filter((entry): entry is GenerationSummary => entry !== null);
  const skipped = generationList.length - generations.length;
  if (skipped > 0) notes.push({ field: 'generations', reason: `${skipped} of ${generationList.length} summaries lack a whole generation number or a populations list; they were skipped.` });
  // The final network is what the run's page exported; without it, Export saves the best candidate.
  const final = file.final === undefined || file.final === null ? null : readCandidate(file.final, 0, config, notes, 'final');
  const startedAt = typeof file.startedAt === 'string' ? Date.parse(file.startedAt) : Number.NaN;

  return {
    ok: true,
    // A file of thousands of edited candidates would otherwise list a note for each of them.
    notes: capNotes(notes, 'file'),
    run: {
      config,
      positions,
      status: STATUSES.includes(file.status as RunStatus) ? (file.status as RunStatus) : 'stopped',
      elapsedMs: Math.max(0, finite(file.elapsedMs, 0)),
      startedAt: Number.isFinite(startedAt) ? startedAt : Date.now(),
      candidates,
      generations,
      final,
    },
  };
}

/** Returns the best of the imported candidates, as the run panel ranks them. */
export const bestOf = (candidates: readonly EvaluatedCandidate[]): EvaluatedCandidate | null => [...candidates].sort(compareCandidates)[0] ?? null;
