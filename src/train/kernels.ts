/**
 * Whether a backend has every kernel that training a genome needs.
 *
 * The lists below are the kernels tfjs 4.22 runs to build, train (forward and backward) and
 * evaluate each tfjs-layers class, with `registerFastGradients` in place. They were recorded
 * on the cpu backend, and test/train/kernels.test.ts records them again for every layer kind
 * and fails when one is missing here.
 */

import { getKernel } from '@tensorflow/tfjs-core';
import { assertValidGenome, type Genome } from '../core/genome';
import { LAYERS, type ShapeContext } from '../core/layers';
import { FUSED_ADAM_KERNEL } from './fused-adam';

/**
 * Kernels the trainer uses only where the backend has them, with a fallback made of listed
 * kernels elsewhere: the one-pass Adam step (fused-adam.ts) instead of tfjs' Adam.
 */
export const OPTIONAL_KERNELS: readonly string[] = [FUSED_ADAM_KERNEL];

/** Kernels of every candidate: the output head, both losses, the four optimizers, the metrics. */
const TRAINING_LOOP_KERNELS = [
  '_FusedMatMul', 'BatchMatMul', 'Add', 'ArgMax', 'Cast', 'Equal', 'Exp', 'Identity', 'Log', 'Max',
  'Multiply', 'Neg', 'Pack', 'RealDiv', 'Reshape', 'Sqrt', 'Square', 'SquaredDifference', 'Sub',
  'Sum', 'ZerosLike',
] as const;

const RECURRENT_KERNELS = [
  'Abs', 'Concat', 'Greater', 'Pow', 'Select', 'Sign', 'Slice', 'StridedSlice', 'Tile', 'Transpose', 'Unpack',
] as const;
/** GRU and LSTM gates use a hard sigmoid and split their fused weights. */
const GATED_RECURRENT_KERNELS = [
  ...RECURRENT_KERNELS, 'ClipByValue', 'GreaterEqual', 'LessEqual', 'LogicalAnd', 'SplitV',
] as const;

/** Kernels per tfjs-layers class name, besides those of its activation. */
export const CLASS_KERNELS: Readonly<Record<string, readonly string[]>> = {
  Dense: ['_FusedMatMul', 'BatchMatMul', 'Reshape', 'Transpose', 'Add', 'Sum'],
  Activation: [],
  Flatten: ['Reshape'],
  Reshape: ['Reshape'],
  // Conv2DBackpropFilter and Conv2DBackpropInput on wasm and cpu are those of conv-gradients.ts, built from the others.
  Conv2D: ['FusedConv2D', 'Conv2D', 'Conv2DBackpropInput', 'Conv2DBackpropFilter', 'PadV2', 'Reverse', 'Slice', 'Transpose', 'Add', 'Sum'],
  MaxPooling2D: ['MaxPool', 'MaxPoolGrad'],
  AveragePooling2D: ['AvgPool', 'AvgPoolGrad'],
  GlobalAveragePooling2D: ['Mean'],
  BatchNormalization: ['FusedBatchNorm', 'Mean', 'Rsqrt', 'Tile'],
  Dropout: ['Floor'],
  Add: ['Add'],
  Concatenate: ['Concat', 'SplitV'],
  SimpleRNN: RECURRENT_KERNELS,
  GRU: GATED_RECURRENT_KERNELS,
  LSTM: GATED_RECURRENT_KERNELS,
};

/** Kernels of each activation, forward and gradient. */
export const ACTIVATION_KERNELS: Readonly<Record<string, readonly string[]>> = {
  relu: ['Relu', 'Step'],
  tanh: ['Tanh'],
  sigmoid: ['Sigmoid'],
  elu: ['Elu', 'EluGrad'],
  selu: ['Selu', 'Greater', 'Select'],
  linear: [],
  hardSigmoid: ['ClipByValue', 'GreaterEqual', 'LessEqual', 'LogicalAnd', 'Select'],
};

export interface KernelRequirements {
  /** Each kernel, with who needs it: gene ids, or "training loop". */
  readonly kernels: ReadonlyMap<string, readonly string[]>;
  /** Layers whose class or activation has no kernel list above. */
  readonly unknown: readonly { readonly geneId: string; readonly name: string }[];
}

/** Lists the kernels that building, training and evaluating `genome` runs. */
export function requiredKernels(genome: Genome, context: ShapeContext): KernelRequirements {
  const analysis = assertValidGenome(genome, context);
  const kernels = new Map<string, string[]>();
  const unknown: { geneId: string; name: string }[] = [];
  const need = (names: readonly string[], by: string) => {
    for (const name of names) kernels.set(name, [...(kernels.get(name) ?? []), by]);
  };

  need(TRAINING_LOOP_KERNELS, 'training loop');
  for (const gene of genome.nodes) {
    const inputShapes = gene.inputs.map((source) => analysis.nodes.get(source)!.shape);
    for (const { className, config } of LAYERS[gene.kind].keras(inputShapes, gene.params, context)) {
      const classKernels = CLASS_KERNELS[className];
      if (classKernels) need(classKernels, gene.id);
      else unknown.push({ geneId: gene.id, name: `layer class ${className}` });

      const activation = config.activation;
      if (typeof activation !== 'string') continue;
      const activationKernels = ACTIVATION_KERNELS[activation];
      if (activationKernels) need(activationKernels, gene.id);
      else unknown.push({ geneId: gene.id, name: `activation ${activation}` });
    }
  }
  return { kernels, unknown };
}

/**
 * Returns why `backend` may not be able to train `genome`: the kernels it lacks and the genes
 * that need them, and layers whose kernels are not listed here. Returns null when neither.
 */
export function findKernelGap(genome: Genome, context: ShapeContext, backend: string): string | null {
  const { kernels, unknown } = requiredKernels(genome, context);
  const missing = [...kernels].filter(([name]) => !getKernel(name, backend));
  const sentences = [
    ...missing.map(([name, users]) => `The ${backend} backend has no ${name} kernel (needed by ${[...new Set(users)].join(', ')}).`),
    ...unknown.map(
      ({ geneId, name }) =>
        `The kernels of ${name} (gene ${geneId}) are not listed in src/train/kernels.ts, so whether ${backend} can train it is unknown.`,
    ),
  ];
  return sentences.length === 0 ? null : sentences.join(' ');
}
