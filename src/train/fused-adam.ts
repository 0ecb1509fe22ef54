/**
 * Adam in one pass per variable, for the wasm and cpu backends.
 *
 * tfjs' own Adam runs about a dozen element-wise kernels per variable and step (scale the
 * moments, square the gradient, correct the bias, take the square root…), each a full pass
 * over the weights with its own dispatch cost. On wasm that made the optimizer step about a
 * fifth of a dense network's training step. Here one kernel reads the weights, the gradient
 * and both moments once and writes the new weights and moments: on wasm a SIMD function on
 * the backend's memory (simd-adam.ts), on cpu a JavaScript loop over its arrays. The
 * arithmetic is tfjs' Adam (tfjs-core 4.22 `AdamOptimizer.applyGradients`) in float32, with
 * the bias corrections folded into the step size and the second-moment scale.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { KernelBackend, KernelConfig, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';
import { BUFFER_BACKENDS, bufferAccess, checkFloat32 } from './backend-buffers';
import { simdAdamFor } from './simd-adam';

/** Name of the kernel that applies one Adam step to one variable. */
export const FUSED_ADAM_KERNEL = 'NasFusedAdamStep';

/** Backends that get the fused kernel: those whose buffers JavaScript reaches. */
export const FUSED_ADAM_BACKENDS = BUFFER_BACKENDS;

interface AdamStepAttrs {
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** learningRate / (1 − beta1^t) for step t, counted from 1. */
  readonly stepSize: number;
  /** 1 / (1 − beta2^t). */
  readonly secondScale: number;
}

/** The four inputs and three outputs of one step, as flat arrays. */
interface StepArrays {
  readonly weights: Float32Array;
  readonly gradient: Float32Array;
  readonly firstMoment: Float32Array;
  readonly secondMoment: Float32Array;
  readonly nextWeights: Float32Array;
  readonly nextFirstMoment: Float32Array;
  readonly nextSecondMoment: Float32Array;
}

const f32 = Math.fround;

/**
 * One Adam step over the values `from..` of flat arrays, in float32 like the SIMD function:
 * m' = beta1·m + (1 − beta1)·g, v' = beta2·v + (1 − beta2)·g², w' = w − step·m' / (√(v'·c) + ε).
 */
function adamStep(arrays: StepArrays, attrs: AdamStepAttrs, from = 0): void {
  const { weights, gradient, firstMoment, secondMoment, nextWeights, nextFirstMoment, nextSecondMoment } = arrays;
  const beta1 = f32(attrs.beta1);
  const beta2 = f32(attrs.beta2);
  const keep1 = f32(1 - attrs.beta1);
  const keep2 = f32(1 - attrs.beta2);
  const stepSize = f32(attrs.stepSize);
  const secondScale = f32(attrs.secondScale);
  const epsilon = f32(attrs.epsilon);
  for (let i = from; i < weights.length; i++) {
    const g = gradient[i];
    const m = f32(f32(beta1 * firstMoment[i]) + f32(keep1 * g));
    const v = f32(f32(beta2 * secondMoment[i]) + f32(keep2 * f32(g * g)));
    nextFirstMoment[i] = m;
    nextSecondMoment[i] = v;
    nextWeights[i] = weights[i] - f32(f32(stepSize * m) / f32(f32(Math.sqrt(f32(v * secondScale))) + epsilon));
  }
}

type KernelArgs = { inputs: Record<string, TensorInfo>; backend: KernelBackend; attrs: NamedAttrMap };

/**
 * Runs one step: on wasm the SIMD function over every group of four values, then
 * JavaScript over the rest (all values on cpu, or where WebAssembly has no SIMD).
 */
function fusedAdamKernel(backendName: string): KernelConfig {
  const kernelFunc = ({ inputs, backend, attrs }: KernelArgs): TensorInfo[] => {
    checkFloat32('The fused Adam step', inputs);
    const access = bufferAccess(backendName, backend);
    const { value, gradient, firstMoment, secondMoment } = inputs;
    const outputs = [0, 1, 2].map(() => access.allocate(value.shape));
    const step = attrs as unknown as AdamStepAttrs;
    const size = tf.util.sizeFromShape(value.shape);
    const simd = access.memory ? simdAdamFor(access.memory) : null;
    const simdCount = simd ? size - (size % 4) : 0;

    if (simd && simdCount > 0) {
      const address = (info: TensorInfo) => access.address(info)!;
      simd({
        weights: address(value),
        gradient: address(gradient),
        firstMoment: address(firstMoment),
        secondMoment: address(secondMoment),
        nextWeights: address(outputs[0]),
        nextFirstMoment: address(outputs[1]),
        nextSecondMoment: address(outputs[2]),
        count: simdCount,
        ...step,
      });
    }
    if (simdCount < size) {
      const arrays = {
        weights: access.view(value),
        gradient: access.view(gradient),
        firstMoment: access.view(firstMoment),
        secondMoment: access.view(secondMoment),
        nextWeights: access.view(outputs[0]),
        nextFirstMoment: access.view(outputs[1]),
        nextSecondMoment: access.view(outputs[2]),
      };
      adamStep(arrays, step, simdCount);
    }
    return outputs;
  };
  return { kernelName: FUSED_ADAM_KERNEL, backendName, kernelFunc: kernelFunc as unknown as KernelFunc };
}

/** Registers the fused Adam kernel on every loaded backend of `FUSED_ADAM_BACKENDS`. Idempotent. */
export function registerFusedAdam(): void {
  for (const backendName of FUSED_ADAM_BACKENDS) {
    if (tf.getKernelsForBackend(backendName).length === 0 || tf.getKernel(FUSED_ADAM_KERNEL, backendName)) continue;
    tf.registerKernel(fusedAdamKernel(backendName));
  }
}

/** Removes the fused Adam kernel, so that `createOptimizer` falls back to tfjs' Adam. */
export function unregisterFusedAdam(): void {
  for (const backendName of FUSED_ADAM_BACKENDS) {
    if (tf.getKernel(FUSED_ADAM_KERNEL, backendName)) tf.unregisterKernel(FUSED_ADAM_KERNEL, backendName);
  }
}

/** Checks whether the active backend has the fused Adam kernel. */
export function hasFusedAdam(): boolean {
  return tf.getKernel(FUSED_ADAM_KERNEL, tf.getBackend()) !== undefined;
}

interface Moments {
  first: tf.Tensor;
  second: tf.Tensor;
}

/**
 * Adam with tfjs' defaults (beta1 0.9, beta2 0.999, epsilon from the backend), stepping each
 * variable with the fused kernel. Use it only where `hasFusedAdam()` holds.
 */
export class FusedAdamOptimizer extends tf.Optimizer {
  /** The name tfjs' serialization would register the class under; this optimizer is not serialized. */
  static get className(): string {
    return 'FusedAdam';
  }

  private readonly moments = new Map<string, Moments>();
  private step = 0;

  constructor(
    readonly learningRate: number,
    readonly beta1 = 0.9,
    readonly beta2 = 0.999,
    readonly epsilon = tf.backend().epsilon(),
  ) {
    super();
  }

  override applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const entries: [string, tf.Tensor][] = Array.isArray(variableGradients)
      ? variableGradients.map(({ name, tensor }) => [name, tensor])
      : Object.entries(variableGradients);
    this.step++;
    const attrs: AdamStepAttrs = {
      beta1: this.beta1,
      beta2: this.beta2,
      epsilon: this.epsilon,
      stepSize: this.learningRate / (1 - this.beta1 ** this.step),
      secondScale: 1 / (1 - this.beta2 ** this.step),
    };

    for (const [name, gradient] of entries) {
      if (gradient == null) continue;
      const variable = tf.engine().registeredVariables[name];
      const moments = this.momentsOf(name, variable);
      const [weights, first, second] = tf.engine().runKernel(
        FUSED_ADAM_KERNEL,
        { value: variable, gradient, firstMoment: moments.first, secondMoment: moments.second },
        attrs as unknown as NamedAttrMap,
      ) as tf.Tensor[];
      variable.assign(weights);
      weights.dispose();
      tf.dispose([moments.first, moments.second]);
      this.moments.set(name, { first, second });
    }
    this.incrementIterations();
  }

  private momentsOf(name: string, variable: tf.Variable): Moments {
    let moments = this.moments.get(name);
    if (!moments) {
      moments = { first: tf.zerosLike(variable), second: tf.zerosLike(variable) };
      this.moments.set(name, moments);
    }
    return moments;
  }

  override dispose(): void {
    for (const { first, second } of this.moments.values()) tf.dispose([first, second]);
    this.moments.clear();
    super.dispose();
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, beta1: this.beta1, beta2: this.beta2, epsilon: this.epsilon };
  }
}
