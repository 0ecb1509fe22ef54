/**
 * Chained tensor methods (`x.flatten()`, `x.mul(y)`, …) for tfjs-layers.
 *
 * tfjs-layers 4.22 calls some ops as tensor methods, for example the orthogonal initializer of
 * recurrent layers calls `flatten()` and `stridedSlice()`. tfjs-core defines those methods only
 * in `dist/public/chained_ops`, a set of ES modules that the `@tensorflow/tfjs` umbrella package
 * imports and that Node cannot load from the CommonJS build of tfjs-core. This module adds the
 * same methods, calling the same ops, wherever they are missing.
 */

import * as tf from '@tensorflow/tfjs-core';

/** Methods defined in tfjs-core 4.22 as `NAME(...args) { return tf.NAME(this, ...args); }`. */
const FORWARDING_METHODS = [
  'abs', 'acos', 'acosh', 'add', 'all', 'any', 'argMax', 'argMin', 'asin', 'asinh', 'atan',
  'atan2', 'atanh', 'batchNorm', 'batchToSpaceND', 'broadcastTo', 'cast', 'ceil', 'clipByValue',
  'conv1d', 'conv2d', 'cos', 'cosh', 'cumprod', 'cumsum', 'depthToSpace', 'div', 'divNoNan', 'dot',
  'elu', 'equal', 'erf', 'euclideanNorm', 'exp', 'expandDims', 'expm1', 'fft', 'floor', 'floorDiv',
  'gather', 'greater', 'greaterEqual', 'ifft', 'irfft', 'isFinite', 'isInf', 'isNaN', 'leakyRelu',
  'less', 'lessEqual', 'log', 'log1p', 'logSigmoid', 'logSoftmax', 'logSumExp', 'logicalAnd',
  'logicalNot', 'logicalOr', 'logicalXor', 'matMul', 'max', 'maximum', 'mean', 'min', 'minimum',
  'mirrorPad', 'mod', 'mul', 'neg', 'norm', 'notEqual', 'oneHot', 'onesLike', 'pad', 'pool', 'pow',
  'prelu', 'prod', 'reciprocal', 'relu', 'relu6', 'reshape', 'reverse', 'rfft', 'round', 'rsqrt',
  'selu', 'sigmoid', 'sign', 'sin', 'sinh', 'slice', 'softmax', 'softplus', 'spaceToBatchND',
  'split', 'sqrt', 'square', 'squaredDifference', 'squeeze', 'step', 'stridedSlice', 'sub', 'sum',
  'tan', 'tanh', 'tile', 'topk', 'transpose', 'unique', 'unstack', 'zerosLike',
] as const;

type Method = (this: tf.Tensor, ...args: never[]) => unknown;

const asList = (x: tf.Tensor | tf.Tensor[]): tf.Tensor[] => (x instanceof tf.Tensor ? [x] : x);

/** Methods whose body is not a plain call of the op of the same name. */
const SPECIAL_METHODS: Record<string, Method> = {
  as1D(this: tf.Tensor) {
    return tf.reshape(this, [this.size]);
  },
  as2D(this: tf.Tensor, rows: number, columns: number) {
    return tf.reshape(this, [rows, columns]);
  },
  as3D(this: tf.Tensor, rows: number, columns: number, depth: number) {
    return tf.reshape(this, [rows, columns, depth]);
  },
  as4D(this: tf.Tensor, rows: number, columns: number, depth: number, depth2: number) {
    return tf.reshape(this, [rows, columns, depth, depth2]);
  },
  as5D(this: tf.Tensor, rows: number, columns: number, depth: number, depth2: number, depth3: number) {
    return tf.reshape(this, [rows, columns, depth, depth2, depth3]);
  },
  asScalar(this: tf.Tensor) {
    if (this.size !== 1) throw new Error(`asScalar needs a tensor of one element, got shape [${this.shape}].`);
    return tf.reshape(this, []);
  },
  asType(this: tf.Tensor, dtype: tf.DataType) {
    return tf.cast(this, dtype);
  },
  concat(this: tf.Tensor, x: tf.Tensor | tf.Tensor[], axis?: number) {
    return tf.concat([this, ...asList(x)], axis);
  },
  flatten(this: tf.Tensor) {
    return tf.reshape(this, [this.size]);
  },
  reshapeAs(this: tf.Tensor, x: tf.Tensor) {
    return tf.reshape(this, x.shape);
  },
  stack(this: tf.Tensor, x: tf.Tensor | tf.Tensor[], axis?: number) {
    return tf.stack([this, ...asList(x)], axis);
  },
  toBool(this: tf.Tensor) {
    return tf.cast(this, 'bool');
  },
  toFloat(this: tf.Tensor) {
    return tf.cast(this, 'float32');
  },
  toInt(this: tf.Tensor) {
    return tf.cast(this, 'int32');
  },
  where(this: tf.Tensor, condition: tf.Tensor, x: tf.Tensor) {
    return tf.where(condition, this, x);
  },
};

/** Adds every chained method that `tf.Tensor.prototype` lacks. Safe to call repeatedly. */
export function registerChainedOps(): void {
  const prototype = tf.Tensor.prototype as unknown as Record<string, Method | undefined>;
  const ops = tf as unknown as Record<string, (...args: unknown[]) => unknown>;

  for (const name of FORWARDING_METHODS) {
    if (prototype[name]) continue;
    prototype[name] = function (this: tf.Tensor, ...args: unknown[]) {
      this.throwIfDisposed();
      return ops[name](this, ...args);
    } as Method;
  }
  for (const [name, method] of Object.entries(SPECIAL_METHODS)) {
    if (prototype[name]) continue;
    prototype[name] = function (this: tf.Tensor, ...args: never[]) {
      this.throwIfDisposed();
      return method.apply(this, args);
    } as Method;
  }
}
