/**
 * Command-line flags of `npm run search`: one table of flags, each mapped onto a field of
 * the run configuration, so the CLI validates exactly what the app validates.
 */

import { STRATEGY_NAMES } from '../core/strategy';
import { NUMERIC_FIELDS, defaultRunConfig, parseRunConfig, type NumericField, type NumericPath } from '../state/config';
import { TASK_IDS, type TaskId } from '../data/types';
import { starterGenome } from '../state/starter';
import { OPTIMIZERS } from '../train/types';
import type { RunConfig } from '../workers/run-config';

interface FlagSpec {
  readonly help: string;
  /** Config path the value goes to; `numeric` fields take their range from the schema. */
  readonly path?: NumericPath | 'task.id' | 'search.strategy' | 'training.optimizer' | 'backend';
  readonly choices?: readonly string[];
  readonly value?: string;
}

export const FLAGS: Readonly<Record<string, FlagSpec>> = {
  task: { path: 'task.id', choices: TASK_IDS, value: 'ID', help: 'Task to search on.' },
  strategy: { path: 'search.strategy', choices: STRATEGY_NAMES, value: 'NAME', help: 'Search strategy.' },
  generations: { path: 'search.generations', value: 'N', help: 'Generations to run.' },
  population: { path: 'search.population', value: 'N', help: 'Networks trained per generation (blueprint population).' },
  'module-population': { path: 'search.modulePopulation', value: 'N', help: 'Size of the module population.' },
  epochs: { path: 'training.epochs', value: 'N', help: 'Training epochs per candidate.' },
  'batch-size': { path: 'training.batchSize', value: 'N', help: 'Examples per training step.' },
  'learning-rate': { path: 'training.learningRate', value: 'X', help: 'Optimizer learning rate.' },
  optimizer: { path: 'training.optimizer', choices: OPTIMIZERS, value: 'NAME', help: 'Optimizer.' },
  seed: { path: 'search.seed', value: 'N', help: 'Seed of the search and of weight initialisation.' },
  'data-seed': { path: 'task.seed', value: 'N', help: 'Seed of the data generator and split.' },
  noise: { path: 'task.noise', value: 'X', help: 'Noise of generated toy sets.' },
  samples: { path: 'task.samples', value: 'N', help: 'Examples generated for toy sets.' },
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
}

/** A command-line usage error; the CLI prints the message and exits with status 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function helpText(): string {
  const lines = ['Usage: npm run search -- [flags]', '', 'Flags:'];
  for (const [name, spec] of Object.entries(FLAGS)) {
    const left = `  --${name}${spec.value ? ` ${spec.value}` : ''}`;
    let detail = spec.help;
    if (spec.choices) detail += ` One of: ${spec.choices.join(', ')}.`;
    if (spec.path && spec.path in NUMERIC_FIELDS) {
      const field: NumericField = NUMERIC_FIELDS[spec.path as NumericPath];
      detail += ` Range ${field.min} to ${field.max}${field.unit ? ` ${field.unit}` : ''}.`;
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
    values.set(name, value);
  }

  const taskValue = values.get('task');
  if (typeof taskValue === 'string' && !(TASK_IDS as readonly string[]).includes(taskValue)) {
    throw new UsageError(`Unknown task "${taskValue}". Accepted tasks: ${TASK_IDS.join(', ')}.`);
  }
  const taskId = (taskValue as TaskId | undefined) ?? 'iris';
  // The task's starting network enters the first generation, as it does in the app.
  const config = structuredClone({ ...defaultRunConfig(taskId), seedGenome: starterGenome(taskId) }) as unknown as Record<
    string,
    unknown
  >;

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
    const number = value.trim() === '' ? NaN : Number(value);
    const inRange = Number.isFinite(number) && number >= field.min && number <= field.max;
    if (!inRange || (field.integer && !Number.isInteger(number))) {
      throw new UsageError(
        `Invalid value "${value}" for --${name}: expected ${field.integer ? 'a whole number' : 'a number'} from ${field.min} to ${field.max}.`,
      );
    }
    setPath(config, spec.path, number);
  }

  const parsed = parseRunConfig(config);
  if (!parsed.ok) throw new UsageError(`Invalid configuration:\n${parsed.errors.map((e) => `  ${e}`).join('\n')}`);
  const json = values.get('json');
  return {
    config: parsed.config,
    json: typeof json === 'string' ? json : null,
    quiet: values.has('quiet'),
    help: values.has('help'),
  };
}
