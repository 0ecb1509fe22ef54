/**
 * Training throughput of the trainer (src/train/train.ts) in Node, on the cpu and wasm
 * backends, with tfjs' own kernels and with `registerFastGradients`.
 *
 * Run: npx tsx bench/train-throughput.ts [--quick]   (about four minutes on 2 cores; --quick
 * measures wasm with the fast kernels only, in about a minute)
 *
 * Each case trains on MNIST images through the real training loop: a warm-up sizes runs of
 * about SECONDS_PER_RUN, and the median of RUNS runs counts. A training step costs about 3×
 * the forward FLOPs that analyzeGenome counts (the forward pass, the gradient of the
 * activations and the gradient of the weights), and GFLOP/s uses that estimate. It is
 * compared with 39 GFLOP/s, one core's fp32 FMA peak measured with an FMA loop on the
 * development machine (AMD EPYC, Zen 1 class, AVX2), so other machines need their own figure.
 */

import * as tf from '@tensorflow/tfjs-core';
import { analyzeGenome, chainGenome, type Genome } from '../src/core/genome';
import { Rng } from '../src/core/rng';
import { nodeAssetReader } from '../src/data/node-assets';
import { loadDataset } from '../src/data/tasks';
import type { Dataset } from '../src/data/types';
import { initBackend } from '../src/train/backend';
import { registerFastGradients, unregisterFastGradients } from '../src/train/gradients';
import { buildModel } from '../src/train/model';
import { withSeededRandom } from '../src/train/seeded-random';
import { trainModel } from '../src/train/train';
import type { BackendName, TrainingSettings } from '../src/train/types';

const SECONDS_PER_RUN = 3;
const RUNS = 3;
const CORE_PEAK_GFLOPS = 39;
const quick = process.argv.includes('--quick');

interface Case {
  readonly name: string;
  readonly genome: Genome;
  readonly batchSize: number;
  /** Backends measured; cpu takes seconds per step on the wide networks. */
  readonly backends: readonly BackendName[];
}

const mlp = (width: number): Genome =>
  chainGenome([
    { kind: 'flatten' },
    { kind: 'dense', params: { units: width, activation: 'relu' } },
    { kind: 'dense', params: { units: width, activation: 'relu' } },
  ]);

const CASES: Case[] = [
  { name: 'MLP 784-256-256-10', genome: mlp(256), batchSize: 64, backends: ['cpu', 'wasm'] },
  { name: 'MLP 784-512-512-10', genome: mlp(512), batchSize: 64, backends: ['wasm'] },
  { name: 'MLP 784-1024-1024-10', genome: mlp(1024), batchSize: 64, backends: ['wasm'] },
  { name: 'MLP 784-256-256-10', genome: mlp(256), batchSize: 128, backends: ['wasm'] },
  { name: 'MLP 784-1024-1024-10', genome: mlp(1024), batchSize: 128, backends: ['wasm'] },
  {
    name: 'CNN conv 16, pool, conv 32, pool',
    genome: chainGenome([
      { kind: 'conv2d', params: { filters: 16, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' } },
      { kind: 'maxPooling2d', params: { poolSize: 2, padding: 'valid' } },
      { kind: 'conv2d', params: { filters: 32, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' } },
      { kind: 'maxPooling2d', params: { poolSize: 2, padding: 'valid' } },
    ]),
    batchSize: 64,
    backends: ['cpu', 'wasm'],
  },
  {
    name: 'CNN conv 32 stride 2, conv 64 stride 2',
    genome: chainGenome([
      { kind: 'conv2d', params: { filters: 32, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' } },
      { kind: 'conv2d', params: { filters: 64, kernelSize: 3, strides: 2, padding: 'same', activation: 'relu' } },
    ]),
    batchSize: 64,
    backends: ['wasm'],
  },
];

/** Seconds that `steps` training steps take, through the real training loop. */
async function timeSteps(genome: Genome, data: Dataset, batchSize: number, steps: number): Promise<{ seconds: number; steps: number }> {
  // An epoch has at most as many batches as the training rows allow, so long runs take several.
  const batchesPerEpoch = Math.min(steps, Math.floor(data.train.count / batchSize));
  const settings: TrainingSettings = {
    epochs: Math.ceil(steps / batchesPerEpoch),
    batchSize,
    learningRate: 0.001,
    optimizer: 'adam',
    maxTrainRows: batchesPerEpoch * batchSize,
  };
  const model = withSeededRandom(new Rng(1), () => buildModel(genome, data));
  try {
    const started = performance.now();
    await trainModel(model, data.train, data, settings, { order: new Rng(2), steps: new Rng(3) });
    return { seconds: (performance.now() - started) / 1000, steps: settings.epochs * batchesPerEpoch };
  } finally {
    model.dispose();
  }
}

/** Median steps per second over RUNS runs of about SECONDS_PER_RUN each. */
async function stepsPerSecond(genome: Genome, data: Dataset, batchSize: number): Promise<number> {
  const warmUp = await timeSteps(genome, data, batchSize, 3);
  const steps = Math.max(3, Math.round((SECONDS_PER_RUN * warmUp.steps) / warmUp.seconds));
  const rates: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const timed = await timeSteps(genome, data, batchSize, steps);
    rates.push(timed.steps / timed.seconds);
  }
  return rates.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

function row(cells: (string | number)[]): string {
  const widths = [8, 40, 6, 8, 9, 9, 12];
  return cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' ');
}

async function main(): Promise<void> {
  const data = await loadDataset({ id: 'mnist', samples: 22_000, noise: 0, seed: 1 }, nodeAssetReader());
  console.log(`Adam; training FLOPs estimated as 3 × forward; median of ${RUNS} runs of about ${SECONDS_PER_RUN} s.\n`);
  console.log(row(['backend', 'network', 'batch', 'kernels', 'steps/s', 'GFLOP/s', '% of 1 core']));

  for (const backend of (quick ? ['wasm'] : ['cpu', 'wasm']) as BackendName[]) {
    await initBackend(backend);
    for (const { name, genome, batchSize, backends } of CASES) {
      if (!backends.includes(backend)) continue;
      const flopsPerStep = 3 * analyzeGenome(genome, data).totalFlops * batchSize;
      for (const fast of quick ? [true] : [false, true]) {
        if (fast) registerFastGradients();
        else unregisterFastGradients();
        const kernels = fast ? 'fast' : 'tfjs';
        if (!fast && !tf.getKernel('Conv2DBackpropFilter', backend) && name.startsWith('CNN')) {
          console.log(row([backend, name, batchSize, kernels, '—', '—', 'no Conv2DBackpropFilter kernel']));
          continue;
        }
        const rate = await stepsPerSecond(genome, data, batchSize);
        const gflops = (rate * flopsPerStep) / 1e9;
        console.log(row([backend, name, batchSize, kernels, rate.toFixed(2), gflops.toFixed(2), `${((100 * gflops) / CORE_PEAK_GFLOPS).toFixed(1)}%`]));
      }
    }
  }
}

await main();
