/**
 * Equal-time comparison with two peers: our search (the CLI on a data file), NEAT
 * neuroevolution (the npm package neataptic, one thread) and a fixed two-hidden-layer tfjs
 * MLP with no search (wasm, one thread).
 *
 * Run: npm run bench:peers [-- --quick] [-- --budgets 60,180 --seeds 1,2,3 --tasks spiral,xor,iris --tools ours,NEAT,MLP --test-rows N]
 *
 * Defaults: budgets of 60 and 180 s, seeds 1, 2 and 3, tasks spiral, xor and iris (about
 * 1.5 hours), all three tools. --quick runs a 20 s budget on seed 1 (about 3 minutes).
 *
 * For each task and seed, the task's train, validation and test rows are written to one CSV
 * data file (training and validation rows as "train", test rows as "test"), and every tool
 * reads that file through `parseDataFile`, so all three see the same training, validation
 * and test rows with the same scaling. Each tool gets the same wall-clock budget for its
 * training, and chooses its model on the validation rows only:
 * - ours: `npm run search -- --data FILE --time-budget SECONDS --generations 10000 --seed SEED`
 *   with the other defaults of the custom task and the V8 flags of `npm run search`. The
 *   final network (the best few candidates retrained, the one best on validation kept)
 *   counts, and the search's best only when no final network trained.
 *   This script itself runs NEAT and the MLP with Node's default flags.
 * - NEAT: neataptic's Neat with the settings of its evolve documentation's XOR example
 *   (FFW mutation, equal, elitism 5, mutation rate 0.5, population 50), fitness the negative
 *   mean squared error on the training rows against one-hot targets minus neataptic's
 *   default size penalty (growth 0.0001), as `Network.evolve` computes it; generations run
 *   until the budget ends, and the fittest genome of the generation with the best
 *   validation accuracy counts. Math.random is seeded during its run.
 * - MLP: 64-64 ReLU, Adam 0.01, batch 32, epochs until the budget ends; the epoch with the
 *   best validation accuracy counts.
 * Printed per task, budget and tool: mean test accuracy over the seeds, each seed's figure,
 * the size of the chosen model (weights and biases), and for each peer the mean difference
 * from ours, seed by seed, with its standard error. On xor a last row gives the same for the
 * rule the rows were drawn from, sign(x·y): the best accuracy a model can expect there.
 *
 * The generated tasks' test splits have 100 rows, so one row is one point and seeds differ by
 * several. --test-rows N replaces the test split of spiral and xor with N rows (at most
 * 20,000) drawn by the same generator with the same noise and seed 1000 + SEED; training and
 * validation rows stay as they were. Iris keeps its 30 test rows. Our search scores every
 * candidate on the test rows, so a large N costs it some candidates within the budget.
 */

import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as tfl from '@tensorflow/tfjs-layers';
import neataptic from 'neataptic';
import { POOL_NODE_FLAGS } from '../src/cli/node-flags';
import { chainGenome } from '../src/core/genome';
import { Rng } from '../src/core/rng';
import { dataFileCsv, parseDataFile } from '../src/data/data-file';
import { nodeAssetReader } from '../src/data/node-assets';
import { loadDataset, TASKS } from '../src/data/tasks';
import type { Dataset, Split, TaskId } from '../src/data/types';
import { initBackend } from '../src/train/backend';
import { registerFastGradients } from '../src/train/gradients';
import { evaluateSplit } from '../src/train/metrics';
import { buildModel } from '../src/train/model';
import { withSeededRandom } from '../src/train/seeded-random';
import { trainModel } from '../src/train/train';

interface Outcome {
  readonly testAccuracy: number;
  readonly size: number;
}

type Tool = 'ours' | 'NEAT' | 'MLP';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const listFlag = (name: string, fallback: string[]): string[] => {
  const index = args.indexOf(`--${name}`);
  return index >= 0 ? args[index + 1].split(',') : fallback;
};
const budgets = listFlag('budgets', quick ? ['20'] : ['60', '180']).map(Number);
const seeds = listFlag('seeds', quick ? ['1'] : ['1', '2', '3']).map(Number);
const tasks = listFlag('tasks', ['spiral', 'xor', 'iris']) as TaskId[];
const TOOLS: readonly Tool[] = ['ours', 'NEAT', 'MLP'];
const tools = listFlag('tools', [...TOOLS]) as Tool[];
for (const tool of tools) {
  if (!TOOLS.includes(tool)) throw new Error(`Invalid --tools entry "${tool}": list some of ${TOOLS.join(', ')}, separated by commas.`);
}
const MAX_TEST_ROWS = 20_000;
const testRows = Number(listFlag('test-rows', ['0'])[0]);
if (!Number.isInteger(testRows) || testRows < 0 || testRows > MAX_TEST_ROWS) {
  throw new Error(`Invalid --test-rows ${listFlag('test-rows', ['0'])[0]}: give a whole number of rows from 1 to ${MAX_TEST_ROWS}, or 0 for the task's own test split.`);
}

/**
 * Returns the test accuracy of the rule a task's rows were drawn from, where that rule is the
 * best any model can do, or null for the other tasks. On xor, reflecting x swaps the two
 * classes' densities, so at each point the likelier class is the one its quadrant names. No
 * model beats sign(x·y) on average, and the noise decides how far below 100% it stays.
 */
function generatingRuleAccuracy(task: TaskId, test: Split): number | null {
  if (task !== 'xor') return null;
  let correct = 0;
  for (let i = 0; i < test.count; i++) {
    const label = test.x[2 * i] * test.x[2 * i + 1] > 0 ? 0 : 1;
    if (label === test.y[i]) correct++;
  }
  return correct / test.count;
}

/**
 * Writes a task's splits for one seed as a data file. Returns its path and the test accuracy
 * of the task's generating rule, where it has one. The rule reads the generated coordinates,
 * because the file's standardisation moves the axes.
 */
async function writeSplits(task: TaskId, seed: number, dir: string): Promise<{ path: string; ceiling: number | null }> {
  const info = TASKS[task];
  const dataset = await loadDataset({ id: task, noise: info.defaultNoise, samples: info.defaultSamples, seed }, nodeAssetReader());
  const test = testRows > 0 && info.origin === 'generated' ? await largeTestSplit(task, seed) : dataset.test;
  const features = dataset.inputShape[0];
  const rows = (split: Split) => Array.from({ length: split.count }, (_, i) => Array.from(split.x.subarray(i * features, (i + 1) * features)));
  const labels = (split: Split) => Array.from(split.y, (label) => `c${label}`);
  const text = dataFileCsv(
    Array.from({ length: features }, (_, i) => `x${i + 1}`),
    [
      { split: 'train', x: [...rows(dataset.train), ...rows(dataset.validation)], labels: [...labels(dataset.train), ...labels(dataset.validation)] },
      { split: 'test', x: rows(test), labels: labels(test) },
    ],
  );
  const path = join(dir, `${task}-seed${seed}.csv`);
  writeFileSync(path, text);
  return { path, ceiling: generatingRuleAccuracy(task, test) };
}

/** Draws `testRows` rows of a generated task with another seed, all its splits joined, as one test split. */
async function largeTestSplit(task: TaskId, seed: number): Promise<Split> {
  const info = TASKS[task];
  const drawn = await loadDataset({ id: task, noise: info.defaultNoise, samples: testRows, seed: 1000 + seed }, nodeAssetReader());
  const splits = [drawn.train, drawn.validation, drawn.test];
  const x = new Float32Array(splits.reduce((size, split) => size + split.x.length, 0));
  const y = new Float32Array(splits.reduce((size, split) => size + split.count, 0));
  let offset = 0;
  let row = 0;
  for (const split of splits) {
    x.set(split.x, offset);
    y.set(split.y, row);
    offset += split.x.length;
    row += split.count;
  }
  return { x, y, count: row };
}

function runOurs(file: string, budget: number, seed: number, dir: string): Outcome {
  const json = join(dir, `ours-${budget}-${seed}-${Date.now()}.json`);
  const child = spawnSync(
    'node_modules/.bin/tsx',
    // Generations only bound the search here: the budget ends it.
    [...POOL_NODE_FLAGS, 'src/cli/main.ts', '--data', file, '--time-budget', String(budget), '--generations', '10000', '--seed', String(seed), '--json', json, '--quiet'],
    { encoding: 'utf8', timeout: (budget + 120) * 1000 },
  );
  if (child.status !== 0) throw new Error(`Our search failed on ${file} (status ${child.status}): ${child.stderr.trim().split('\n').pop()}`);
  type Entry = { fitness: number; metrics: { testAccuracy: number; params: number } | null } | null;
  const result = JSON.parse(readFileSync(json, 'utf8')) as { best: Entry; final: Entry };
  // The final network is the search's result, as the app shows and exports it. Comparing its
  // validation score with the 30-epoch best's would pick whichever got luckier on few rows.
  const chosen = result.final?.metrics ? result.final : result.best;
  if (!chosen?.metrics) throw new Error(`Our search on ${file} chose no trained network.`);
  return { testAccuracy: chosen.metrics.testAccuracy, size: chosen.metrics.params };
}

/** Fraction of rows whose largest output is their class. */
function accuracyOf(predict: (row: number[]) => number[], split: Split, features: number): number {
  let correct = 0;
  for (let i = 0; i < split.count; i++) {
    const output = predict(Array.from(split.x.subarray(i * features, (i + 1) * features)));
    if (output.indexOf(Math.max(...output)) === split.y[i]) correct++;
  }
  return correct / split.count;
}

interface NeatNetwork {
  activate(input: number[]): number[];
  test(set: { input: number[]; output: number[] }[], cost: unknown): { error: number };
  nodes: unknown[];
  connections: unknown[];
  gates: unknown[];
  input: number;
  output: number;
  score?: number;
}

async function runNeat(dataset: Dataset, budget: number, seed: number): Promise<Outcome> {
  const { Neat, methods } = neataptic as unknown as {
    Neat: new (input: number, output: number, fitness: (genome: NeatNetwork) => number, options: object) => {
      evolve(): Promise<NeatNetwork>;
      generation: number;
    };
    methods: { mutation: { FFW: unknown }; cost: { MSE: unknown } };
  };
  const features = dataset.inputShape[0];
  const classes = dataset.outputUnits;
  const trainingSet = Array.from({ length: dataset.train.count }, (_, i) => ({
    input: Array.from(dataset.train.x.subarray(i * features, (i + 1) * features)),
    output: Array.from({ length: classes }, (_, c) => (c === dataset.train.y[i] ? 1 : 0)),
  }));
  const growth = 0.0001;
  const size = (genome: NeatNetwork) => genome.nodes.length - genome.input - genome.output + genome.connections.length + genome.gates.length;
  const fitness = (genome: NeatNetwork) => {
    const score = -genome.test(trainingSet, methods.cost.MSE).error - size(genome) * growth;
    return Number.isNaN(score) ? Number.NEGATIVE_INFINITY : score;
  };

  const random = Math.random;
  const rng = new Rng(seed);
  Math.random = () => rng.float();
  try {
    const neat = new Neat(features, classes, fitness, { mutation: methods.mutation.FFW, equal: true, elitism: 5, mutationRate: 0.5, popsize: 50 });
    const deadline = performance.now() + budget * 1000;
    let best: { validation: number; test: number; size: number } | null = null;
    while (performance.now() < deadline) {
      const fittest = await neat.evolve();
      const validation = accuracyOf((row) => fittest.activate(row), dataset.validation, features);
      if (best === null || validation > best.validation) {
        const weights = fittest.connections.length + fittest.nodes.length - fittest.input;
        best = { validation, test: accuracyOf((row) => fittest.activate(row), dataset.test, features), size: weights };
      }
    }
    return { testAccuracy: best!.test, size: best!.size };
  } finally {
    Math.random = random;
  }
}

async function runMlp(dataset: Dataset, budget: number, seed: number): Promise<Outcome> {
  const genome = chainGenome([
    { kind: 'dense', params: { units: 64, activation: 'relu' } },
    { kind: 'dense', params: { units: 64, activation: 'relu' } },
  ]);
  const model = withSeededRandom(new Rng(seed), () => buildModel(genome, dataset));
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), budget * 1000);
  let best: { validation: number; test: number } | null = null;
  const onEpochEnd = async () => {
    const validation = (await evaluateSplit(model as tfl.LayersModel, dataset.validation, dataset)).accuracy ?? 0;
    if (best === null || validation > best.validation) {
      best = { validation, test: (await evaluateSplit(model, dataset.test, dataset)).accuracy ?? 0 };
    }
  };
  try {
    const settings = { epochs: 200, batchSize: 32, learningRate: 0.01, optimizer: 'adam' as const, maxTrainRows: 0 };
    const randomness = { order: new Rng(seed + 1), steps: new Rng(seed + 2) };
    // Train in rounds of 200 epochs until the budget aborts; the optimizer restarts each round.
    while (!abort.signal.aborted) {
      await trainModel(model, dataset.train, dataset, settings, randomness, { signal: abort.signal, onEpochEnd }).catch((error: unknown) => {
        if (!abort.signal.aborted) throw error;
      });
    }
    const params = model.countParams();
    const chosen = best as { validation: number; test: number } | null;
    return { testAccuracy: chosen?.test ?? 0, size: params };
  } finally {
    clearTimeout(timer);
    model.dispose();
  }
}

const percent = (value: number) => `${(value * 100).toFixed(testRows > 0 ? 2 : 1)}%`;

/** Mean and standard error of the mean; the error is NaN for fewer than two values. */
function meanAndError(values: readonly number[]): { mean: number; error: number } {
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return { mean, error: Math.sqrt(variance / values.length) };
}

/**
 * Describes ours minus a peer, seed by seed: on the same data file the two runs share the
 * split's luck, so the paired difference is steadier than the two means apart.
 */
function pairedDifference(ours: readonly Outcome[], peer: readonly Outcome[]): string {
  const { mean, error } = meanAndError(ours.map((outcome, i) => (outcome.testAccuracy - peer[i].testAccuracy) * 100));
  const sign = mean > 0 ? '+' : '';
  return `${sign}${mean.toFixed(2)} points (standard error ${Number.isNaN(error) ? '—' : error.toFixed(2)})`;
}

async function main(): Promise<void> {
  await initBackend('wasm');
  registerFastGradients();
  const dir = mkdtempSync(join(tmpdir(), 'nas-peers-'));
  const testSplits = testRows > 0 ? `test splits of ${testRows.toLocaleString('en-US')} rows on generated tasks` : "each task's own test split";
  console.log(`Budgets ${budgets.join(', ')} s; seeds ${seeds.join(', ')}; ${testSplits}; data files in ${dir}.\n`);
  console.log('| task | budget | tool | mean test accuracy | per seed | mean size (weights) | ours minus this tool, per seed |');
  console.log('|---|---|---|---|---|---|---|');
  for (const task of tasks) {
    const files = new Map<number, string>();
    const ceilings: Outcome[] = [];
    for (const seed of seeds) {
      const { path, ceiling } = await writeSplits(task, seed, dir);
      files.set(seed, path);
      if (ceiling !== null) ceilings.push({ testAccuracy: ceiling, size: 0 });
    }
    for (const budget of budgets) {
      const outcomes: Record<Tool, Outcome[]> = { ours: [], NEAT: [], MLP: [] };
      for (const seed of seeds) {
        const file = files.get(seed)!;
        const dataset = parseDataFile(readFileSync(file, 'utf8'), file, seed);
        if (tools.includes('ours')) outcomes.ours.push(runOurs(file, budget, seed, dir));
        if (tools.includes('NEAT')) outcomes.NEAT.push(await runNeat(dataset, budget, seed));
        if (tools.includes('MLP')) outcomes.MLP.push(await runMlp(dataset, budget, seed));
      }
      const rows: [string, Outcome[]][] = tools.map((tool) => [tool, outcomes[tool]]);
      if (ceilings.length > 0) rows.push(['generating rule, no training', ceilings]);
      for (const [tool, runs] of rows) {
        const mean = (pick: (o: Outcome) => number) => runs.reduce((sum, o) => sum + pick(o), 0) / runs.length;
        const difference = tool !== 'ours' && tools.includes('ours') ? pairedDifference(outcomes.ours, runs) : '';
        console.log(
          `| ${task} | ${budget} s | ${tool} | ${percent(mean((o) => o.testAccuracy))} | ${runs.map((o) => percent(o.testAccuracy)).join(', ')} | ${Math.round(mean((o) => o.size)).toLocaleString('en-US')} | ${difference} |`,
        );
      }
    }
  }
}

await main();
