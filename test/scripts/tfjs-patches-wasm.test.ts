/**
 * The patched WASM Slice kernel, run on the real WASM backend in Node: Node loads tfjs's
 * unpatched bundles, so the test compiles the patched module's source itself.
 */

import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { shared } from '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { patchTfjs } from '../../scripts/tfjs-patches';
import { useBackend } from '../train/fixtures';

type SliceKernel = (args: { inputs: { x: tf.TensorInfo }; attrs: { begin: number[]; size: number[] }; backend: tf.KernelBackend }) => tf.TensorInfo;

/** The patched `slice` function, with the module's imports passed in. */
function patchedSlice(): SliceKernel {
  const path = resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist/kernels/Slice.js');
  const code = patchTfjs(path, readFileSync(path, 'utf8'))!
    .replace(/^import .*$/gm, '')
    .replace(/^export const sliceConfig[\s\S]*$/m, '')
    .replaceAll('export function', 'function');
  return new Function('slice_util', 'util', 'sliceImplCPU', `${code}\nreturn slice;`)(tf.slice_util, tf.util, shared.sliceImpl) as SliceKernel;
}

describe('patched WASM Slice', () => {
  let slice: SliceKernel;

  beforeAll(async () => {
    await useBackend('wasm');
    slice = patchedSlice();
  });

  /** Runs the patched kernel and reads its output as a tensor. */
  const run = (x: tf.Tensor, begin: number[], size: number[]) => tf.engine().makeTensorFromTensorInfo(slice({ inputs: { x }, attrs: { begin, size }, backend: tf.backend() }));

  it.each([
    ['a row range', [6, 5], [2, 0], [3, 5]],
    ['a 2-d window', [6, 5], [1, 2], [4, 2]],
    ['a 3-d window', [3, 4, 5], [1, 1, 2], [2, 2, 3]],
    ['a 4-d window', [2, 3, 4, 5], [1, 0, 1, 2], [1, 3, 2, 2]],
    ['a 5-d window', [2, 2, 3, 2, 3], [0, 1, 1, 0, 1], [2, 1, 2, 2, 2]],
  ])('copies %s', (_name, shape, begin, size) => {
    const x = tf.tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i), shape);
    const expected = tf.slice(x, begin, size);
    const actual = run(x, begin, size);

    expect(actual.shape).toEqual(size);
    expect(Array.from(actual.dataSync())).toEqual(Array.from(expected.dataSync()));
    tf.dispose([x, expected, actual]);
  });

  it('reads its input after a large output grows memory', () => {
    // 32 MB of output makes WASM memory grow, which detaches any view taken before it.
    const columns = 8_000_000;
    const x = tf.fill([2, columns], 3);
    const actual = run(x, [1, 0], [1, columns]);
    const values = actual.dataSync();

    expect(values.length).toBe(columns);
    expect(values[0]).toBe(3);
    expect(values[columns - 1]).toBe(3);
    tf.dispose([x, actual]);
  });
});
