/**
 * Importing a Keras or TensorFlow.js `model.json` topology into the graph editor: each
 * layer's class name maps to a registry kind and its config to the gene's parameters. The
 * last Dense layer becomes the output head, since the head's width follows from the task.
 * The result is checked with `analyzeGenome`, like every other genome the app loads.
 *
 * Reads the tfjs `model.save` format (`modelTopology` with snake_case configs and
 * `inbound_nodes` as `[[[name, 0, 0, {}]]]`), Keras `model.to_json()` output and the
 * tensorflowjs converter's `model_config` wrapper, functional or Sequential, including
 * Keras 3's `keras_history` form of `inbound_nodes`.
 */

import { DEFAULT_LIMITS, analyzeGenome, type Genome, type LayerGene } from '../../core/genome';
import { ACTIVATIONS, PADDINGS, defaultParams, type LayerKind, type LayerParams, type ShapeContext } from '../../core/layers';
import { jsonFailureText, parseJsonSafely } from '../share/safe-json';

/** Largest model.json text read; topologies are small, weights live in other files. */
export const MAX_TOPOLOGY_CHARS = 5_000_000;

export type ImportOutcome =
  | { readonly ok: true; readonly genome: Genome; readonly notes: readonly string[] }
  | {
      readonly ok: false;
      readonly errors: readonly string[];
      /** The model's input shape where it differs from the task's and the layers do not fit the task; null for a size of any length. */
      readonly inputShape?: readonly (number | null)[];
    };

interface KerasNode {
  readonly name: string;
  readonly className: string;
  readonly config: Record<string, unknown>;
  readonly inbound: readonly string[];
}

/** Keras class names the registry can express, for the message about an unsupported layer. */
export const SUPPORTED_CLASSES = [
  'InputLayer',
  'Dense',
  'Activation',
  'Flatten',
  'Reshape (to a vector)',
  'Conv2D',
  'MaxPooling2D',
  'AveragePooling2D',
  'GlobalAveragePooling2D',
  'BatchNormalization',
  'Dropout',
  'Add',
  'Concatenate',
  'SimpleRNN',
  'GRU',
  'LSTM',
  'Softmax (last layer only)',
];

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Reads a config entry under its Keras (snake_case) or tfjs (camelCase) name. */
function option(config: Record<string, unknown>, snake: string): unknown {
  const camel = snake.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
  if (Object.hasOwn(config, snake)) return config[snake];
  return Object.hasOwn(config, camel) ? config[camel] : undefined;
}

// ---- reading the topology ----------------------------------------------------------------

/** Collects the layer names that `inbound_nodes` refers to, in either Keras 2 or Keras 3 form. */
function inboundNames(value: unknown): string[] {
  const names: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      if (typeof node[0] === 'string' && typeof node[1] === 'number') names.push(node[0]);
      else node.forEach(visit);
      return;
    }
    if (!isRecord(node)) return;
    const history = isRecord(node.config) ? node.config.keras_history : undefined;
    if (Array.isArray(history) && typeof history[0] === 'string') names.push(history[0]);
    else if (Array.isArray(node.args)) node.args.forEach(visit);
  };
  // Only the first call of each layer matters: a layer the playground builds is applied once.
  const calls = Array.isArray(value) ? value : [];
  if (calls.length > 0) visit(calls[0]);
  return names;
}

function findTopology(json: unknown): { className: string; config: unknown } | null {
  let node = isRecord(json) && isRecord(json.modelTopology) ? json.modelTopology : json;
  if (isRecord(node) && isRecord(node.model_config)) node = node.model_config;
  if (!isRecord(node) || typeof node.class_name !== 'string') return null;
  return { className: node.class_name, config: node.config };
}

function readLayers(topology: { className: string; config: unknown }): KerasNode[] | string {
  const layers = Array.isArray(topology.config) ? topology.config : isRecord(topology.config) ? topology.config.layers : undefined;
  if (!Array.isArray(layers)) return 'The topology lists no layers (expected config.layers).';
  if (layers.length === 0) return 'The model has no layers; add its layers in Keras or TensorFlow.js, then save it again.';
  const sequential = topology.className === 'Sequential';
  const nodes: KerasNode[] = [];
  for (const [index, layer] of layers.entries()) {
    if (!isRecord(layer) || typeof layer.class_name !== 'string') return `Layer ${index + 1} of the topology has no class_name.`;
    const config = isRecord(layer.config) ? layer.config : {};
    let name = `layer_${index + 1}`;
    if (typeof layer.name === 'string') name = layer.name;
    else if (typeof config.name === 'string') name = config.name;
    const previous = nodes.at(-1)?.name;
    let inbound = inboundNames(layer.inbound_nodes);
    if (sequential) inbound = previous === undefined ? [] : [previous];
    nodes.push({ name, className: layer.class_name, config, inbound });
  }
  // Keras names every layer uniquely, and inbound links refer to layers by name.
  const seen = new Set<string>();
  for (const node of nodes) {
    if (seen.has(node.name)) return `Two layers are named "${node.name}"; layers refer to each other by name, so give each a name of its own.`;
    seen.add(node.name);
  }
  if (sequential && nodes[0]?.className !== 'InputLayer') {
    const shape = option(nodes[0]?.config ?? {}, 'batch_input_shape') ?? option(nodes[0]?.config ?? {}, 'batch_shape');
    nodes.unshift({ name: 'input', className: 'InputLayer', config: { batch_input_shape: shape }, inbound: [] });
    nodes[1] = { ...nodes[1], inbound: ['input'] };
  }
  return nodes;
}

// ---- mapping layers to genes -------------------------------------------------------------

const KERAS_ACTIVATIONS: Readonly<Record<string, string>> = { hard_sigmoid: 'hardSigmoid' };

class ImportProblems {
  readonly errors: string[] = [];
  readonly notes: string[] = [];
}

function activationOf(node: KerasNode, problems: ImportProblems): string {
  const value = option(node.config, 'activation') ?? 'linear';
  const name = typeof value === 'string' ? (KERAS_ACTIVATIONS[value] ?? value) : String(value);
  if (!(ACTIVATIONS as readonly string[]).includes(name)) {
    problems.errors.push(`Layer "${node.name}" uses the activation "${name}", which the registry does not have; it supports ${ACTIVATIONS.join(', ')}.`);
    return 'linear';
  }
  return name;
}

/** Reads a square window (`[k, k]` or `k`) of a 2D layer; reports a non-square one. */
function squareOf(node: KerasNode, key: string, problems: ImportProblems, fallback: number): number {
  const value = option(node.config, key);
  if (value === undefined || value === null) return fallback;
  const sizes = Array.isArray(value) ? value : [value, value];
  if (sizes.length !== 2 || sizes[0] !== sizes[1] || typeof sizes[0] !== 'number') {
    problems.errors.push(`Layer "${node.name}" has ${key} ${JSON.stringify(value)}; the registry supports square windows only.`);
    return fallback;
  }
  return sizes[0];
}

function paddingOf(node: KerasNode, problems: ImportProblems): string {
  const padding = option(node.config, 'padding') ?? 'valid';
  if (!(PADDINGS as readonly unknown[]).includes(padding)) {
    problems.errors.push(`Layer "${node.name}" has padding ${JSON.stringify(padding)}; the registry supports ${PADDINGS.join(' and ')}.`);
    return 'valid';
  }
  return padding as string;
}

function paramsFor(kind: LayerKind, node: KerasNode, problems: ImportProblems): LayerParams {
  const params = defaultParams(kind);
  const set = (name: string, value: unknown) => {
    if (value !== undefined) params[name] = value as LayerParams[string];
  };
  switch (kind) {
    case 'dense':
      set('units', option(node.config, 'units'));
      set('activation', activationOf(node, problems));
      break;
    case 'activation':
      set('activation', activationOf(node, problems));
      break;
    case 'conv2d': {
      set('filters', option(node.config, 'filters'));
      set('kernelSize', squareOf(node, 'kernel_size', problems, 3));
      set('strides', squareOf(node, 'strides', problems, 1));
      set('padding', paddingOf(node, problems));
      set('activation', activationOf(node, problems));
      const dilation = option(node.config, 'dilation_rate');
      if (dilation !== undefined && JSON.stringify(dilation) !== '[1,1]' && dilation !== 1) {
        problems.errors.push(`Layer "${node.name}" has dilation_rate ${JSON.stringify(dilation)}; the registry's Conv2D is not dilated.`);
      }
      break;
    }
    case 'maxPooling2d':
    case 'averagePooling2d': {
      const size = squareOf(node, 'pool_size', problems, 2);
      const strides = option(node.config, 'strides');
      if (strides !== undefined && strides !== null && squareOf(node, 'strides', problems, size) !== size) {
        problems.errors.push(`Layer "${node.name}" uses strides other than its pool size; the registry's pooling layers stride by the pool size.`);
      }
      set('poolSize', size);
      set('padding', paddingOf(node, problems));
      break;
    }
    case 'dropout':
      set('rate', option(node.config, 'rate'));
      break;
    case 'simpleRNN':
    case 'gru':
    case 'lstm':
      set('units', option(node.config, 'units'));
      set('activation', activationOf(node, problems));
      set('returnSequences', option(node.config, 'return_sequences') ?? false);
      break;
    default:
      break;
  }
  return params;
}

const CLASS_KINDS: Readonly<Record<string, LayerKind>> = {
  Dense: 'dense',
  Activation: 'activation',
  Flatten: 'flatten',
  Conv2D: 'conv2d',
  MaxPooling2D: 'maxPooling2d',
  AveragePooling2D: 'averagePooling2d',
  GlobalAveragePooling2D: 'globalAveragePooling2d',
  BatchNormalization: 'batchNormalization',
  Dropout: 'dropout',
  Add: 'add',
  Concatenate: 'concatenate',
  SimpleRNN: 'simpleRNN',
  GRU: 'gru',
  LSTM: 'lstm',
};

function kindOf(node: KerasNode, problems: ImportProblems): LayerKind | null {
  if (node.className === 'Reshape') {
    const target = option(node.config, 'target_shape');
    if (Array.isArray(target) && target.length === 1) return 'flatten';
    problems.errors.push(`Layer "${node.name}" reshapes to ${JSON.stringify(target)}; the registry has only a reshape to a vector (Flatten).`);
    return null;
  }
  const kind = Object.hasOwn(CLASS_KINDS, node.className) ? CLASS_KINDS[node.className] : undefined;
  if (kind === undefined) {
    problems.errors.push(`Layer "${node.name}" is a ${node.className}, which the layer registry does not have. Supported layers: ${SUPPORTED_CLASSES.join(', ')}.`);
    return null;
  }
  return kind;
}

const safeId = (name: string): string => name.slice(0, 64);

/**
 * Finds the output head: the last Dense layer, after dropping a final softmax, and the
 * Flatten the playground builds into its head (named `<head>.1` beside `<head>.2`).
 */
/**
 * Returns whether `node` is one of the fixed layers this app's model export adds: "standardise"
 * after the input or "unstandardise" after the head, dense layers that are not trainable.
 */
function isFixedScaling(node: KerasNode, stem: 'standardise' | 'unstandardise'): boolean {
  return node.className === 'Dense' && option(node.config, 'trainable') === false && new RegExp(`^${stem}(_\\d+)?$`).test(node.name);
}

/**
 * Removes an exported model's fixed "standardise" layers: the layers they fed take the
 * input in their place, because the playground standardises features outside the network.
 */
function withoutStandardise(nodes: readonly KerasNode[], problems: ImportProblems): KerasNode[] {
  const skipped = new Map(nodes.filter((node) => isFixedScaling(node, 'standardise') && node.inbound.length === 1).map((node) => [node.name, node.inbound[0]]));
  if (skipped.size === 0) return [...nodes];
  problems.notes.push(`The fixed layer "${[...skipped.keys()][0]}" that standardised raw features was dropped: the playground standardises them itself.`);
  return nodes.filter((node) => !skipped.has(node.name)).map((node) => ({ ...node, inbound: node.inbound.map((name) => skipped.get(name) ?? name) }));
}

function findHead(byName: ReadonlyMap<string, KerasNode>, outputName: string, problems: ImportProblems): { head: KerasNode; folded: KerasNode | null } | null {
  let head = byName.get(outputName);
  const isSoftmax = (node: KerasNode) => node.className === 'Softmax' || (node.className === 'Activation' && option(node.config, 'activation') === 'softmax');
  if (head && isSoftmax(head)) {
    problems.notes.push(`The final softmax layer "${head.name}" was dropped: the output head yields logits, and losses apply softmax themselves.`);
    head = byName.get(head.inbound[0] ?? '');
  }
  if (head && isFixedScaling(head, 'unstandardise')) {
    problems.notes.push(`The fixed layer "${head.name}" that scaled predictions back to the data's units was dropped: the output head predicts standardised targets.`);
    head = byName.get(head.inbound[0] ?? '');
  }
  if (!head || head.className !== 'Dense') {
    problems.errors.push(`The model must end in a Dense layer, which becomes the output head; it ends in ${head ? `${head.className} "${head.name}"` : 'no layer'}.`);
    return null;
  }
  const activation = option(head.config, 'activation');
  if (activation !== undefined && activation !== 'linear' && activation !== null) {
    problems.notes.push(`The output layer's activation "${String(activation)}" was dropped: the output head yields logits.`);
  }
  const source = byName.get(head.inbound[0] ?? '');
  const stem = /^(.*)\.2$/.exec(head.name)?.[1];
  const folded = source && stem !== undefined && source.name === `${stem}.1` && source.className === 'Flatten' ? source : null;
  return { head, folded };
}

/** Turns a Keras or TF.js `model.json` text into a genome for the task, or lists why it cannot. */
export function importKerasTopology(text: string, context: ShapeContext): ImportOutcome {
  if (text.length > MAX_TOPOLOGY_CHARS) return { ok: false, errors: [`The file is ${text.length.toLocaleString('en-US')} characters long, above the ${MAX_TOPOLOGY_CHARS.toLocaleString('en-US')} a model.json topology needs.`] };
  const parsed = parseJsonSafely(text);
  if (!parsed.ok) return { ok: false, errors: [jsonFailureText('The file', parsed)] };
  const topology = findTopology(parsed.value);
  if (topology === null) return { ok: false, errors: ['The file has no model topology: expected a TensorFlow.js model.json ("modelTopology") or a Keras model JSON ("class_name" and "config").'] };
  const read = readLayers(topology);
  if (typeof read === 'string') return { ok: false, errors: [read] };
  if (read.length > 200) return { ok: false, errors: [`The model has ${read.length} layers, above the limit of 200.`] };

  const problems = new ImportProblems();
  const nodes = withoutStandardise(read, problems);
  const byName = new Map(nodes.map((node) => [node.name, node]));
  const outputLayers = isRecord(topology.config) ? topology.config.output_layers : undefined;
  const outputName = Array.isArray(outputLayers) && Array.isArray(outputLayers[0]) && typeof outputLayers[0][0] === 'string' ? outputLayers[0][0] : nodes.at(-1)!.name;
  const found = findHead(byName, outputName, problems);
  if (found === null) return { ok: false, errors: problems.errors };

  // Follow the graph back from the head, so layers that do not lead to it are left out.
  const ids = new Map<string, string>();
  const used = new Set(['input', 'output']);
  const freshId = (name: string): string => {
    let id = safeId(name);
    for (let n = 2; used.has(id); n++) id = `${safeId(name).slice(0, 60)}_${n}`;
    used.add(id);
    return id;
  };
  const genes: LayerGene[] = [];
  let modelInput: (number | null)[] | null = null;
  const rename = (node: KerasNode): string => ids.get(node.name)!;
  const visit = (node: KerasNode): void => {
    if (ids.has(node.name)) return;
    if (node === found.head) ids.set(node.name, 'output');
    else if (node.className === 'InputLayer') ids.set(node.name, 'input');
    else ids.set(node.name, freshId(node.name));
    const inbound = node === found.head && found.folded ? found.folded.inbound : node.inbound;
    const sources = inbound.map((name) => byName.get(name)).filter((source): source is KerasNode => source !== undefined);
    if (sources.length !== inbound.length) problems.errors.push(`Layer "${node.name}" takes input from a layer that is not in the file.`);
    sources.forEach(visit);
    if (node === found.head) {
      genes.push({ id: 'output', kind: 'output', params: {}, inputs: sources.map(rename) });
    } else if (node.className === 'InputLayer') {
      genes.push({ id: 'input', kind: 'input', params: {}, inputs: [] });
      const shape = option(node.config, 'batch_input_shape') ?? option(node.config, 'batch_shape');
      const dims = Array.isArray(shape) ? shape.slice(1) : null;
      if (dims && JSON.stringify(dims) !== JSON.stringify(context.inputShape)) {
        modelInput = dims.map((size) => (size === null ? null : Number(size)));
        problems.notes.push(`The model expects inputs of shape ${JSON.stringify(dims)}; the graph was checked against the task's input shape ${JSON.stringify(context.inputShape)}.`);
      }
    } else {
      const kind = kindOf(node, problems);
      if (kind !== null) genes.push({ id: rename(node), kind, params: paramsFor(kind, node, problems), inputs: sources.map(rename) });
    }
  };
  visit(found.head);
  if (problems.errors.length > 0) return { ok: false, errors: problems.errors };

  const units = option(found.head.config, 'units');
  if (typeof units === 'number' && units !== context.outputUnits) {
    problems.notes.push(`The model's output layer has ${units} units; the task's output head has ${context.outputUnits}.`);
  }
  const genome: Genome = { nodes: genes };
  const analysis = analyzeGenome(genome, context, DEFAULT_LIMITS);
  if (!analysis.valid) {
    const issues = analysis.issues.map((issue) => `${issue.message} ${issue.fix}`);
    if (modelInput === null) return { ok: false, errors: issues };
    // Layers built for another input shape rarely fit this task's, so the shapes come first, before the layer-level details.
    const mismatch = `The model takes inputs of shape ${JSON.stringify(modelInput)}, and its layers do not fit this task's inputs of shape ${JSON.stringify(context.inputShape)}.`;
    return { ok: false, errors: [mismatch, ...issues], inputShape: modelInput };
  }
  return { ok: true, genome, notes: problems.notes };
}
