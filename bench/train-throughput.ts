/**
 * Training throughput of the trainer (src/train/train.ts) in Node, on the cpu and wasm
 * backends, with tfjs' own kernels and with `registerFastGradients`.
 *
 * Run: npx tsx bench/train-throughput.ts   (about a minute and a half on 2 cores)
 *
 * Each case trains on MNIST images for about SECONDS_PER_CASE after a short warm-up. A
 * training step costs about 3× the forward FLOPs that analyzeGenome counts: the forward pass,
 * the gradient of the activations and the gradient of the weights. GFLOP/s uses that estimate.
 * It is compared with 39 GFLOP/s, one core's fp32 FMA peak measured with an FMA loop on the
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

const SECONDS_PER_CASE = 4;
const BATCH_SIZE = 64;
const CORE_PEAK_GFLOPS = 39;

const NETWORKS: { name: string; genome: Genome }[] = [
  {
    name: 'MLP 784-256-256-10',
    genome: chainGenome([
      { kind: 'flatten' },
      { kind: 'dense', params: { units: 256, activation: 'relu' } },
      { kind: 'dense', params: { units: 256, activation: 'relu' } },
    ]),
  },
  {
    name: 'CNN 28×28: conv 16, pool, conv 32, pool, dense 10',
    genome: chainGenome([
      { kind: 'conv2d', params: { filters: 16, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' } },
      { kind: 'maxPooling2d', params: { poolSize: 2, padding: 'valid' } },
      { kind: 'conv2d', params: { filters: 32, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' } },
      { kind: 'maxPooling2d', params: { poolSize: 2, padding: 'valid' } },
    ]),
  },
];

/** Seconds that `steps` training steps of `genome` take, through the real training loop. */
async function timeSteps(genome: Genome, data: Dataset, steps: number): Promise<number> {
  const settings: TrainingSettings = {
    epochs: 1,
    batchSize: BATCH_SIZE,
    learningRate: 0.001,
    optimizer: 'adam',
    maxTrainRows: steps * BATCH_SIZE,
  };
  const model = withSeededRandom(new Rng(1), () => buildModel(genome, data));
  try {
    const started = performance.now();
    await trainModel(model, data.train, data, settings, { order: new Rng(2), steps: new Rng(3) });
    return (performance.now() - started) / 1000;
  } finally {
    model.dispose();
  }
}

/** Steps per second: a warm-up of 2 steps sizes a run of about SECONDS_PER_CASE. */
async function stepsPerSecond(genome: Genome, data: Dataset): Promise<number> {
  const warmUp = await timeSteps(genome, data, 2);
  const steps = Math.max(3, Math.round((SECONDS_PER_CASE * 2) / warmUp));
  return steps / (await timeSteps(genome, data, steps));
}

function row(cells: (string | number)[]): string {
  const widths = [8, 50, 10, 9, 9, 13];
  return cells.map((cell, i) => String(cell).padEnd(widths[i])).join(' ');
}

async function main(): Promise<void> {
  const data = await loadDataset({ id: 'mnist', samples: 22_000, noise: 0, seed: 1 }, nodeAssetReader());
  console.log(`Batch ${BATCH_SIZE}, adam; training FLOPs estimated as 3 × forward.\n`);
  console.log(row(['backend', 'network', 'kernels', 'steps/s', 'GFLOP/s', '% of 1 core']));

  for (const backend of ['cpu', 'wasm'] as BackendName[]) {
    await initBackend(backend);
    for (const { name, genome } of NETWORKS) {
      const flopsPerStep = 3 * analyzeGenome(genome, data).totalFlops * BATCH_SIZE;
      for (const fast of [false, true]) {
        if (fast) registerFastGradients();
        else unregisterFastGradients();
        const kernels = fast ? 'fast' : 'tfjs';

        if (!fast && !tf.getKernel('Conv2DBackpropFilter', backend) && name.startsWith('CNN')) {
          console.log(row([backend, name, kernels, '—', '—', 'no Conv2DBackpropFilter kernel']));
          continue;
        }
        const rate = await stepsPerSecond(genome, data);
        const gflops = (rate * flopsPerStep) / 1e9;
        console.log(row([backend, name, kernels, rate.toFixed(2), gflops.toFixed(2), `${((100 * gflops) / CORE_PEAK_GFLOPS).toFixed(1)}%`]));
      }
    }
  }
}

await main();
