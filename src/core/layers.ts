/**
 * The layer registry: one record per layer kind with its parameter schema, shape rule,
 * parameter count, cost and the tfjs-layers config it builds.
 *
 * Shapes exclude the batch axis and follow tfjs-layers semantics exactly (a dense layer
 * acts on the last axis, pooling strides default to the pool size, and so on), so that
 * the inference here agrees with `model.outputShape` and `model.countParams()`.
 * Adding a primitive is adding one record to `LAYERS`.
 */

export type Shape = readonly number[];

export const ACTIVATIONS = ['relu', 'tanh', 'sigmoid', 'elu', 'selu', 'linear', 'hardSigmoid'] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const PADDINGS = ['valid', 'same'] as const;
export type Padding = (typeof PADDINGS)[number];

export type ParamValue = number | string | boolean;
export type LayerParams = Record<string, ParamValue>;

export type ParamSpec =
  | { type: 'int'; min: number; max: number; default: number; label: string; unit?: string }
  | { type: 'float'; min: number; max: number; default: number; step: number; label: string }
  | { type: 'enum'; values: readonly string[]; default: string; label: string }
  | { type: 'bool'; default: boolean; label: string };

export type LayerGroup =
  | 'io'
  | 'core'
  | 'convolution'
  | 'pooling'
  | 'normalization'
  | 'regularization'
  | 'merge'
  | 'recurrent'
  | 'search';

/** Facts about the task that shape rules need: the input shape and the head's width. */
export interface ShapeContext {
  readonly inputShape: Shape;
  /** Units of the output head: the class count, or the regression target width. */
  readonly outputUnits: number;
}

/** A tfjs-layers layer as `{className, config}`, the form `model.json` topologies use. */
export interface KerasLayerSpec {
  readonly className: string;
  readonly config: Record<string, unknown>;
}

/** Raised by a shape rule: `message` says what is wrong, `fix` what to change. */
export class ShapeError extends Error {
  constructor(
    message: string,
    readonly fix: string,
  ) {
    super(message);
    this.name = 'ShapeError';
  }
}

export interface LayerSpec {
  readonly kind: string;
  readonly label: string;
  readonly group: LayerGroup;
  readonly description: string;
  readonly params: Readonly<Record<string, ParamSpec>>;
  /** Number of inputs the layer accepts. */
  readonly arity: { readonly min: number; readonly max: number };
  /** Output shape for the given input shapes; throws `ShapeError` when they do not fit. */
  outputShape(inputs: readonly Shape[], params: LayerParams, context: ShapeContext): Shape;
  /** Number of weights, trainable and not, as `model.countParams()` counts them. */
  paramCount(inputs: readonly Shape[], params: LayerParams, context: ShapeContext): number;
  /** Forward-pass floating-point operations for one example (a multiply-add counts 2). */
  flops(inputs: readonly Shape[], output: Shape, params: LayerParams): number;
  /** The tfjs-layers layers this gene builds, applied in sequence. */
  keras(inputs: readonly Shape[], params: LayerParams, context: ShapeContext): KerasLayerSpec[];
}

export const product = (shape: Shape): number => shape.reduce((acc, d) => acc * d, 1);

export const formatShape = (shape: Shape): string => `[${shape.join(', ')}]`;

const num = (params: LayerParams, name: string): number => params[name] as number;
const str = (params: LayerParams, name: string): string => params[name] as string;
const last = (shape: Shape): number => shape[shape.length - 1];

const activationParam = {
  type: 'enum' as const,
  values: ACTIVATIONS,
  default: 'relu',
  label: 'Activation',
} satisfies ParamSpec;

/** The name the editor shows for a layer kind ("Conv2D" for conv2d). */
const labelOf = (kind: string): string => (isLayerKind(kind) ? LAYERS[kind].label : kind);

function requireRank(kind: string, shape: Shape, rank: number, what: string, fix: string): void {
  if (shape.length !== rank) {
    throw new ShapeError(
      `${labelOf(kind)} expects a ${rank}D input ${what} but receives ${formatShape(shape)}.`,
      fix,
    );
  }
}

/** Output length of one spatial axis, as tfjs `convOutputLength` computes it. */
function convLength(size: number, window: number, stride: number, padding: string): number {
  return padding === 'same' ? Math.ceil(size / stride) : Math.floor((size - window) / stride) + 1;
}

function spatialOutput(
  kind: string,
  input: Shape,
  window: number,
  stride: number,
  padding: string,
  channels: number,
): Shape {
  requireRank(
    kind,
    input,
    3,
    '[height, width, channels]',
    'Place it before any flatten or dense-to-vector step, or use a dense layer on flat inputs.',
  );
  const [height, width] = input;
  if (padding === 'valid' && (height < window || width < window)) {
    throw new ShapeError(
      `${labelOf(kind)} with a ${window}×${window} window and valid padding needs an input of at least ${window}×${window}, but receives ${height}×${width}.`,
      'Use padding "same", a smaller window, or fewer pooling layers before it.',
    );
  }
  return [
    convLength(height, window, stride, padding),
    convLength(width, window, stride, padding),
    channels,
  ];
}

function identity(inputs: readonly Shape[]): Shape {
  return inputs[0];
}

function recurrent(kind: string, className: string, gates: number): LayerSpec {
  return {
    kind,
    label: className,
    group: 'recurrent',
    description: `${className} recurrent layer over a sequence [timesteps, features].`,
    params: {
      units: { type: 'int', min: 1, max: 512, default: 16, label: 'Units' },
      activation: { ...activationParam, default: 'tanh' },
      returnSequences: { type: 'bool', default: false, label: 'Return sequences' },
    },
    arity: { min: 1, max: 1 },
    outputShape([input], params, context) {
      // No layer adds a time axis, so only a task whose input is a sequence can feed one.
      requireRank(
        kind,
        input,
        2,
        '[timesteps, features]',
        context.inputShape.length === 2
          ? 'Feed it a sequence, or a recurrent layer with "return sequences" switched on.'
          : "This task's input has no time axis, so recurrent layers cannot be used here. Choose a sequence task such as Parity or Balanced brackets.",
      );
      const units = num(params, 'units');
      return params.returnSequences ? [input[0], units] : [units];
    },
    paramCount([input], params) {
      const units = num(params, 'units');
      return gates * (last(input) * units + units * units + units);
    },
    flops([input], _output, params) {
      const units = num(params, 'units');
      return 2 * input[0] * gates * (last(input) * units + units * units);
    },
    keras(_inputs, params) {
      return [
        {
          className,
          config: {
            units: num(params, 'units'),
            activation: str(params, 'activation'),
            returnSequences: Boolean(params.returnSequences),
          },
        },
      ];
    },
  };
}

function pooling(kind: string, className: string, label: string): LayerSpec {
  return {
    kind,
    label,
    group: 'pooling',
    description: `${label} over poolSize×poolSize windows; the stride equals the pool size.`,
    params: {
      poolSize: { type: 'int', min: 2, max: 4, default: 2, label: 'Pool size' },
      padding: { type: 'enum', values: PADDINGS, default: 'valid', label: 'Padding' },
    },
    arity: { min: 1, max: 1 },
    outputShape([input], params) {
      const size = num(params, 'poolSize');
      return spatialOutput(kind, input, size, size, str(params, 'padding'), last(input));
    },
    paramCount: () => 0,
    flops: (_inputs, output, params) => product(output) * num(params, 'poolSize') ** 2,
    keras(_inputs, params) {
      const size = num(params, 'poolSize');
      return [
        {
          className,
          config: { poolSize: [size, size], strides: [size, size], padding: str(params, 'padding') },
        },
      ];
    },
  };
}

const LAYER_LIST: LayerSpec[] = [
  {
    kind: 'input',
    label: 'Input',
    group: 'io',
    description: 'The task input; its shape comes from the data set.',
    params: {},
    arity: { min: 0, max: 0 },
    outputShape: (_inputs, _params, context) => context.inputShape,
    paramCount: () => 0,
    flops: () => 0,
    keras: () => [],
  },
  {
    kind: 'output',
    label: 'Output head',
    group: 'io',
    description:
      'Dense layer with one unit per class (logits) or per regression target; flattens its input first when needed.',
    params: {},
    arity: { min: 1, max: 1 },
    outputShape: (_inputs, _params, context) => [context.outputUnits],
    paramCount: ([input], _params, context) => product(input) * context.outputUnits + context.outputUnits,
    flops: ([input], output) => 2 * product(input) * output[0],
    keras([input], _params, context) {
      const dense = { className: 'Dense', config: { units: context.outputUnits, activation: 'linear' } };
      return input.length > 1 ? [{ className: 'Flatten', config: {} }, dense] : [dense];
    },
  },
  {
    kind: 'dense',
    label: 'Dense',
    group: 'core',
    description: 'Fully connected layer acting on the last axis.',
    params: {
      units: { type: 'int', min: 1, max: 1024, default: 32, label: 'Units' },
      activation: activationParam,
    },
    arity: { min: 1, max: 1 },
    outputShape: ([input], params) => [...input.slice(0, -1), num(params, 'units')],
    paramCount: ([input], params) => last(input) * num(params, 'units') + num(params, 'units'),
    flops: ([input], _output, params) => 2 * product(input) * num(params, 'units'),
    keras: (_inputs, params) => [
      { className: 'Dense', config: { units: num(params, 'units'), activation: str(params, 'activation') } },
    ],
  },
  {
    kind: 'activation',
    label: 'Activation',
    group: 'core',
    description: 'Applies an activation function element-wise.',
    params: { activation: activationParam },
    arity: { min: 1, max: 1 },
    outputShape: identity,
    paramCount: () => 0,
    flops: ([input]) => product(input),
    keras: (_inputs, params) => [{ className: 'Activation', config: { activation: str(params, 'activation') } }],
  },
  {
    kind: 'flatten',
    label: 'Flatten',
    group: 'core',
    description: 'Reshapes its input to a vector.',
    params: {},
    arity: { min: 1, max: 1 },
    outputShape: ([input]) => [product(input)],
    paramCount: () => 0,
    flops: () => 0,
    // tfjs' Flatten rejects inputs that are already vectors, so those get an identity Reshape.
    keras: ([input]) =>
      input.length > 1
        ? [{ className: 'Flatten', config: {} }]
        : [{ className: 'Reshape', config: { targetShape: [product(input)] } }],
  },
  {
    kind: 'conv2d',
    label: 'Conv2D',
    group: 'convolution',
    description: '2D convolution over [height, width, channels] inputs.',
    params: {
      filters: { type: 'int', min: 1, max: 256, default: 16, label: 'Filters' },
      kernelSize: { type: 'int', min: 1, max: 7, default: 3, label: 'Kernel size' },
      strides: { type: 'int', min: 1, max: 3, default: 1, label: 'Strides' },
      padding: { type: 'enum', values: PADDINGS, default: 'same', label: 'Padding' },
      activation: activationParam,
    },
    arity: { min: 1, max: 1 },
    outputShape([input], params) {
      return spatialOutput(
        'conv2d',
        input,
        num(params, 'kernelSize'),
        num(params, 'strides'),
        str(params, 'padding'),
        num(params, 'filters'),
      );
    },
    paramCount([input], params) {
      const k = num(params, 'kernelSize');
      const filters = num(params, 'filters');
      return k * k * last(input) * filters + filters;
    },
    flops([input], output, params) {
      const k = num(params, 'kernelSize');
      return 2 * product(output) * k * k * last(input);
    },
    keras(_inputs, params) {
      const k = num(params, 'kernelSize');
      const s = num(params, 'strides');
      return [
        {
          className: 'Conv2D',
          config: {
            filters: num(params, 'filters'),
            kernelSize: [k, k],
            strides: [s, s],
            padding: str(params, 'padding'),
            activation: str(params, 'activation'),
          },
        },
      ];
    },
  },
  pooling('maxPooling2d', 'MaxPooling2D', 'MaxPooling2D'),
  pooling('averagePooling2d', 'AveragePooling2D', 'AveragePooling2D'),
  {
    kind: 'globalAveragePooling2d',
    label: 'GlobalAveragePooling2D',
    group: 'pooling',
    description: 'Averages each channel over height and width, giving a vector.',
    params: {},
    arity: { min: 1, max: 1 },
    outputShape([input]) {
      requireRank(
        'globalAveragePooling2d',
        input,
        3,
        '[height, width, channels]',
        'Place it after a convolution or pooling layer, before any flatten.',
      );
      return [last(input)];
    },
    paramCount: () => 0,
    flops: ([input]) => product(input),
    keras: () => [{ className: 'GlobalAveragePooling2D', config: {} }],
  },
  {
    kind: 'batchNormalization',
    label: 'BatchNormalization',
    group: 'normalization',
    description: 'Normalises the last axis with batch statistics while training.',
    params: {},
    arity: { min: 1, max: 1 },
    outputShape: identity,
    // Gamma, beta, moving mean and moving variance: countParams includes the last two.
    paramCount: ([input]) => 4 * last(input),
    flops: ([input]) => 4 * product(input),
    keras: () => [{ className: 'BatchNormalization', config: { axis: -1 } }],
  },
  {
    kind: 'dropout',
    label: 'Dropout',
    group: 'regularization',
    description: 'Sets a fraction of inputs to zero while training.',
    params: {
      rate: { type: 'float', min: 0, max: 0.9, default: 0.2, step: 0.05, label: 'Rate' },
    },
    arity: { min: 1, max: 1 },
    outputShape: identity,
    paramCount: () => 0,
    flops: ([input]) => product(input),
    keras: (_inputs, params) => [{ className: 'Dropout', config: { rate: num(params, 'rate') } }],
  },
  {
    kind: 'add',
    label: 'Add',
    group: 'merge',
    description: 'Adds inputs of exactly equal shape (no broadcasting).',
    params: {},
    arity: { min: 2, max: 8 },
    outputShape(inputs) {
      const first = inputs[0];
      for (const other of inputs.slice(1)) {
        if (other.length !== first.length || other.some((d, i) => d !== first[i])) {
          throw new ShapeError(
            `Add needs inputs of equal shape but receives ${inputs.map(formatShape).join(' and ')}.`,
            'Make the branches end in the same shape (for example the same units or filters), or use concatenate.',
          );
        }
      }
      return first;
    },
    paramCount: () => 0,
    flops: (inputs, output) => (inputs.length - 1) * product(output),
    keras: () => [{ className: 'Add', config: {} }],
  },
  {
    kind: 'concatenate',
    label: 'Concatenate',
    group: 'merge',
    description: 'Joins inputs along the last axis; all other axes must match.',
    params: {},
    arity: { min: 2, max: 8 },
    outputShape(inputs) {
      const first = inputs[0];
      for (const other of inputs.slice(1)) {
        const sameLeading =
          other.length === first.length && other.slice(0, -1).every((d, i) => d === first[i]);
        if (!sameLeading) {
          throw new ShapeError(
            `Concatenate joins the last axis and needs all other axes equal, but receives ${inputs.map(formatShape).join(' and ')}.`,
            'Flatten the inputs first, or pool them to the same height and width.',
          );
        }
      }
      return [...first.slice(0, -1), inputs.reduce((sum, shape) => sum + last(shape), 0)];
    },
    paramCount: () => 0,
    flops: () => 0,
    keras: () => [{ className: 'Concatenate', config: { axis: -1 } }],
  },
  recurrent('simpleRNN', 'SimpleRNN', 1),
  recurrent('gru', 'GRU', 3),
  recurrent('lstm', 'LSTM', 4),
  {
    kind: 'moduleSlot',
    label: 'Module slot',
    group: 'search',
    description:
      'A placeholder that a search fills with an evolved module. Only a search template may contain it; the editor passes the shape through unchanged.',
    params: {},
    arity: { min: 1, max: 1 },
    // The real output shape depends on the module a search places here. Treating the slot
    // as an identity lets the editor check the layers around it against its input shape.
    outputShape: identity,
    paramCount: () => 0,
    flops: () => 0,
    keras() {
      throw new Error('A module slot has no tfjs layer: a search replaces it with a module. Replace the slot with layers to build this network.');
    },
  },
];

export type LayerKind =
  | 'input'
  | 'output'
  | 'dense'
  | 'activation'
  | 'flatten'
  | 'conv2d'
  | 'maxPooling2d'
  | 'averagePooling2d'
  | 'globalAveragePooling2d'
  | 'batchNormalization'
  | 'dropout'
  | 'add'
  | 'concatenate'
  | 'simpleRNN'
  | 'gru'
  | 'lstm'
  | 'moduleSlot';

export const LAYERS: Readonly<Record<LayerKind, LayerSpec>> = Object.fromEntries(
  LAYER_LIST.map((spec) => [spec.kind, spec]),
) as Record<LayerKind, LayerSpec>;

export const LAYER_KINDS = LAYER_LIST.map((spec) => spec.kind as LayerKind);

/** The placeholder kind that a search fills with an evolved module. */
export const MODULE_SLOT_KIND = 'moduleSlot' satisfies LayerKind;

/**
 * Kinds a search may place and a trainable network may contain: every kind except the
 * input, the output head and the module slot.
 */
export const PLACEABLE_KINDS: readonly LayerKind[] = LAYER_KINDS.filter(
  (kind) => kind !== 'input' && kind !== 'output' && kind !== MODULE_SLOT_KIND,
);

/** Kinds a user may place in the editor: the placeable kinds and the module slot. */
export const EDITOR_KINDS: readonly LayerKind[] = [...PLACEABLE_KINDS, MODULE_SLOT_KIND];

export const isLayerKind = (value: unknown): value is LayerKind =>
  typeof value === 'string' && Object.prototype.hasOwnProperty.call(LAYERS, value);

export const isMergeKind = (kind: LayerKind): boolean => LAYERS[kind].group === 'merge';

/** Returns the registry's default parameters for a kind. */
export function defaultParams(kind: LayerKind): LayerParams {
  const params: LayerParams = {};
  for (const [name, spec] of Object.entries(LAYERS[kind].params)) params[name] = spec.default;
  return params;
}

/**
 * Checks one parameter value against its spec. Returns an error message naming the value
 * and the accepted range, or null when the value is valid.
 */
export function checkParam(kind: LayerKind, name: string, value: unknown): string | null {
  const spec = LAYERS[kind].params[name];
  if (!spec) {
    const known = Object.keys(LAYERS[kind].params);
    return `${kind} has no parameter "${name}"; it accepts ${known.length ? known.join(', ') : 'none'}.`;
  }
  switch (spec.type) {
    case 'int':
      if (typeof value !== 'number' || !Number.isInteger(value) || value < spec.min || value > spec.max) {
        return `${kind}.${name} must be an integer from ${spec.min} to ${spec.max}, got ${String(value)}.`;
      }
      return null;
    case 'float':
      if (typeof value !== 'number' || !Number.isFinite(value) || value < spec.min || value > spec.max) {
        return `${kind}.${name} must be a number from ${spec.min} to ${spec.max}, got ${String(value)}.`;
      }
      return null;
    case 'enum':
      if (typeof value !== 'string' || !spec.values.includes(value)) {
        return `${kind}.${name} must be one of ${spec.values.join(', ')}, got ${String(value)}.`;
      }
      return null;
    case 'bool':
      if (typeof value !== 'boolean') return `${kind}.${name} must be true or false, got ${String(value)}.`;
      return null;
  }
}
