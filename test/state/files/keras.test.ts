import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { canonicalHash } from '../../../src/core/canonical';
import { chainGenome, type Genome, type LayerGene } from '../../../src/core/genome';
import type { ShapeContext } from '../../../src/core/layers';
import { kerasPythonCode, pythonLiteral } from '../../../src/state/files/keras-code';
import { importKerasTopology } from '../../../src/state/files/keras-import';
import { buildModel } from '../../../src/train/model';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const gene = (id: string, kind: LayerGene['kind'], inputs: string[], params: LayerGene['params'] = {}): LayerGene => ({ id, kind, params, inputs });

const VECTOR: ShapeContext = { inputShape: [2], outputUnits: 2 };
const IMAGE: ShapeContext = { inputShape: [28, 28, 1], outputUnits: 10 };
const SEQUENCE: ShapeContext = { inputShape: [10, 3], outputUnits: 4 };

const CASES: [string, Genome, ShapeContext][] = [
  ['dense chain', chainGenome([{ kind: 'dense', params: { units: 8, activation: 'tanh' } }, { kind: 'dropout', params: { rate: 0.3 } }, { kind: 'activation', params: { activation: 'hardSigmoid' } }]), VECTOR],
  ['flatten of a vector', chainGenome([{ kind: 'flatten' }, { kind: 'dense', params: { units: 5, activation: 'elu' } }, { kind: 'batchNormalization' }]), VECTOR],
  [
    'conv net with a flattening head',
    chainGenome([
      { kind: 'conv2d', params: { filters: 4, kernelSize: 5, strides: 2, padding: 'valid', activation: 'relu' } },
      { kind: 'maxPooling2d', params: { poolSize: 2, padding: 'same' } },
      { kind: 'averagePooling2d', params: { poolSize: 3, padding: 'valid' } },
    ]),
    IMAGE,
  ],
  ['global pooling', chainGenome([{ kind: 'conv2d', params: { filters: 6, kernelSize: 3, strides: 1, padding: 'same', activation: 'selu' } }, { kind: 'globalAveragePooling2d' }]), IMAGE],
  [
    'branches joined by add and concatenate',
    {
      nodes: [
        gene('input', 'input', []),
        gene('a', 'dense', ['input'], { units: 4, activation: 'relu' }),
        gene('b', 'dense', ['input'], { units: 4, activation: 'sigmoid' }),
        gene('sum', 'add', ['a', 'b']),
        gene('c', 'dense', ['input'], { units: 3, activation: 'linear' }),
        gene('join', 'concatenate', ['sum', 'c']),
        gene('output', 'output', ['join']),
      ],
    },
    VECTOR,
  ],
  [
    'recurrent layers',
    chainGenome([{ kind: 'lstm', params: { units: 6, activation: 'tanh', returnSequences: true } }, { kind: 'simpleRNN', params: { units: 5, activation: 'relu', returnSequences: true } }, { kind: 'gru', params: { units: 4, activation: 'tanh', returnSequences: false } }]),
    SEQUENCE,
  ],
];

describe('model.json import', () => {
  for (const [name, genome, context] of CASES) {
    it(`round-trips ${name} through a tfjs topology`, () => {
      const model = buildModel(genome, context);
      const topology = JSON.stringify({ modelTopology: model.toJSON(null, false), format: 'layers-model' });
      model.dispose();

      const imported = importKerasTopology(topology, context);
      if (!imported.ok) throw new Error(imported.errors.join('\n'));
      expect(canonicalHash(imported.genome)).toBe(canonicalHash(genome));
    });
  }

  it('names the input shape of a misfit', () => {
    const model = buildModel(CASES[2][1], IMAGE);
    const topology = JSON.stringify({ modelTopology: model.toJSON(null, false), format: 'layers-model' });
    model.dispose();

    const imported = importKerasTopology(topology, VECTOR);

    expect(imported.ok).toBe(false);
    if (imported.ok) return;
    expect(imported.errors[0]).toBe('The model takes inputs of shape [28,28,1], and its layers do not fit this task\'s inputs of shape [2].');
    expect(imported.inputShape).toEqual([28, 28, 1]);
  });

  it('reads a Keras 3 functional model', () => {
    const history = (name: string) => ({ class_name: '__keras_tensor__', config: { keras_history: [name, 0, 0] } });
    const keras = {
      class_name: 'Functional',
      config: {
        layers: [
          { name: 'x', class_name: 'InputLayer', config: { batch_shape: [null, 2] }, inbound_nodes: [] },
          { name: 'hidden', class_name: 'Dense', config: { units: 16, activation: 'relu' }, inbound_nodes: [{ args: [history('x')], kwargs: {} }] },
          { name: 'logits', class_name: 'Dense', config: { units: 2, activation: 'softmax' }, inbound_nodes: [{ args: [history('hidden')], kwargs: {} }] },
        ],
        output_layers: [['logits', 0, 0]],
      },
    };
    const imported = importKerasTopology(JSON.stringify(keras), VECTOR);
    if (!imported.ok) throw new Error(imported.errors.join('\n'));

    expect(canonicalHash(imported.genome)).toBe(canonicalHash(chainGenome([{ kind: 'dense', params: { units: 16, activation: 'relu' } }])));
    expect(imported.notes.join('\n')).toMatch(/activation "softmax" was dropped/);
  });

  it('reads a Sequential model and notes a shape mismatch', () => {
    const keras = {
      modelTopology: {
        model_config: {
          class_name: 'Sequential',
          config: { layers: [{ class_name: 'Dense', config: { name: 'd', units: 8, activation: 'relu', batch_input_shape: [null, 3] } }, { class_name: 'Dense', config: { name: 'out', units: 2 } }, { class_name: 'Softmax', config: { name: 'p' } }] },
        },
      },
    };
    const imported = importKerasTopology(JSON.stringify(keras), VECTOR);
    if (!imported.ok) throw new Error(imported.errors.join('\n'));

    expect(imported.genome.nodes.map((node) => node.kind)).toEqual(['input', 'dense', 'output']);
    expect(imported.notes.join('\n')).toMatch(/expects inputs of shape \[3\]; the graph was checked against the task's input shape \[2\]/);
    expect(imported.notes.join('\n')).toMatch(/final softmax layer "p" was dropped/);
  });

  const failures: [string, unknown, RegExp][] = [
    ['unsupported layer', { class_name: 'Sequential', config: { layers: [{ class_name: 'Conv1D', config: { name: 'c1', batch_input_shape: [null, 2] } }, { class_name: 'Dense', config: { name: 'o', units: 2 } }] } }, /Layer "c1" is a Conv1D, which the layer registry does not have\. Supported layers: InputLayer, Dense,/],
    ['unsupported activation', { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { name: 'h', units: 4, activation: 'gelu', batch_input_shape: [null, 2] } }, { class_name: 'Dense', config: { name: 'o', units: 2 } }] } }, /activation "gelu", which the registry does not have/],
    ['units outside the registry range', { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { name: 'h', units: 5000, batch_input_shape: [null, 2] } }, { class_name: 'Dense', config: { name: 'o', units: 2 } }] } }, /dense\.units must be an integer from 1 to 1024, got 5000/],
    ['a model not ending in Dense', { class_name: 'Sequential', config: { layers: [{ class_name: 'Dropout', config: { name: 'x', rate: 0.1, batch_input_shape: [null, 2] } }] } }, /must end in a Dense layer/],
    ['text that is not JSON', 'model', /not valid JSON/],
    ['JSON without a topology', { weightsManifest: [] }, /no model topology/],
    ['a model without layers', { class_name: 'Sequential', config: { name: 'empty', layers: [] } }, /^The model has no layers; add its layers in Keras or TensorFlow\.js, then save it again\.$/],
    [
      'two layers of one name',
      { class_name: 'Sequential', config: { layers: [{ class_name: 'Dense', config: { name: 'd', units: 4, batch_input_shape: [null, 2] } }, { class_name: 'Dense', config: { name: 'd', units: 2 } }] } },
      /^Two layers are named "d"; layers refer to each other by name, so give each a name of its own\.$/,
    ],
    ['JSON nested thousands of levels deep', `${'['.repeat(20_000)}1${']'.repeat(20_000)}`, /^The file nests its values too deeply to read, and files of this app nest only a few levels; check that it is the right file\.$/],
  ];
  for (const [name, input, message] of failures) {
    it(`rejects ${name}`, () => {
      const imported = importKerasTopology(typeof input === 'string' ? input : JSON.stringify(input), VECTOR);
      expect(imported.ok).toBe(false);
      if (!imported.ok) expect(imported.errors.join('\n')).toMatch(message);
    });
  }
});

describe('Keras code', () => {
  const lines = (code: string) => code.split('\n');

  it('writes a functional model layer by layer', () => {
    const code = kerasPythonCode(CASES[2][1], IMAGE, { title: 'Candidate g1-2 on MNIST', taskKind: 'classification' });
    expect(code.startsWith('"""Candidate g1-2 on MNIST')).toBe(true);
    expect(lines(code)).toContain('inputs = keras.Input(shape=(28, 28, 1), name="input")');
    expect(lines(code)).toContain('l1 = layers.Conv2D(filters=4, kernel_size=(5, 5), strides=(2, 2), padding="valid", activation="relu", name="l1")(inputs)');
    expect(lines(code)).toContain('l2 = layers.MaxPooling2D(pool_size=(2, 2), strides=(2, 2), padding="same", name="l2")(l1)');
    expect(lines(code)).toContain('output_1 = layers.Flatten(name="output_1")(l3)');
    expect(lines(code)).toContain('outputs = layers.Dense(units=10, activation="linear", name="output")(output_1)');
    expect(lines(code)).toContain('model = keras.Model(inputs=inputs, outputs=outputs, name="candidate")');
  });

  it('trains a regression on standardised targets', () => {
    const training = { epochs: 30, batchSize: 32, learningRate: 0.01, optimizer: 'sgd' as const, maxTrainRows: 0 };
    const code = kerasPythonCode(CASES[0][1], VECTOR, { title: 't', taskKind: 'regression', training, targetScaling: { mean: 1500, std: 250 } });
    expect(lines(code)).toContain('training_model = keras.Model(inputs=inputs, outputs=predicted, name="candidate_standardised")');
    expect(lines(code)).toContain('training_model.compile(');
    expect(code).not.toMatch(/^model\.compile\(/m);
  });

  it('writes merges, recurrent options and Keras names', () => {
    const merged = kerasPythonCode(CASES[4][1], VECTOR, { title: 't', taskKind: 'classification' });
    expect(lines(merged)).toContain('sum = layers.Add(name="sum")([a, b])');
    expect(lines(merged)).toContain('join = layers.Concatenate(axis=-1, name="join")([sum, c])');

    const recurrent = kerasPythonCode(CASES[5][1], SEQUENCE, { title: 't', taskKind: 'classification' });
    expect(lines(recurrent)).toContain('l1 = layers.LSTM(units=6, activation="tanh", return_sequences=True, name="l1")(inputs)');

    const dense = kerasPythonCode(CASES[0][1], VECTOR, { title: 't', taskKind: 'classification' });
    expect(lines(dense)).toContain('l3 = layers.Activation(activation="hard_sigmoid", name="l3")(l2)');
    const flat = kerasPythonCode(CASES[1][1], VECTOR, { title: 't', taskKind: 'classification' });
    expect(lines(flat)).toContain('l1 = layers.Reshape(target_shape=(2,), name="l1")(inputs)');
  });

  it('compiles with the run optimizer and loss', () => {
    const code = kerasPythonCode(CASES[0][1], VECTOR, { title: 't', taskKind: 'classification', training: { epochs: 9, batchSize: 16, learningRate: 0.003, optimizer: 'momentum', maxTrainRows: 0 } });
    expect(lines(code)).toContain('    optimizer=keras.optimizers.SGD(learning_rate=0.003, momentum=0.9),');
    expect(lines(code)).toContain('    loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),');
    expect(code).toMatch(/for 9 epochs, batch size 16/);
  });

  it('turns ids into distinct Python names and layer names TensorFlow accepts', () => {
    const genome: Genome = {
      nodes: [gene('input', 'input', []), gene('1:a', 'dense', ['input'], { units: 2, activation: 'relu' }), gene('1_a', 'dense', ['1:a'], { units: 2, activation: 'relu' }), gene('class', 'dense', ['1_a'], { units: 2, activation: 'relu' }), gene('output', 'output', ['class'])],
    };
    const code = kerasPythonCode(genome, VECTOR, { title: 't', taskKind: 'classification' });
    expect(lines(code)).toContain('n_1_a = layers.Dense(units=2, activation="relu", name="1_a")(inputs)');
    expect(lines(code)).toContain('n_1_a_2 = layers.Dense(units=2, activation="relu", name="1_a_2")(n_1_a)');
    // TensorFlow's scope names: a letter or digit, then letters, digits and _ . - only.
    for (const [, name] of code.matchAll(/name="([^"]*)"/g)) expect(name).toMatch(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/);
    expect(lines(code)).toContain('class_ = layers.Dense(units=2, activation="relu", name="class")(n_1_a_2)');
  });

  it('standardises raw inputs as training did', () => {
    const scaled = kerasPythonCode(CASES[0][1], VECTOR, { title: 't', taskKind: 'classification', inputScaling: { mean: [5.8, 3.05], std: [0.5, 2] } });
    expect(lines(scaled)).toContain('standardised = layers.Normalization(mean=(5.8, 3.05), variance=(0.25, 4), name="standardise")(inputs)');
    expect(scaled).toMatch(/^l1 = layers\.\w+\(.*\)\(standardised\)$/m);

    const unknown = kerasPythonCode(CASES[0][1], VECTOR, { title: 't', taskKind: 'classification', scalingUnknown: true });
    expect(unknown).toMatch(/^# Training saw standardised features: subtract each feature's mean/m);
    expect(unknown).not.toMatch(/Normalization/);
  });

  it('undoes the target scaling of a regression file', () => {
    const code = kerasPythonCode(CASES[0][1], VECTOR, { title: 't', taskKind: 'regression', targetScaling: { mean: 1500, std: 250 } });
    expect(code).toMatch(/^predicted = layers\.Dense\(.*name="output"\)\(\w+\)$/m);
    expect(lines(code)).toContain('outputs = layers.Rescaling(scale=250, offset=1500, name="unstandardise")(predicted)');
    expect(lines(code)).toContain('model = keras.Model(inputs=inputs, outputs=outputs, name="candidate")');
  });

  it('writes Python literals', () => {
    expect(pythonLiteral([3])).toBe('(3,)');
    expect(pythonLiteral(false)).toBe('False');
    expect(pythonLiteral(null)).toBe('None');
    expect(pythonLiteral('a"b')).toBe('"a\\"b"');
  });
});
