/**
 * Command-line flags of `npm run search`: one table of flags, each mapped onto a field of
 * the run configuration, so the CLI validates exactly what the app validates.
 */

import { basename } from 'node:path';
import { defaultCandidateSet } from '../core/candidate-set';
import { EARLY_STOPPING_RULES } from '../core/early-stopping';
import { DEFAULT_MAX_DEPTH, MAX_DEPTH_RANGE } from '../core/exhaustive';
import { isLayerKind, PLACEABLE_KINDS } from '../core/layers';
import { STRATEGY_NAMES, type CandidateSet, type StrategyName } from '../core/strategy';
import { TASKS } from '../data/tasks';
import { MAX_TOY_SAMPLES } from '../data/toy';
import { PRESET_IDS } from '../state/presets';
import { NUMERIC_FIELDS, defaultRunConfig, parseRunConfig, type NumericField, type NumericPath } from '../state/config';
import { TASK_IDS, type TaskId } from '../data/types';
import { starterGenome } from '../state/starter';
import { OPTIMIZERS } from '../train/types';
import type { RunConfig } from '../workers/run-config';
import { readCandidateSet } from './candidate-set-file';
import { outputPathProblem, overwrittenInputProblem } from './output-path';
import { UsageError } from './usage-error';

export { UsageError };

interface FlagSpec {
  readonly help: string;
  /** Config path the value goes to; `numeric` fields take their range from the schema. */
  readonly path?: NumericPath | 'task.id' | 'search.strategy' | 'search.earlyStopping' | 'training.optimizer' | 'backend';
  readonly choices?: readonly string[];
  readonly value?: string;
  /** Maximum value, where it is below the schema's because the schema also covers cases the flag never reaches. */
  readonly max?: number;
}

export const FLAGS: Readonly<Record<string, FlagSpec>> = {
  task: { path: 'task.id', choices: TASK_IDS, value: 'ID', help: 'Task to search on.' },
  data: {
    value: 'FILE',
    help:
      'Search on the rows of a data file (task custom). CSV: a header, numeric feature columns, a "split" column of train or test, and a "label" column of classes ' +
      'or a "target" column of numbers to predict (regression). JSON: {"train": {"x": [[...], ...], "y": [...]}, "test": {...}}, with "kind": "regression" for numbers. ' +
      'The validation split is carved from the training rows.',
  },
  strategy: { path: 'search.strategy', choices: STRATEGY_NAMES, value: 'NAME', help: 'Search strategy.' },
  generations: { path: 'search.generations', value: 'N', help: 'Generations to run.' },
  population: { path: 'search.population', value: 'N', help: 'Networks trained per generation (blueprint population).' },
  'module-population': { path: 'search.modulePopulation', value: 'N', help: 'Size of the module population.' },
  'max-module-layers': { path: 'search.maxModuleLayers', value: 'N', help: 'Maximum layers in one module; random and regularized networks have at most this times --max-blueprint-slots layers.' },
  'max-blueprint-slots': { path: 'search.maxBlueprintSlots', value: 'N', help: 'Maximum modules in one blueprint.' },
  'max-evaluations': { path: 'search.maxEvaluations', value: 'N', help: 'Stop after training this many distinct architectures, a repeat counting once (0: no limit).' },
  'early-stopping': { path: 'search.earlyStopping', choices: EARLY_STOPPING_RULES, value: 'RULE', help: 'Stop hopeless candidates early: by the median rule, or by successive halving within each generation.' },
  'sample-size': { path: 'search.sampleSize', value: 'N', help: 'Tournament size of regularized evolution (0: a quarter of its population).' },
  kinds: { value: 'LIST', help: "Restrict the task's default candidate set to these layer kinds, comma-separated (a kind it lacks gets the registry defaults)." },
  'candidate-set': { value: 'FILE', help: 'Read the candidate set from a JSON file: {"layers": [{"kind": "dense", "params": {"units": [8, 16]}}], "maxDepth": 2}.' },
  'max-depth': { value: 'N', help: `Maximum chain length the exhaustive strategy enumerates, ${MAX_DEPTH_RANGE.min} to ${MAX_DEPTH_RANGE.max} (default ${DEFAULT_MAX_DEPTH}).` },
  compare: { value: 'LIST', help: 'Run these strategies in turn, comma-separated, with the same task, candidate set, budget and seeds, and print best-so-far fitness against evaluations.' },
  seeds: { value: 'LIST', help: 'Search seeds of a comparison or preset run, comma-separated (default: --seed). Needs --compare or --preset.' },
  preset: { choices: PRESET_IDS, value: 'ID', help: 'Run the variants of a preset experiment; combines only with --workers, --seeds, --json and --quiet.' },
  epochs: { path: 'training.epochs', value: 'N', help: 'Training epochs per candidate.' },
  'batch-size': { path: 'training.batchSize', value: 'N', help: 'Examples per training step.' },
  'learning-rate': { path: 'training.learningRate', value: 'X', help: 'Optimizer learning rate.' },
  optimizer: { path: 'training.optimizer', choices: OPTIMIZERS, value: 'NAME', help: 'Optimizer.' },
  seed: { path: 'search.seed', value: 'N', help: 'Seed of the search and of weight initialisation.' },
  'data-seed': { path: 'task.seed', value: 'N', help: 'Seed of the data generator and split.' },
  noise: { path: 'task.noise', value: 'X', help: 'Noise of generated toy sets.' },
  samples: {
    path: 'task.samples',
    value: 'N',
    // Only generated tasks read the sample count, and they cap it below the schema's maximum.
    max: MAX_TOY_SAMPLES,
    help: 'Examples of a generated task (toy, sequence and regression sets). Iris, mnist and --data files ignore it.',
  },
  backend: { path: 'backend', choices: ['auto', 'wasm', 'cpu'], value: 'NAME', help: 'tfjs backend (auto picks wasm in Node).' },
  'final-epochs': { path: 'finalEpochs', value: 'N', help: 'Retrain the best candidate on all training rows for N epochs at the end (0: off).' },
  'max-train-rows': { path: 'training.maxTrainRows', value: 'N', help: 'Train each search candidate on at most N rows, a low-fidelity pass (0: all).' },
  workers: { path: 'workers', value: 'N', help: 'Worker threads training candidates in parallel.' },
  'time-budget': { path: 'timeBudgetSeconds', value: 'SECONDS', help: 'Stop after this many seconds and keep the best so far (0: no limit).' },
  json: { value: 'FILE', help: 'Write the config, every candidate and the best one to this JSON file.' },
  quiet: { help: 'Print only the summary table.' },
  help: { help: 'Show this help.' },
};

export interface CliOptions {
  readonly config: RunConfig;
  readonly json: string | null;
  readonly quiet: boolean;
  readonly help: boolean;
  /** Strategies to compare, in order; null for a single search. */
  readonly compare: readonly StrategyName[] | null;
  /** Seeds of a comparison or preset run; null when --seeds is not given. */
  readonly seeds: readonly number[] | null;
  /** The preset to run; null for none. */
  readonly preset: string | null;
  /** The data file of the custom task; null for a built-in task. */
  readonly dataFile: string | null;
}

/** Flags that may accompany --preset, which sets everything else. */
const PRESET_COMPANIONS = new Set(['preset', 'workers', 'seeds', 'json', 'quiet']);

export function helpText(): string {
  const lines = ['Usage: npm run search -- [flags]', '', 'Flags:'];
  for (const [name, spec] of Object.entries(FLAGS)) {
    const left = `  --${name}${spec.value ? ` ${spec.value}` : ''}`;
    let detail = spec.help;
    if (spec.choices) detail += ` One of: ${spec.choices.join(', ')}.`;
    if (spec.path && spec.path in NUMERIC_FIELDS) {
      const field: NumericField = NUMERIC_FIELDS[spec.path as NumericPath];
      detail += ` Range ${field.min} to ${spec.max ?? field.max}${field.unit ? ` ${field.unit}` : ''}.`;
    }
    lines.push(`${left.padEnd(30)}${detail}`);
  }
  lines.push('', 'Defaults: --task iris with the app\'s default settings for that task.');
  return lines.join('\n');
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
  node[keys[keys.length - 1]] = value;
}

/** Parses argv (without the node and script entries) into a validated run configuration. */
export function parseArgs(argv: readonly string[]): CliOptions {
  const values = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) {
      throw new UsageError(`Unexpected argument "${arg}": flags start with --. Run with --help to list them.`);
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2);
    const spec = FLAGS[name];
    if (!spec || !Object.prototype.hasOwnProperty.call(FLAGS, name)) {
      throw new UsageError(`Unknown flag --${name}. Accepted flags: ${Object.keys(FLAGS).map((f) => `--${f}`).join(', ')}.`);
    }
    if (values.has(name)) throw new UsageError(`The flag --${name} is given twice; give it once.`);
    if (!spec.value) {
      if (inline !== undefined) throw new UsageError(`The flag --${name} takes no value, got "${inline}".`);
      values.set(name, true);
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined || (inline === undefined && value.startsWith('--'))) {
      throw new UsageError(`The flag --${name} needs a value (${spec.value}).`);
    }
    if (value.trim() === '') throw new UsageError(`The flag --${name} needs a value (${spec.value}), got an empty one.`);
    values.set(name, value);
  }

  const taskValue = values.get('task');
  if (typeof taskValue === 'string' && !(TASK_IDS as readonly string[]).includes(taskValue)) {
    throw new UsageError(`Unknown task "${taskValue}". Accepted tasks: ${TASK_IDS.join(', ')}.`);
  }
  const preset = values.get('preset');
  if (typeof preset === 'string') {
    if (!PRESET_IDS.includes(preset)) throw new UsageError(`Unknown preset "${preset}". Presets: ${PRESET_IDS.join(', ')}.`);
    const extra = [...values.keys()].filter((flag) => !PRESET_COMPANIONS.has(flag));
    if (extra.length > 0) {
      throw new UsageError(`--preset sets the task and the search; it combines only with --workers, --seeds, --json and --quiet, not with ${extra.map((flag) => `--${flag}`).join(', ')}.`);
    }
  }
  // A single search takes one seed, so it would ignore a seed list.
  const seedList = values.get('seeds');
  const seeds = parseSeedList(seedList);
  if (seeds !== null && !values.has('compare') && typeof preset !== 'string') {
    throw new UsageError(`--seeds ${String(seedList)} sets the seeds of a comparison or preset run. Add --compare or --preset, or give a single search one seed with --seed.`);
  }
  const dataFile = values.get('data');
  if (typeof dataFile === 'string' && taskValue !== undefined && taskValue !== 'custom') {
    throw new UsageError(`--data reads the custom task from a file; drop --task ${String(taskValue)}.`);
  }
  if (taskValue === 'custom' && typeof dataFile !== 'string') throw new UsageError('The custom task reads its rows from a file: add --data FILE.');
  const taskId = typeof dataFile === 'string' ? 'custom' : ((taskValue as TaskId | undefined) ?? 'iris');
  // The task's starting network enters the first generation, as it does in the app.
  const config = structuredClone({ ...defaultRunConfig(taskId), seedGenome: starterGenome(taskId) }) as unknown as Record<
    string,
    unknown
  >;

  // The result file names the data file, as the app's links and saved runs do.
  if (typeof dataFile === 'string') setPath(config, 'task.file', basename(dataFile));

  for (const [name, value] of values) {
    const spec = FLAGS[name];
    if (!spec.path || name === 'task' || typeof value !== 'string') continue;
    if (spec.choices) {
      if (!spec.choices.includes(value)) {
        throw new UsageError(`Invalid value "${value}" for --${name}. Accepted values: ${spec.choices.join(', ')}.`);
      }
      setPath(config, spec.path, value);
      continue;
    }
    const field = NUMERIC_FIELDS[spec.path as NumericPath];
    const max = spec.max ?? field.max;
    const number = value.trim() === '' ? NaN : Number(value);
    const inRange = Number.isFinite(number) && number >= field.min && number <= max;
    if (!inRange || (field.integer && !Number.isInteger(number))) {
      throw new UsageError(
        `Invalid value "${value}" for --${name}: expected ${field.integer ? 'a whole number' : 'a number'} from ${field.min} to ${max}.`,
      );
    }
    setPath(config, spec.path, number);
  }

  applyCandidateSetFlags(config, taskId, values);

  const parsed = parseRunConfig(config);
  if (!parsed.ok) throw new UsageError(`Invalid configuration:\n${parsed.errors.map((e) => `  ${e}`).join('\n')}`);
  const json = values.get('json');
  if (typeof json === 'string') {
    const candidateSetFile = values.get('candidate-set');
    const problem =
      overwrittenInputProblem('json', json, {
        data: typeof dataFile === 'string' ? dataFile : null,
        'candidate-set': typeof candidateSetFile === 'string' ? candidateSetFile : null,
      }) ?? outputPathProblem('json', json);
    if (problem) throw new UsageError(problem);
  }
  return {
    config: parsed.config,
    json: typeof json === 'string' ? json : null,
    quiet: values.has('quiet'),
    help: values.has('help'),
    compare: parseStrategyList(values.get('compare')),
    seeds,
    preset: typeof preset === 'string' ? preset : null,
    dataFile: typeof dataFile === 'string' ? dataFile : null,
  };
}

/**
 * Applies --candidate-set, --kinds and --max-depth to the config. A seed network that uses
 * a kind outside the resulting set is dropped, so the set alone decides what the search
 * may build.
 */
function applyCandidateSetFlags(config: Record<string, unknown>, taskId: TaskId, values: ReadonlyMap<string, string | true>): void {
  const file = values.get('candidate-set');
  const kinds = values.get('kinds');
  const depth = values.get('max-depth');
  if (file === undefined && kinds === undefined && depth === undefined) return;

  let set: CandidateSet = typeof file === 'string' ? readCandidateSet(file) : defaultCandidateSet(TASKS[taskId].inputShape);
  if (typeof kinds === 'string') set = restrictKinds(set, kinds);
  if (typeof depth === 'string') {
    const value = Number(depth);
    if (!Number.isInteger(value) || value < MAX_DEPTH_RANGE.min || value > MAX_DEPTH_RANGE.max) {
      throw new UsageError(`Invalid value "${depth}" for --max-depth: expected a whole number from ${MAX_DEPTH_RANGE.min} to ${MAX_DEPTH_RANGE.max}.`);
    }
    set = { ...set, maxDepth: value };
  }
  setPath(config, 'search.candidateSet', set);

  const seed = config.seedGenome as RunConfig['seedGenome'];
  const listed = new Set<string>(set.layers.map((entry) => entry.kind));
  if (seed?.nodes.some((node) => node.kind !== 'input' && node.kind !== 'output' && !listed.has(node.kind))) delete config.seedGenome;
}

/** Keeps the listed kinds of `set`, in the order listed; a kind the set lacks enters with the registry defaults. */
function restrictKinds(set: CandidateSet, list: string): CandidateSet {
  const names = list.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => !isLayerKind(name) || !PLACEABLE_KINDS.includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(`Invalid value "${list}" for --kinds: ${unknown.length > 0 ? `unknown kinds ${unknown.join(', ')}` : 'no kinds'}. Kinds: ${PLACEABLE_KINDS.join(', ')}.`);
  }
  return {
    ...set,
    layers: names.map((name) => set.layers.find((entry) => entry.kind === name) ?? { kind: name as CandidateSet['layers'][number]['kind'], params: {} }),
  };
}

function parseStrategyList(value: string | true | undefined): StrategyName[] | null {
  if (typeof value !== 'string') return null;
  const names = value.split(',').map((name) => name.trim()).filter((name) => name !== '');
  const unknown = names.filter((name) => !(STRATEGY_NAMES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new UsageError(`Invalid value "${value}" for --compare: ${unknown.length > 0 ? `unknown strategies ${unknown.join(', ')}` : 'no strategies'}. Strategies: ${STRATEGY_NAMES.join(', ')}.`);
  }
  if (new Set(names).size !== names.length) throw new UsageError(`Invalid value "${value}" for --compare: a strategy is listed twice.`);
  return names as StrategyName[];
}

function parseSeedList(value: string | true | undefined): number[] | null {
  if (typeof value !== 'string') return null;
  const field = NUMERIC_FIELDS['search.seed'];
  const seeds = value.split(',').map((part) => (part.trim() === '' ? NaN : Number(part)));
  if (seeds.length === 0 || seeds.some((seed) => !Number.isInteger(seed) || seed < field.min || seed > field.max)) {
    throw new UsageError(`Invalid value "${value}" for --seeds: expected whole numbers from ${field.min} to ${field.max}, comma-separated.`);
  }
  return seeds;
}
