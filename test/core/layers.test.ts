import { describe, expect, it } from 'vitest';
import {
  LAYERS,
  PLACEABLE_KINDS,
  ShapeError,
  checkParam,
  defaultParams,
  type LayerKind,
  type LayerParams,
  type Shape,
  type ShapeContext,
} from '../../src/core/layers';

const context: ShapeContext = { inputShape: [28, 28, 1], outputUnits: 10 };

const params = (kind: LayerKind, overrides: LayerParams = {}): LayerParams => ({
  ...defaultParams(kind),
  ...overrides,
});

interface ShapeCase {
  readonly name: string;
  readonly kind: LayerKind;
  readonly params?: LayerParams;
  readonly inputs: readonly Shape[];
  readonly expected: Shape;
}

const shapeCases: ShapeCase[] = [
  { name: 'dense on a vector', kind: 'dense', params: { units: 8 }, inputs: [[4]], expected: [8] },
  { name: 'dense on rank 3 acts on the last axis', kind: 'dense', params: { units: 8 }, inputs: [[5, 6, 3]], expected: [5, 6, 8] },
  { name: 'conv2d same padding', kind: 'conv2d', params: { filters: 4, kernelSize: 3, padding: 'same' }, inputs: [[28, 28, 1]], expected: [28, 28, 4] },
  { name: 'conv2d valid padding', kind: 'conv2d', params: { filters: 4, kernelSize: 3, padding: 'valid' }, inputs: [[28, 28, 1]], expected: [26, 26, 4] },
  { name: 'conv2d same padding stride 2', kind: 'conv2d', params: { filters: 2, kernelSize: 3, strides: 2, padding: 'same' }, inputs: [[7, 7, 3]], expected: [4, 4, 2] },
  { name: 'conv2d valid padding stride 2', kind: 'conv2d', params: { filters: 2, kernelSize: 3, strides: 2, padding: 'valid' }, inputs: [[7, 7, 3]], expected: [3, 3, 2] },
  { name: 'maxPooling2d valid', kind: 'maxPooling2d', params: { poolSize: 2, padding: 'valid' }, inputs: [[7, 7, 3]], expected: [3, 3, 3] },
  { name: 'maxPooling2d same', kind: 'maxPooling2d', params: { poolSize: 2, padding: 'same' }, inputs: [[7, 7, 3]], expected: [4, 4, 3] },
  { name: 'averagePooling2d pool 3', kind: 'averagePooling2d', params: { poolSize: 3, padding: 'valid' }, inputs: [[9, 9, 2]], expected: [3, 3, 2] },
  { name: 'globalAveragePooling2d', kind: 'globalAveragePooling2d', inputs: [[5, 5, 7]], expected: [7] },
  { name: 'flatten', kind: 'flatten', inputs: [[5, 5, 7]], expected: [175] },
  { name: 'batchNormalization keeps the shape', kind: 'batchNormalization', inputs: [[5, 5, 7]], expected: [5, 5, 7] },
  { name: 'dropout keeps the shape', kind: 'dropout', inputs: [[12]], expected: [12] },
  { name: 'activation keeps the shape', kind: 'activation', inputs: [[3, 4]], expected: [3, 4] },
  { name: 'add of equal shapes', kind: 'add', inputs: [[8], [8], [8]], expected: [8] },
  { name: 'concatenate vectors', kind: 'concatenate', inputs: [[8], [3]], expected: [11] },
  { name: 'concatenate feature maps', kind: 'concatenate', inputs: [[4, 4, 2], [4, 4, 5]], expected: [4, 4, 7] },
  { name: 'simpleRNN last step', kind: 'simpleRNN', params: { units: 6 }, inputs: [[10, 2]], expected: [6] },
  { name: 'gru with returnSequences', kind: 'gru', params: { units: 6, returnSequences: true }, inputs: [[10, 2]], expected: [10, 6] },
  { name: 'lstm last step', kind: 'lstm', params: { units: 5 }, inputs: [[10, 1]], expected: [5] },
  { name: 'output head', kind: 'output', inputs: [[4, 4, 2]], expected: [10] },
  { name: 'input', kind: 'input', inputs: [], expected: [28, 28, 1] },
];

describe('layer shape rules', () => {
  for (const c of shapeCases) {
    it(`${c.name}: ${JSON.stringify(c.inputs)} → ${JSON.stringify(c.expected)}`, () => {
      expect(LAYERS[c.kind].outputShape(c.inputs, params(c.kind, c.params), context)).toEqual(c.expected);
    });
  }
});

interface ShapeErrorCase {
  readonly name: string;
  readonly kind: LayerKind;
  readonly params?: LayerParams;
  readonly inputs: readonly Shape[];
  readonly message: RegExp;
}

const shapeErrorCases: ShapeErrorCase[] = [
  { name: 'conv2d on a flat vector', kind: 'conv2d', inputs: [[784]], message: /Conv2D expects a 3D input \[height, width, channels\] but receives \[784\]/ },
  { name: 'conv2d window larger than the input', kind: 'conv2d', params: { kernelSize: 5, padding: 'valid' }, inputs: [[3, 3, 1]], message: /5×5 window and valid padding needs an input of at least 5×5, but receives 3×3/ },
  { name: 'maxPooling2d on a sequence', kind: 'maxPooling2d', inputs: [[10, 2]], message: /MaxPooling2D expects a 3D input/ },
  { name: 'maxPooling2d window larger than the input', kind: 'maxPooling2d', params: { poolSize: 3, padding: 'valid' }, inputs: [[2, 2, 4]], message: /3×3 window .* receives 2×2/ },
  { name: 'globalAveragePooling2d on a vector', kind: 'globalAveragePooling2d', inputs: [[16]], message: /GlobalAveragePooling2D expects a 3D input/ },
  { name: 'add of unequal vectors (no broadcasting)', kind: 'add', inputs: [[8], [1]], message: /Add needs inputs of equal shape but receives \[8\] and \[1\]/ },
  { name: 'add of unequal ranks', kind: 'add', inputs: [[4, 4, 2], [32]], message: /Add needs inputs of equal shape/ },
  { name: 'concatenate of unequal leading axes', kind: 'concatenate', inputs: [[4, 4, 2], [2, 2, 2]], message: /Concatenate joins the last axis .* receives \[4, 4, 2\] and \[2, 2, 2\]/ },
  { name: 'concatenate of unequal ranks', kind: 'concatenate', inputs: [[4, 4, 2], [32]], message: /Concatenate joins the last axis/ },
  { name: 'lstm on a vector', kind: 'lstm', inputs: [[16]], message: /LSTM expects a 2D input \[timesteps, features\] but receives \[16\]/ },
  { name: 'simpleRNN on an image', kind: 'simpleRNN', inputs: [[4, 4, 1]], message: /SimpleRNN expects a 2D input/ },
];

describe('layer shape errors', () => {
  for (const c of shapeErrorCases) {
    it(`${c.name} throws a ShapeError`, () => {
      const run = () => LAYERS[c.kind].outputShape(c.inputs, params(c.kind, c.params), context);
      expect(run).toThrow(ShapeError);
      expect(run).toThrow(c.message);
    });
  }

  it('ShapeError carries a fix', () => {
    try {
      LAYERS.conv2d.outputShape([[784]], params('conv2d'), context);
      expect.unreachable('conv2d on a vector should throw');
    } catch (error) {
      expect((error as ShapeError).fix).toMatch(/dense layer on flat inputs/);
    }
  });
});

interface CountCase {
  readonly name: string;
  readonly kind: LayerKind;
  readonly params?: LayerParams;
  readonly inputs: readonly Shape[];
  readonly expected: number;
}

// Expected figures follow the Keras weight layouts: kernel plus bias per layer, and for
// recurrent layers gates × (input kernel + recurrent kernel + bias).
const countCases: CountCase[] = [
  { name: 'dense 4 → 8', kind: 'dense', params: { units: 8 }, inputs: [[4]], expected: 4 * 8 + 8 },
  { name: 'dense on rank 3 uses the last axis', kind: 'dense', params: { units: 8 }, inputs: [[5, 6, 3]], expected: 3 * 8 + 8 },
  { name: 'conv2d 3×3, 1 → 16', kind: 'conv2d', params: { filters: 16, kernelSize: 3 }, inputs: [[28, 28, 1]], expected: 3 * 3 * 1 * 16 + 16 },
  { name: 'conv2d 5×5, 3 → 8', kind: 'conv2d', params: { filters: 8, kernelSize: 5 }, inputs: [[8, 8, 3]], expected: 5 * 5 * 3 * 8 + 8 },
  { name: 'batchNormalization counts moving statistics', kind: 'batchNormalization', inputs: [[4, 4, 6]], expected: 4 * 6 },
  { name: 'simpleRNN', kind: 'simpleRNN', params: { units: 4 }, inputs: [[10, 2]], expected: 2 * 4 + 4 * 4 + 4 },
  { name: 'gru', kind: 'gru', params: { units: 4 }, inputs: [[10, 2]], expected: 3 * (2 * 4 + 4 * 4 + 4) },
  { name: 'lstm', kind: 'lstm', params: { units: 4 }, inputs: [[10, 2]], expected: 4 * (2 * 4 + 4 * 4 + 4) },
  { name: 'output head on a feature map', kind: 'output', inputs: [[2, 2, 3]], expected: 12 * 10 + 10 },
  { name: 'maxPooling2d has none', kind: 'maxPooling2d', inputs: [[4, 4, 2]], expected: 0 },
  { name: 'dropout has none', kind: 'dropout', inputs: [[4]], expected: 0 },
  { name: 'add has none', kind: 'add', inputs: [[4], [4]], expected: 0 },
];

describe('layer parameter counts', () => {
  for (const c of countCases) {
    it(`${c.name}: ${c.expected}`, () => {
      expect(LAYERS[c.kind].paramCount(c.inputs, params(c.kind, c.params), context)).toBe(c.expected);
    });
  }
});

describe('layer registry', () => {
  for (const kind of PLACEABLE_KINDS) {
    it(`${kind} default parameters pass checkParam`, () => {
      for (const [name, value] of Object.entries(defaultParams(kind))) {
        expect(checkParam(kind, name, value)).toBeNull();
      }
    });
  }

  const paramCases: { kind: LayerKind; name: string; value: unknown; message: RegExp }[] = [
    { kind: 'dense', name: 'units', value: 0, message: /dense\.units must be an integer from 1 to 1024, got 0/ },
    { kind: 'dense', name: 'units', value: 2.5, message: /dense\.units must be an integer .* got 2\.5/ },
    { kind: 'dropout', name: 'rate', value: 0.95, message: /dropout\.rate must be a number from 0 to 0\.9, got 0\.95/ },
    { kind: 'conv2d', name: 'padding', value: 'full', message: /conv2d\.padding must be one of valid, same, got full/ },
    { kind: 'lstm', name: 'returnSequences', value: 'yes', message: /lstm\.returnSequences must be true or false, got yes/ },
    { kind: 'flatten', name: 'units', value: 3, message: /flatten has no parameter "units"; it accepts none/ },
  ];
  for (const c of paramCases) {
    it(`checkParam rejects ${c.kind}.${c.name} = ${String(c.value)}`, () => {
      expect(checkParam(c.kind, c.name, c.value)).toMatch(c.message);
    });
  }

  it('output head flattens feature maps only', () => {
    const onMap = LAYERS.output.keras([[2, 2, 3]], {}, context).map((layer) => layer.className);
    const onVector = LAYERS.output.keras([[12]], {}, context).map((layer) => layer.className);
    expect(onMap).toEqual(['Flatten', 'Dense']);
    expect(onVector).toEqual(['Dense']);
  });
});
