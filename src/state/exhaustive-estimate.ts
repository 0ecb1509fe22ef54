/**
 * What an exhaustive search of the current setup would cost before it starts: how many
 * chains it trains and roughly how long that takes, or why it is rejected.
 *
 * The time is an estimate from a model, not a measurement. A training step costs an
 * overhead per layer, its arithmetic at a throughput typical of WASM on one core, and a cost
 * per timestep of each recurrent layer, because tfjs runs those timesteps one by one. The
 * constants are fitted to the presets' runs in the browser app: Chromium 156, WASM, two
 * workers on the two-core development machine. There, 12 dense(4) chains on sin took 2.0 to
 * 3.3 s a run, 12 dense networks on parity 4.9 s, and 12 networks with simpleRNN or gru on
 * parity 17.4 s.
 */

import { analyzeGenome, DEFAULT_LIMITS, type Genome } from '../core/genome';
import { countExhaustive, enumerateChains, exhaustiveLimitMessage, type ExhaustiveCount } from '../core/exhaustive';
import { LAYERS, type ShapeContext } from '../core/layers';
import { taskOf } from '../data/tasks';
import { shapeContextOf } from './graph-context';
import type { BackendPreference, TrainingSettings } from '../train/types';
import type { RunConfig } from '../workers/run-config';
import type { ComparisonPlan } from './comparison-plan';
import { autoWorkerCount } from '../workers/worker-count';

/**
 * Milliseconds of one training step beyond its arithmetic, per layer (output included): op
 * dispatch and optimizer update. In exhaustive searches of spiral on WASM, two-layer chains
 * trained about 1.6 times as long as one-layer chains of the same steps, so this cost grows
 * with the layers. The value is the per-layer dispatch that the worker schedule assumes. A
 * network of one layer and its output costs about what a fixed 0.25 ms a step priced before.
 */
export const LAYER_STEP_MS = 0.12;
/** Training FLOPs per millisecond, about 4 GFLOP/s. */
export const FLOPS_PER_MS = 4e6;
/** Milliseconds per timestep of one recurrent layer in one training step. */
export const RECURRENT_TIMESTEP_MS = 0.45;
/** Model building and evaluation per candidate. */
export const CANDIDATE_OVERHEAD_MS = 60;
/** Chains sampled to average the cost over, spread evenly through the enumeration. */
const COST_SAMPLE = 200;
/** Combined speed of n workers relative to one: two workers measured 1.6 to 1.7 times one on cpu and wasm. */
export const parallelSpeedup = (workers: number): number => 1 + 0.6 * Math.max(0, workers - 1);

/** Estimated milliseconds to train one genome with these settings on `trainRows` rows. */
export function candidateCostMs(genome: Genome, context: ShapeContext, training: TrainingSettings, trainRows: number): number {
  const analysis = analyzeGenome(genome, context);
  const rows = training.maxTrainRows > 0 ? Math.min(training.maxTrainRows, trainRows) : trainRows;
  const steps = training.epochs * Math.max(1, Math.ceil(rows / training.batchSize));
  let recurrentTimesteps = 0;
  let layers = 0;
  for (const node of genome.nodes) {
    if (node.kind !== 'input') layers++;
    if (LAYERS[node.kind]?.group !== 'recurrent') continue;
    const input = analysis.nodes.get(node.inputs[0])?.shape ?? context.inputShape;
    recurrentTimesteps += input.length === 2 ? input[0] : 1;
  }
  const stepMs = LAYER_STEP_MS * layers + (3 * analysis.totalFlops * training.batchSize) / FLOPS_PER_MS + recurrentTimesteps * RECURRENT_TIMESTEP_MS;
  return CANDIDATE_OVERHEAD_MS + steps * stepMs;
}

/** Training rows of a task before it is loaded: 60% of a generated set, the shipped sets' known counts. */
export function expectedTrainRows(config: RunConfig): number {
  const task = taskOf(config.task);
  if (task.origin === 'generated') return Math.round(config.task.samples * 0.6);
  if (config.task.id === 'mnist') return 18_000;
  if (config.task.id === 'iris') return 90;
  return Math.round(task.defaultSamples * 0.6);
}

/** Workers a run of this config trains on: its setting, or what auto picks for the backend. */
export function effectiveWorkers(workers: number, backend: BackendPreference, cores: number): number {
  if (workers > 0) return workers;
  return autoWorkerCount(backend === 'webgl' || backend === 'webgpu' ? backend : 'wasm', cores);
}

export interface ExhaustiveEstimate {
  readonly space: ExhaustiveCount;
  /** Null when the space is within the limit; otherwise the engine's message on how to shrink it. */
  readonly rejection: string | null;
  /** Estimated wall time of the chains' training on `workers` workers, by the cost model alone; null when rejected. */
  readonly estimatedMs: number | null;
  /** Modelled milliseconds of an average chain on one worker; null when rejected. */
  readonly candidateModelMs: number | null;
  readonly workers: number;
}

/**
 * Counts the exhaustive space of `config` and, when it is within the limit, estimates the
 * time to train it on `workers` workers from a sample of its chains.
 */
export function estimateExhaustive(config: RunConfig, workers: number, trainRows = expectedTrainRows(config)): ExhaustiveEstimate {
  const context: ShapeContext = shapeContextOf(config);
  const set = config.search.candidateSet;
  const space = countExhaustive(set, context, { limits: DEFAULT_LIMITS });
  if (!space.withinLimit) return { space, rejection: exhaustiveLimitMessage(set, context, space), estimatedMs: null, candidateModelMs: null, workers };
  if (space.count === 0) {
    return {
      space,
      rejection: `No chain of 1 to ${space.maxDepth} layers from this candidate set fits the input of ${taskOf(config.task).name}. Enable a layer kind that accepts it (dense accepts any), or raise the maximum depth.`,
      estimatedMs: null,
      candidateModelMs: null,
      workers,
    };
  }

  const every = Math.max(1, Math.ceil(space.count / COST_SAMPLE));
  let sampled = 0;
  let total = 0;
  let index = 0;
  for (const genome of enumerateChains(set, context)) {
    if (index++ % every !== 0) continue;
    total += candidateCostMs(genome, context, config.training, trainRows);
    sampled++;
  }
  const perCandidate = sampled > 0 ? total / sampled : 0;
  return { space, rejection: null, estimatedMs: (perCandidate * space.count) / parallelSpeedup(workers), candidateModelMs: perCandidate, workers };
}

export interface ComparisonWorkload {
  /** Networks all runs of the comparison train together, at most. */
  readonly networks: number;
  /** Rough wall time of the whole comparison; null when no variant's cost could be estimated. */
  readonly estimatedMs: number | null;
}

/**
 * Estimates what a comparison trains before it starts: every run of every series, one after
 * another. An exhaustive series trains each chain of its candidate set, and any other series
 * its budget of architectures, or a population a generation without one. The chains also stand in for the networks a search builds
 * from the same set, although a search can build deeper ones, so the time is a rough figure.
 */
export function comparisonWorkload(plan: ComparisonPlan, cores: number): ComparisonWorkload {
  let networks = 0;
  let estimatedMs: number | null = null;
  for (const series of plan.series) {
    const { config } = series;
    const workers = effectiveWorkers(config.workers, config.backend, cores);
    const estimate = estimateExhaustive(config, workers);
    const chains = estimate.space.withinLimit ? estimate.space.count : 0;
    const budget = config.search.maxEvaluations ?? 0;
    // Without a budget, a search trains at most one population a generation.
    const searched = budget > 0 ? budget : config.search.generations * config.search.population;
    const perRun = config.search.strategy === 'exhaustive' ? chains : searched;
    networks += perRun * plan.seeds.length;
    if (estimate.candidateModelMs !== null && chains > 0) {
      estimatedMs = (estimatedMs ?? 0) + (plan.seeds.length * perRun * estimate.candidateModelMs) / parallelSpeedup(workers);
    }
  }
  return { networks, estimatedMs };
}
