/**
 * Keras Python code that rebuilds an architecture with the functional API, written from the
 * same `keras()` specs of the layer registry that build the tfjs model, with tfjs config
 * names turned into Keras' snake_case.
 */

import { assertValidGenome, type Genome } from '../../core/genome';
import { LAYERS, type KerasLayerSpec, type ShapeContext } from '../../core/layers';
import type { TaskKind } from '../../data/types';
import type { OptimizerName, TrainingSettings } from '../../train/types';

export interface KerasCodeOptions {
  /** First line of the module docstring, for example the candidate and the task. */
  readonly title: string;
  readonly taskKind: TaskKind;
  /** When given, the code compiles the model with these optimizer settings. */
  readonly training?: TrainingSettings;
  /**
   * The standardisation of the features for training, per feature. The code then standardises
   * raw inputs the same way with a Normalization layer after the input.
   */
  readonly inputScaling?: { readonly mean: readonly number[]; readonly std: readonly number[] };
  /** Set where the task standardises its features but `inputScaling` is unknown: a comment then gives the standardisation to apply. */
  readonly scalingUnknown?: boolean;
  /**
   * The standardisation of a regression file's targets. The code then turns the network's
   * predictions back into the file's units with a Rescaling layer after the output head.
   */
  readonly targetScaling?: { readonly mean: number; readonly std: number };
}

const PYTHON_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);
/** Names the generated module defines itself. */
const RESERVED_NAMES = new Set(['keras', 'layers', 'inputs', 'outputs', 'model', 'standardised', 'predicted', 'training_model']);

/** tfjs activation names that Keras spells differently. */
const KERAS_ACTIVATIONS: Readonly<Record<string, string>> = { hardSigmoid: 'hard_sigmoid' };

const OPTIMIZER_CODE: Readonly<Record<OptimizerName, (learningRate: string) => string>> = {
  adam: (rate) => `keras.optimizers.Adam(learning_rate=${rate})`,
  sgd: (rate) => `keras.optimizers.SGD(learning_rate=${rate})`,
  momentum: (rate) => `keras.optimizers.SGD(learning_rate=${rate}, momentum=0.9)`,
  rmsprop: (rate) => `keras.optimizers.RMSprop(learning_rate=${rate})`,
};

export const snakeCase = (name: string): string => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);

/** Writes a JSON-like value as a Python literal: lists become tuples, as Keras shapes are. */
export function pythonLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'None';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return value.length === 1 ? `(${pythonLiteral(value[0])},)` : `(${value.map(pythonLiteral).join(', ')})`;
  return `{${Object.entries(value as Record<string, unknown>).map(([key, inner]) => `${JSON.stringify(key)}: ${pythonLiteral(inner)}`).join(', ')}}`;
}

function kerasArguments(spec: KerasLayerSpec, name: string): string {
  const parts = Object.entries(spec.config).map(([key, value]) => {
    const keras = key === 'activation' && typeof value === 'string' ? (KERAS_ACTIVATIONS[value] ?? value) : value;
    return `${snakeCase(key)}=${pythonLiteral(keras)}`;
  });
  return [...parts, `name=${JSON.stringify(name)}`].join(', ');
}

/** Hands out distinct Python identifiers derived from gene ids. */
function identifierFactory(): (id: string) => string {
  const used = new Set<string>(RESERVED_NAMES);
  return (id) => {
    let stem = id.replace(/[^A-Za-z0-9_]/g, '_');
    if (!/^[A-Za-z_]/.test(stem)) stem = `n_${stem}`;
    if (PYTHON_KEYWORDS.has(stem)) stem = `${stem}_`;
    let name = stem;
    for (let n = 2; used.has(name); n++) name = `${stem}_${n}`;
    used.add(name);
    return name;
  };
}

/**
 * Hands out distinct Keras layer names derived from gene ids. TensorFlow rejects names with
 * characters such as the colon that assembled networks use in their ids (`n18:n1`).
 */
function layerNameFactory(): (id: string) => string {
  const used = new Set<string>();
  return (id) => {
    let stem = id.replace(/[^A-Za-z0-9_.-]/g, '_');
    if (!/^[A-Za-z0-9]/.test(stem)) stem = `n${stem}`;
    let name = stem;
    for (let n = 2; used.has(name); n++) name = `${stem}_${n}`;
    used.add(name);
    return name;
  };
}

/** Writes a Python module that rebuilds the genome as a `keras.Model` named `model`. Throws for an invalid genome. */
export function kerasPythonCode(genome: Genome, context: ShapeContext, options: KerasCodeOptions): string {
  const analysis = assertValidGenome(genome, context);
  const byId = new Map(genome.nodes.map((gene) => [gene.id, gene]));
  const identifier = identifierFactory();
  const layerName = layerNameFactory();
  const variables = new Map<string, string>();
  const lines: string[] = [];
  const head = options.taskKind === 'classification' ? 'one logit per class; apply softmax for probabilities' : 'one linear unit per regression target';

  lines.push(`"""${options.title}`, '', `Rebuilds the network with the Keras functional API. Input shape ${pythonLiteral(context.inputShape)}, output: ${head}.`, '"""', '', 'import keras', 'from keras import layers', '');

  for (const id of analysis.order) {
    const gene = byId.get(id)!;
    if (gene.kind === 'input') {
      variables.set(id, 'inputs');
      lines.push(`inputs = keras.Input(shape=${pythonLiteral(context.inputShape)}, name=${JSON.stringify(layerName(id))})`);
      const scaling = options.inputScaling;
      if (scaling) {
        const variance = scaling.std.map((std) => Number((std * std).toPrecision(7)));
        const mean = scaling.mean.map((value) => Number(value.toPrecision(7)));
        lines.push(
          '# Training saw each feature minus its mean over the training rows, divided by its standard deviation: this layer does the same to raw features.',
          `standardised = layers.Normalization(mean=${pythonLiteral(mean)}, variance=${pythonLiteral(variance)}, name="standardise")(inputs)`,
        );
        variables.set(id, 'standardised');
      } else if (options.scalingUnknown) {
        lines.push('# Training saw standardised features: subtract each feature\'s mean over the training rows and divide by its standard deviation before calling the model.');
      }
      continue;
    }
    const inputShapes = gene.inputs.map((source) => analysis.nodes.get(source)!.shape);
    const specs = LAYERS[gene.kind].keras(inputShapes, gene.params, context);
    const sources = gene.inputs.map((source) => variables.get(source)!);
    let current = sources.length === 1 ? sources[0] : `[${sources.join(', ')}]`;
    const target = options.targetScaling;
    specs.forEach((spec, index) => {
      const isLast = index === specs.length - 1;
      const stem = isLast ? id : `${id}_${index + 1}`;
      // The head gives the model's outputs, or its predictions before the targets are scaled back.
      let variable: string;
      if (gene.kind !== 'output' || !isLast) variable = identifier(stem);
      else variable = target ? 'predicted' : 'outputs';
      lines.push(`${variable} = layers.${spec.className}(${kerasArguments(spec, layerName(stem))})(${current})`);
      current = variable;
    });
    if (gene.kind === 'output' && target) {
      lines.push(
        '# Training saw each target minus its mean over the training rows, divided by its standard deviation: this layer turns predictions back into the data\'s units.',
        `outputs = layers.Rescaling(scale=${Number(target.std.toPrecision(7))}, offset=${Number(target.mean.toPrecision(7))}, name="unstandardise")(predicted)`,
      );
      current = 'outputs';
    }
    variables.set(id, current);
  }
  lines.push('model = keras.Model(inputs=inputs, outputs=outputs, name="candidate")');

  if (options.training) {
    const rate = String(options.training.learningRate);
    const loss = options.taskKind === 'classification' ? 'keras.losses.SparseCategoricalCrossentropy(from_logits=True)' : 'keras.losses.MeanSquaredError()';
    const metrics = options.taskKind === 'classification' ? '["accuracy"]' : '["mean_squared_error"]';
    // Trained through the Rescaling layer on raw targets, the loss and its gradients would be
    // std² times the playground's, which SGD at the playground's learning rate does not survive.
    const target = options.targetScaling;
    const trained = target ? 'training_model' : 'model';
    lines.push('', `# Trained in the playground for ${options.training.epochs} epochs, batch size ${options.training.batchSize}.`);
    if (target) {
      lines.push(
        `# The playground trained on standardised targets, (y - ${Number(target.mean.toPrecision(7))}) / ${Number(target.std.toPrecision(7))}: train training_model on those, and predict with model.`,
        'training_model = keras.Model(inputs=inputs, outputs=predicted, name="candidate_standardised")',
      );
    }
    lines.push(
      `${trained}.compile(`,
      `    optimizer=${OPTIMIZER_CODE[options.training.optimizer](rate)},`,
      `    loss=${loss},`,
      `    metrics=${metrics},`,
      ')',
    );
  }
  lines.push('model.summary()', '');
  return lines.join('\n');
}
