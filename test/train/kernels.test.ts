import * as tf from '@tensorflow/tfjs-core';
import type { KernelConfig, KernelFunc } from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { chainGenome, type Genome } from '../../src/core/genome';
import { ACTIVATIONS, LAYERS, PLACEABLE_KINDS, type LayerKind, type LayerParams, type ShapeContext } from '../../src/core/layers';
import { Rng } from '../../src/core/rng';
import type { Dataset, Split, TaskKind } from '../../src/data/types';
import { evaluateCandidate } from '../../src/train/evaluate';
import { registerFastGradients, unregisterFastGradients } from '../../src/train/gradients';
import { OPTIONAL_KERNELS, findKernelGap, requiredKernels } from '../../src/train/kernels';
import { OPTIMIZERS, type EvaluationMetrics } from '../../src/train/types';
import { useBackend } from './fixtures';

/** Random rows of the given shape: kernel use does not depend on the values. */
function randomDataset(kind: TaskKind, inputShape: number[], seed: number): Dataset {
  const rng = new Rng(seed);
  const size = inputShape.reduce((a, b) => a * b, 1);
  const split = (count: number): Split => ({
    x: Float32Array.from({ length: count * size }, () => rng.normal()),
    y: Float32Array.from({ length: kind === 'classification' ? count : count * 3 }, () => (kind === 'classification' ? rng.int(0, 2) : rng.normal())),
    count,
  });
  return { task: 'xor', name: 'random', kind, inputShape, outputUnits: 3, train: split(8), validation: split(4), test: split(4) };
}

/** Runs `action` while recording every cpu kernel it runs, then restores the kernels. */
async function recordCpuKernels(action: () => Promise<unknown>): Promise<Set<string>> {
  const used = new Set<string>();
  const originals = tf.getKernelsForBackend('cpu');
  const swap = (config: KernelConfig) => {
    tf.unregisterKernel(config.kernelName, 'cpu');
    tf.registerKernel(config);
  };
  for (const kernel of originals) {
    const kernelFunc = ((args: Parameters<KernelFunc>[0]) => {
      used.add(kernel.kernelName);
      return kernel.kernelFunc(args);
    }) as KernelFunc;
    swap({ ...kernel, kernelFunc });
  }
  try {
    await action();
  } finally {
    originals.forEach(swap);
  }
  return used;
}

const IMAGE: ShapeContext = { inputShape: [6, 6, 2], outputUnits: 3 };
const SEQUENCE: ShapeContext = { inputShape: [4, 2], outputUnits: 3 };
const VECTOR: ShapeContext = { inputShape: [5], outputUnits: 3 };

function contextFor(kind: LayerKind): ShapeContext {
  const group = LAYERS[kind].group;
  if (group === 'recurrent') return SEQUENCE;
  if (group === 'convolution' || group === 'pooling') return IMAGE;
  return VECTOR;
}

/**
 * Builds one genome per layer kind and activation. A trainable layer comes first so that gradients
 * flow through the layer under test, as they do inside a real network.
 */
function kernelCases(): { name: string; genome: Genome; context: ShapeContext }[] {
  const cases = [];
  for (const kind of PLACEABLE_KINDS) {
    const context = contextFor(kind);
    const first: { kind: LayerKind; params: LayerParams } =
      context === IMAGE
        ? { kind: 'conv2d' as const, params: { filters: 2, kernelSize: 3, strides: 1, padding: 'same', activation: 'linear' } }
        : { kind: 'dense' as const, params: { units: 2, activation: 'linear' } };
    const activations = 'activation' in LAYERS[kind].params ? ACTIVATIONS : [undefined];
    for (const activation of activations) {
      const params: LayerParams = activation ? { activation } : {};
      const genome =
        LAYERS[kind].group === 'merge'
          ? {
              nodes: [
                ...chainGenome([first]).nodes.filter((n) => n.kind !== 'output'),
                { id: 'merge', kind, params: {}, inputs: ['input', 'l1'] },
                { id: 'output', kind: 'output' as const, params: {}, inputs: ['merge'] },
              ],
            }
          : chainGenome([first, { kind, params }]);
      const merged = LAYERS[kind].group === 'merge' ? { ...context, inputShape: [2] } : context;
      cases.push({ name: activation ? `${kind} ${activation}` : kind, genome, context: merged });
    }
  }
  return cases;
}

beforeAll(async () => {
  await useBackend('wasm');
  await useBackend('cpu');
  registerFastGradients();
});

describe('requiredKernels', () => {
  it.each(kernelCases().map((c, i) => ({ ...c, optimizer: OPTIMIZERS[i % OPTIMIZERS.length] })))(
    '$name lists every kernel training runs ($optimizer)',
    async ({ genome, context, optimizer }) => {
      await useBackend('cpu');
      const settings = { epochs: 1, batchSize: 4, learningRate: 0.01, optimizer, maxTrainRows: 0 };
      const used = await recordCpuKernels(async () => {
        for (const kind of ['classification', 'regression'] as const) {
          await evaluateCandidate(genome, randomDataset(kind, [...context.inputShape], 1), settings, 1);
        }
      });

      const listed = requiredKernels(genome, context);
      expect([...used].filter((name) => !listed.kernels.has(name) && !OPTIONAL_KERNELS.includes(name))).toEqual([]);
      expect(listed.unknown).toEqual([]);
    },
  );
});

describe('findKernelGap', () => {
  const conv = chainGenome([{ kind: 'conv2d', params: { filters: 2, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' } }]);

  it('names a kernel that wasm 4.22 really lacks, and the gene needing it', () => {
    unregisterFastGradients();
    try {
      expect(findKernelGap(conv, IMAGE, 'wasm')).toBe('The wasm backend has no Conv2DBackpropFilter kernel (needed by l1).');
      expect(findKernelGap(conv, IMAGE, 'cpu')).toBeNull();
      expect(findKernelGap(chainGenome([{ kind: 'dense' }]), VECTOR, 'wasm')).toBeNull();
    } finally {
      registerFastGradients();
    }
  });

  it('finds nothing missing on wasm once the fast gradients are registered', () => {
    expect(findKernelGap(conv, IMAGE, 'wasm')).toBeNull();
  });
});

describe('kernel fallback', () => {
  it('trains on cpu, says why, and restores the backend', async () => {
    await useBackend('wasm');
    const genome = chainGenome([
      { kind: 'conv2d', params: { filters: 2, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' } },
      { kind: 'maxPooling2d', params: { poolSize: 2, padding: 'valid' } },
    ]);
    const data = randomDataset('classification', [6, 6, 2], 3);
    const settings = { epochs: 2, batchSize: 4, learningRate: 0.01, optimizer: 'adam' as const, maxTrainRows: 0 };
    const maxPoolGrad = tf.getKernel('MaxPoolGrad', 'wasm')!;

    let metrics: EvaluationMetrics;
    tf.unregisterKernel('MaxPoolGrad', 'wasm');
    try {
      metrics = await evaluateCandidate(genome, data, settings, 9);
    } finally {
      tf.registerKernel(maxPoolGrad);
    }

    expect(metrics.backend).toBe('cpu');
    expect(metrics.fallbackReason).toBe('The wasm backend has no MaxPoolGrad kernel (needed by l2). Trained on cpu instead.');
    expect(tf.getBackend()).toBe('wasm');
    await useBackend('cpu');
    const direct = await evaluateCandidate(genome, data, settings, 9);
    expect({ ...metrics, trainMs: 0, fallbackReason: undefined }).toEqual({ ...direct, trainMs: 0, fallbackReason: undefined });
  });
});
