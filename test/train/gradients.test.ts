import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import { evaluateCandidate } from '../../src/train/evaluate';
import { registerFastGradients, unregisterFastGradients } from '../../src/train/gradients';
// Registers tfjs' gradients as a side effect, as tfjs-layers does for the trainer.
import '../../src/train/model';
import type { BackendName } from '../../src/train/types';
import { maxRelativeDifference, mnistSubset, useBackend } from './fixtures';

const TOLERANCE = 1e-4;

type Inputs = tf.Tensor[];
type Loss = (...inputs: tf.Tensor[]) => tf.Scalar;

/**
 * Gradients of `loss` at `makeInputs()` on a backend, with or without the replacement kernels,
 * as nested arrays. Also returns how many tensors and backend buffers the step left behind.
 */
async function gradientsOn(backend: BackendName, fast: boolean, loss: Loss, makeInputs: () => Inputs) {
  await useBackend(backend);
  if (fast) registerFastGradients();
  else unregisterFastGradients();

  const inputs = makeInputs();
  const tensorsBefore = tf.memory().numTensors;
  const buffersBefore = tf.engine().backend.numDataIds();
  const gradients = tf.grads(loss)(inputs);
  const values = gradients.map((g) => g.arraySync());
  tf.dispose(gradients);
  const leaked = { tensors: tf.memory().numTensors - tensorsBefore, buffers: tf.engine().backend.numDataIds() - buffersBefore };
  tf.dispose(inputs);
  return { values, leaked };
}

/** Seeded normal inputs: the same values on every backend. */
const normal = (shape: number[], seed: number) => tf.randomNormal(shape, 0, 1, 'float32', seed);

beforeAll(async () => {
  await useBackend('cpu');
  await useBackend('wasm');
});

afterAll(() => registerFastGradients());

describe('matmul gradient', () => {
  const cases = [];
  for (const batch of [[], [3], [2, 3]]) {
    for (const transposeA of [false, true]) {
      for (const transposeB of [false, true]) cases.push({ batch, transposeA, transposeB });
    }
  }

  it.each(cases)('batch $batch, transposeA $transposeA, transposeB $transposeB matches cpu', async ({ batch, transposeA, transposeB }) => {
    const [m, k, n] = [4, 5, 6];
    const makeInputs = () => [
      normal([...batch, ...(transposeA ? [k, m] : [m, k])], 1),
      normal([...batch, ...(transposeB ? [n, k] : [k, n])], 2),
    ];
    // Squaring makes dC depend on C, so a wrong operand order cannot cancel out.
    const loss: Loss = (a, b) => tf.sum(tf.square(tf.matMul(a, b, transposeA, transposeB)));

    const reference = await gradientsOn('cpu', false, loss, makeInputs);
    const wasm = await gradientsOn('wasm', true, loss, makeInputs);

    expect(maxRelativeDifference(wasm.values, reference.values)).toBeLessThan(TOLERANCE);
    expect(wasm.leaked).toEqual({ tensors: 0, buffers: 0 });
  });
});

describe('matmul with a transposed right operand on wasm', () => {
  // [m, n] · [k, n]ᵀ: a short left operand runs as (b · aᵀ)ᵀ, a tall one transposes b.
  const cases = [
    { m: 8, n: 32, k: 40, order: '(b·aᵀ)ᵀ' },
    { m: 16, n: 64, k: 200, order: '(b·aᵀ)ᵀ' },
    { m: 40, n: 8, k: 4, order: 'a·(bᵀ)' },
    { m: 3, n: 5, k: 2, order: 'a·(bᵀ)' },
  ];

  it.each(cases)('[$m, $n] · [$k, $n]ᵀ, computed as $order, matches cpu with its gradients', async ({ m, n, k }) => {
    const makeInputs = () => [normal([m, n], 7), normal([k, n], 8)];
    const loss: Loss = (a, b) => tf.sum(tf.square(tf.matMul(a, b, false, true)));
    const product = async (backend: BackendName, fast: boolean) => {
      await useBackend(backend);
      if (fast) registerFastGradients();
      else unregisterFastGradients();
      const [a, b] = makeInputs();
      const values = tf.tidy(() => tf.matMul(a, b, false, true).arraySync());
      tf.dispose([a, b]);
      return values;
    };

    expect(maxRelativeDifference([await product('wasm', true)], [await product('cpu', false)])).toBeLessThan(TOLERANCE);
    const reference = await gradientsOn('cpu', false, loss, makeInputs);
    const wasm = await gradientsOn('wasm', true, loss, makeInputs);
    expect(maxRelativeDifference(wasm.values, reference.values)).toBeLessThan(TOLERANCE);
    expect(wasm.leaked).toEqual({ tensors: 0, buffers: 0 });
  });
});

describe('conv2d gradient', () => {
  const cases = [];
  for (const padding of ['valid', 'same'] as const) {
    for (const strides of [1, 2, 3]) {
      for (const kernelSize of [1, 3, 5, 7]) {
        for (const channels of [1, 3]) cases.push({ padding, strides, kernelSize, channels });
      }
    }
  }

  it.each(cases)(
    '$padding padding, strides $strides, kernel $kernelSize, $channels channels matches cpu',
    async ({ padding, strides, kernelSize, channels }) => {
      // A non-square input catches height and width swapped; 10 fits a 7×7 valid window.
      const x = () => normal([2, 11, 10, channels], 3);
      const filter = () => normal([kernelSize, kernelSize, channels, 4], 4);
      // tf.conv2d reaches the registered Conv2D gradient; tf.fused.conv2d with a bias and no
      // activation is what tfjs-layers runs, and its gradient calls Conv2DBackpropFilter itself.
      const plain = {
        makeInputs: () => [x(), filter()],
        loss: ((a, b) => tf.sum(tf.square(tf.conv2d(a as tf.Tensor4D, b as tf.Tensor4D, strides, padding)))) as Loss,
      };
      const fused = {
        makeInputs: () => [x(), filter(), normal([4], 6)],
        loss: ((a, b, bias) =>
          tf.sum(tf.square(tf.fused.conv2d({ x: a as tf.Tensor4D, filter: b as tf.Tensor4D, bias, strides, pad: padding })))) as Loss,
      };

      for (const { loss, makeInputs } of [plain, fused]) {
        const reference = await gradientsOn('cpu', false, loss, makeInputs);
        const wasm = await gradientsOn('wasm', true, loss, makeInputs);
        const cpu = await gradientsOn('cpu', true, loss, makeInputs);

        expect(maxRelativeDifference(wasm.values, reference.values)).toBeLessThan(TOLERANCE);
        expect(maxRelativeDifference(cpu.values, reference.values)).toBeLessThan(TOLERANCE);
        expect(wasm.leaked).toEqual({ tensors: 0, buffers: 0 });
        expect(cpu.leaked).toEqual({ tensors: 0, buffers: 0 });
      }
    },
  );
});

describe('pooling gradients', () => {
  const cases = [];
  for (const pool of ['max', 'avg'] as const) {
    for (const padding of ['valid', 'same'] as const) {
      // The registry's strides equal the pool size; stride 1 checks overlapping windows too.
      for (const [size, strides] of [[2, 2], [3, 3], [4, 4], [3, 1]]) cases.push({ pool, padding, size, strides });
    }
  }

  it.each(cases)('$pool pool $size, strides $strides, $padding padding matches cpu', async ({ pool, padding, size, strides }) => {
    // Rounding makes ties inside windows, and the values are mostly negative, so the first
    // maximum and all-negative windows are both checked.
    const makeInputs = () => [tf.tidy(() => tf.div(tf.round(tf.mul(tf.sub(normal([2, 9, 10, 3], 9), 1), 2)), 2))];
    const poolOp = pool === 'max' ? tf.maxPool : tf.avgPool;
    const loss: Loss = (x) => tf.sum(tf.mul(poolOp(x as tf.Tensor4D, size, strides, padding), normal([1, 1, 1, 3], 10)));

    const reference = await gradientsOn('cpu', false, loss, makeInputs);
    const wasm = await gradientsOn('wasm', true, loss, makeInputs);
    const cpu = await gradientsOn('cpu', true, loss, makeInputs);

    expect(maxRelativeDifference(wasm.values, reference.values)).toBeLessThan(TOLERANCE);
    expect(maxRelativeDifference(cpu.values, reference.values)).toBeLessThan(TOLERANCE);
    expect(wasm.leaked).toEqual({ tensors: 0, buffers: 0 });
  });
});

describe('registerFastGradients', () => {
  it('is idempotent and undone by unregisterFastGradients', () => {
    unregisterFastGradients();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    const builtinMatMul = tf.getKernel('BatchMatMul', 'wasm');

    registerFastGradients();
    const installed = tf.getKernel('Conv2DBackpropFilter', 'wasm');
    const fastMatMul = tf.getKernel('BatchMatMul', 'wasm');
    registerFastGradients();

    expect(installed).toBeDefined();
    expect(fastMatMul).not.toBe(builtinMatMul);
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBe(installed);
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBe(fastMatMul);

    unregisterFastGradients();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeUndefined();
    expect(tf.getKernel('BatchMatMul', 'wasm')).toBe(builtinMatMul);
    registerFastGradients();
  });
});

describe('conv network on wasm', () => {
  // tanh puts tfjs-layers on the fused path; relu on the registered Conv2D gradient.
  it.each(['tanh', 'relu'])('with %s trains without falling back', async (activation) => {
    await useBackend('wasm');
    const mnist = await mnistSubset(512, 128);
    const genome = chainGenome([
      { kind: 'conv2d', params: { filters: 8, kernelSize: 3, strides: 1, padding: 'same', activation } },
      { kind: 'maxPooling2d', params: { poolSize: 2, padding: 'valid' } },
      { kind: 'conv2d', params: { filters: 8, kernelSize: 3, strides: 2, padding: 'valid', activation } },
    ]);

    const metrics = await evaluateCandidate(genome, mnist, { epochs: 3, batchSize: 64, learningRate: 0.005, optimizer: 'adam', maxTrainRows: 0 }, 1);

    expect(metrics.backend).toBe('wasm');
    expect(metrics.fallbackReason).toBeUndefined();
    expect(metrics.diverged).toBeUndefined();
    expect(metrics.trainLoss).toHaveLength(3);
    // Chance level on ten classes is a loss of ln 10 ≈ 2.3.
    expect(metrics.trainLoss[2]).toBeLessThan(metrics.trainLoss[0]);
    expect(metrics.trainLoss[2]).toBeLessThan(Math.log(10) * 0.8);
  });
});
