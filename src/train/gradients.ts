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
import type { KernelConfig, KernelFunc, TensorInfo } from '@tensorflow/tfjs-core';
import { convGradientKernels } from './conv-gradients';
import { registerFusedAdam, unregisterFusedAdam } from './fused-adam';
import { disposeIntermediates, runKernel, type KernelArgs } from './kernel-calls';
import { poolGradientKernels } from './pool-kernels';

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

/** Builds the replacement kernels for one backend from that backend's current kernels. */
function replacementKernels(backendName: string): KernelConfig[] {
  const replacements: KernelConfig[] = [...convGradientKernels(backendName), ...poolGradientKernels(backendName)];
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
