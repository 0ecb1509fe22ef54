/**
 * Faster and complete training kernels for the wasm and cpu backends of tfjs 4.22.
 *
 * Two things slow down or stop training on tfjs-backend-wasm 4.22:
 * - Its matmul is far slower when an operand is transposed, and every matmul gradient
 *   multiplies with `transposeA` or `transposeB` set. Transposing explicitly first trains the
 *   784-256-256-10 MLP of bench/train-throughput.ts about 5× faster on wasm.
 * - It has no `Conv2DBackpropFilter` kernel, so no conv layer can be trained on it.
 *
 * The fixes sit at the kernel level, below tfjs' gradient functions, because registered
 * gradients do not cover every path. tfjs-layers' Dense and Conv2D call tfjs' fused ops. With
 * a linear activation (the output head, and conv layers whose activation is not relu or elu)
 * those ops keep their gradient in a closure that calls the `BatchMatMul` and
 * `Conv2DBackpropFilter` kernels directly, so `tf.registerGradient` never reaches it.
 *
 * `registerFastGradients` installs, per backend:
 * - wasm: `BatchMatMul` and `_FusedMatMul` that transpose a flagged operand explicitly and
 *   then run wasm's plain matmul; a `Conv2DBackpropFilter` written as a forward convolution.
 * - cpu: the same `Conv2DBackpropFilter`, which trains the CNN of bench/train-throughput.ts
 *   about 7× faster than cpu's own. cpu's transposed matmul is not slow, so it stays.
 * webgl and webgpu keep their own kernels.
 *
 * It also registers the one-pass Adam step of fused-adam.ts on wasm and cpu.
 */

import * as tf from '@tensorflow/tfjs-core';
import { registerFusedAdam, unregisterFusedAdam } from './fused-adam';
import {
  backend_util,
  type KernelBackend,
  type KernelConfig,
  type KernelFunc,
  type NamedAttrMap,
  type TensorInfo,
} from '@tensorflow/tfjs-core';

interface KernelArgs {
  readonly inputs: Record<string, TensorInfo | undefined>;
  readonly backend: KernelBackend;
  readonly attrs: NamedAttrMap;
}

/** Runs another kernel of the same backend, as backends compose their own kernels. */
function runKernel(backendName: string, kernelName: string, args: KernelArgs): TensorInfo {
  const kernel = tf.getKernel(kernelName, backendName);
  if (!kernel) {
    throw new Error(`The ${backendName} backend has no ${kernelName} kernel, which the replacement kernels need.`);
  }
  return kernel.kernelFunc(args as Parameters<KernelFunc>[0]) as TensorInfo;
}

function disposeIntermediates(backend: KernelBackend, keep: readonly TensorInfo[], infos: readonly TensorInfo[]): void {
  for (const info of new Set(infos)) {
    if (!keep.includes(info)) backend.disposeData(info.dataId);
  }
}

/** Returns the permutation that swaps the last two axes of a rank-`rank` tensor. */
function swapInnerAxes(rank: number): number[] {
  const perm = [...Array(rank).keys()];
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

/**
 * Whether `a · bᵀ` (a: [m, n], b: [k, n], no batch axis beyond 1) moves fewer values computed as `(b · aᵀ)ᵀ`.
 * Transposing b costs k·n, and wasm packs the fresh k·n right operand once more. The other
 * order transposes a (m·n), packs aᵀ (n·m) and transposes the m·k result. In a dense layer's
 * input gradient, m is the batch and k·n the weights, so the second order wins there.
 */
function transposeProductFirst(a: TensorInfo, b: TensorInfo): boolean {
  const outerSize = (x: TensorInfo) => x.shape.slice(0, -2).reduce((acc, d) => acc * d, 1);
  if (outerSize(a) !== 1 || outerSize(b) !== 1) return false;
  const [m, n] = a.shape.slice(-2);
  const k = b.shape[b.shape.length - 2];
  return m * (2 * n + k) < 2 * k * n;
}

/**
 * Wraps a matmul kernel (`BatchMatMul` or `_FusedMatMul`, inputs `a` and `b`) so that a
 * transposed operand is transposed explicitly and the original kernel runs untransposed.
 * A plain `a · bᵀ` whose left operand is short runs as `(b · aᵀ)ᵀ` instead, which leaves
 * the large operand, usually the weights, untransposed.
 */
function plainMatMulKernel(original: KernelConfig): KernelConfig {
  const plainOnly = original.kernelName === tf.BatchMatMul;
  const kernelFunc = (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    if (!attrs.transposeA && !attrs.transposeB) return original.kernelFunc(args as never) as TensorInfo;

    const transpose = (x: TensorInfo) =>
      runKernel(original.backendName, 'Transpose', { inputs: { x }, backend, attrs: { perm: swapInnerAxes(x.shape.length) } });
    const multiply = (a: TensorInfo, b: TensorInfo) =>
      original.kernelFunc({ inputs: { ...inputs, a, b }, backend, attrs: { ...attrs, transposeA: false, transposeB: false } } as never) as TensorInfo;

    if (plainOnly && !attrs.transposeA && transposeProductFirst(inputs.a!, inputs.b!)) {
      const aTransposed = transpose(inputs.a!);
      const product = multiply(inputs.b!, aTransposed);
      const out = transpose(product);
      disposeIntermediates(backend, [], [aTransposed, product]);
      return out;
    }

    const a = attrs.transposeA ? transpose(inputs.a!) : inputs.a!;
    const b = attrs.transposeB ? transpose(inputs.b!) : inputs.b!;
    const out = multiply(a, b);
    disposeIntermediates(backend, [inputs.a!, inputs.b!], [a, b]);
    return out;
  };
  return { ...original, kernelFunc: kernelFunc as unknown as KernelFunc };
}

/**
 * Filter gradient of a stride-s convolution, written as a forward convolution:
 * dW[i, j, c, o] = Σ_{n, p, q} x[n, p·s + i, q·s + j, c] · dy[n, p, q, o]. Taking the input
 * channels as the batch and the examples as the channels, that sum is a convolution of the
 * padded input with dy as the filter, dilated by the stride.
 */
function conv2dBackpropFilterKernel(backendName: string): KernelConfig {
  const kernelFunc = (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const x = inputs.x!;
    const dy = inputs.dy!;
    const run = (kernelName: string, kernelInputs: Record<string, TensorInfo>, kernelAttrs: NamedAttrMap) =>
      runKernel(backendName, kernelName, { inputs: kernelInputs, backend, attrs: kernelAttrs });

    if (attrs.dataFormat === 'NCHW') {
      throw new Error(`Conv2DBackpropFilter on ${backendName} supports only NHWC data, got NCHW.`);
    }
    const filterShape = attrs.filterShape as [number, number, number, number];
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      filterShape,
      attrs.strides as [number, number] | number,
      1,
      attrs.pad as 'valid' | 'same',
      attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    );
    const { top, bottom, left, right } = info.padInfo;

    const padded =
      top + bottom + left + right === 0
        ? x
        : run('PadV2', { x }, { paddings: [[0, 0], [top, bottom], [left, right], [0, 0]], constantValue: 0 });
    const channelsAsBatch = run('Transpose', { x: padded }, { perm: [3, 1, 2, 0] });
    const dyAsFilter = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
    const full = run(
      'Conv2D',
      { x: channelsAsBatch, filter: dyAsFilter },
      { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [info.strideHeight, info.strideWidth] },
    );
    // Rows and columns past the kernel size pair dy with input positions no window reached.
    const [inChannels, , , outChannels] = full.shape;
    const cropped = run('Slice', { x: full }, { begin: [0, 0, 0, 0], size: [inChannels, info.filterHeight, info.filterWidth, outChannels] });
    const filterGradient = run('Transpose', { x: cropped }, { perm: [1, 2, 0, 3] });

    disposeIntermediates(backend, [x, dy], [padded, channelsAsBatch, dyAsFilter, full, cropped]);
    return filterGradient;
  };
  return { kernelName: tf.Conv2DBackpropFilter, backendName, kernelFunc: kernelFunc as unknown as KernelFunc };
}

/** Builds the replacement kernels for one backend from that backend's current kernels. */
function replacementKernels(backendName: string): KernelConfig[] {
  const replacements: KernelConfig[] = [conv2dBackpropFilterKernel(backendName)];
  if (backendName === 'wasm') {
    for (const kernelName of [tf.BatchMatMul, tf._FusedMatMul]) {
      const original = tf.getKernel(kernelName, backendName);
      if (original) replacements.push(plainMatMulKernel(original));
    }
  }
  return replacements;
}

/** Backends whose kernels `registerFastGradients` replaces. */
export const FAST_GRADIENT_BACKENDS = ['wasm', 'cpu'] as const;

/** Kernels that `registerFastGradients` replaced, keyed `backend/kernel`; null where none existed. */
const replacedKernels = new Map<string, KernelConfig | null>();

function swapKernel(config: KernelConfig): void {
  if (tf.getKernel(config.kernelName, config.backendName)) tf.unregisterKernel(config.kernelName, config.backendName);
  tf.registerKernel(config);
}

/**
 * Installs the replacement kernels on every backend of `FAST_GRADIENT_BACKENDS` whose package
 * is loaded. Idempotent; call it again after loading another backend package.
 */
export function registerFastGradients(): void {
  for (const backendName of FAST_GRADIENT_BACKENDS) {
    // A backend whose package is not loaded has no kernels yet: nothing to replace.
    if (tf.getKernelsForBackend(backendName).length === 0) continue;
    for (const config of replacementKernels(backendName)) {
      const key = `${backendName}/${config.kernelName}`;
      if (replacedKernels.has(key)) continue;
      replacedKernels.set(key, tf.getKernel(config.kernelName, backendName) ?? null);
      swapKernel(config);
    }
  }
  registerFusedAdam();
}

/** Restores the kernels tfjs registered before `registerFastGradients`, for comparisons. */
export function unregisterFastGradients(): void {
  for (const [key, original] of replacedKernels) {
    const [backendName, kernelName] = key.split('/');
    tf.unregisterKernel(kernelName, backendName);
    if (original) tf.registerKernel(original);
  }
  replacedKernels.clear();
  unregisterFusedAdam();
}
