import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
// Registers tfjs' gradients as a side effect, as tfjs-layers does for the trainer.
import '../../src/train/model';
import { FusedAdamOptimizer, hasFusedAdam, registerFusedAdam } from '../../src/train/fused-adam';
import { simdAdamFor, simdAdamModuleBytes } from '../../src/train/simd-adam';
import type { BackendName } from '../../src/train/types';
import { maxRelativeDifference, useBackend } from './fixtures';

const STEPS = 6;
const LEARNING_RATE = 0.01;

/** Weights after STEPS optimizer steps on a loss with a different gradient at every step. */
async function trainedWeights(backend: BackendName, makeOptimizer: () => tf.Optimizer, shape: number[]) {
  await useBackend(backend);
  registerFusedAdam();
  const weights = tf.variable(tf.randomNormal(shape, 0, 1, 'float32', 1));
  const target = tf.randomNormal(shape, 0, 1, 'float32', 2);
  const optimizer = makeOptimizer();
  const tensorsBefore = tf.memory().numTensors;
  for (let step = 1; step <= STEPS; step++) {
    // Cubing the error makes gradients of mixed sizes, so the second moment matters.
    const loss = optimizer.minimize(() => tf.sum(tf.pow(tf.sub(weights, tf.mul(target, step)), 3)), true);
    loss?.dispose();
  }
  const values = weights.arraySync();
  const liveTensors = tf.memory().numTensors - tensorsBefore;
  optimizer.dispose();
  tf.dispose([weights, target]);
  return { values, liveTensors };
}

beforeAll(async () => {
  await useBackend('cpu');
  await useBackend('wasm');
});

describe('FusedAdamOptimizer', () => {
  // Sizes below, at and above multiples of four, so the SIMD groups and the JavaScript tail both run.
  const shapes = [[1], [3], [4], [7], [2, 9], [33, 17], [64, 64]];
  const cases = (['cpu', 'wasm'] as const).flatMap((backend) => shapes.map((shape) => ({ backend, shape })));

  it.each(cases)('on $backend with weights $shape matches tfjs adam on cpu', async ({ backend, shape }) => {
    const reference = await trainedWeights('cpu', () => tf.train.adam(LEARNING_RATE), shape);
    const fused = await trainedWeights(backend, () => new FusedAdamOptimizer(LEARNING_RATE), shape);

    expect(maxRelativeDifference([fused.values], [reference.values])).toBeLessThan(1e-5);
    // Two moments per variable stay alive until the optimizer is disposed, like tfjs' Adam's.
    expect(fused.liveTensors).toBe(2);
  });

  it('is available on wasm and cpu after registration', async () => {
    await useBackend('wasm');
    registerFusedAdam();
    expect(hasFusedAdam()).toBe(true);
    await useBackend('cpu');
    expect(hasFusedAdam()).toBe(true);
  });

  it('rejects int32 weights, naming the input', async () => {
    await useBackend('wasm');
    registerFusedAdam();
    const ints = tf.tensor1d([1, 2], 'int32');
    expect(() => tf.engine().runKernel('NasFusedAdamStep', { value: ints, gradient: ints, firstMoment: ints, secondMoment: ints }, {})).toThrow(
      /The fused Adam step needs float32 tensors, got int32 for value/,
    );
    ints.dispose();
  });
});

describe('simdAdamFor', () => {
  it('assembles a valid SIMD module that binds to a wasm memory', () => {
    expect(WebAssembly.validate(simdAdamModuleBytes())).toBe(true);
    expect(simdAdamFor(new WebAssembly.Memory({ initial: 1 }))).not.toBeNull();
  });

  it('steps four values at a time in the given memory', () => {
    const memory = new WebAssembly.Memory({ initial: 1 });
    const adam = simdAdamFor(memory)!;
    const heap = new Float32Array(memory.buffer);
    const [w, g, m, v, nw, nm, nv] = [0, 4, 8, 12, 16, 20, 24];
    heap.set([1, 2, 3, 4], w);
    heap.set([0.5, -1, 2, 0], g);
    adam({
      weights: w * 4, gradient: g * 4, firstMoment: m * 4, secondMoment: v * 4,
      nextWeights: nw * 4, nextFirstMoment: nm * 4, nextSecondMoment: nv * 4,
      count: 4, beta1: 0.5, beta2: 0.5, stepSize: 1, secondScale: 1, epsilon: 1e-7,
    });

    // m' = g/2 and v' = g²/2, so w' = w − (g/2)/(√(g²/2) + ε) ≈ w − sign(g)/√2, and w for g = 0.
    const step = 1 / Math.SQRT2;
    expect([...heap.subarray(nm, nm + 4)]).toEqual([0.25, -0.5, 1, 0]);
    expect([...heap.subarray(nv, nv + 4)]).toEqual([0.125, 0.5, 2, 0]);
    const next = [...heap.subarray(nw, nw + 4)];
    [1 - step, 2 + step, 3 - step, 4].forEach((expected, i) => expect(next[i]).toBeCloseTo(expected, 5));
  });
});
