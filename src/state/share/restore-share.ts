/**
 * Restoring graphs, canvas positions and shared results from untrusted input. A genome is
 * kept only when `analyzeGenome` accepts it for the task, within the size limits, so a link
 * can never make the page build a network larger than the editor would allow.
 */

import { DEFAULT_LIMITS, analyzeGenome, type Genome, type IssueCode, type LayerGene } from '../../core/genome';
import { canonicalHash } from '../../core/canonical';
import { hasModuleSlots } from '../../core/template';
import { LAYERS, LAYER_KINDS, checkParam, defaultParams, isLayerKind, type LayerParams, type ShapeContext } from '../../core/layers';
import { TASKS } from '../../data/tasks';
import { BACKENDS, type BackendName } from '../../train/types';
import { shapeContextOf } from '../graph-context';
import type { XY } from '../graph-model';
import { starterGenome } from '../starter';
import { unknownKindName, type LooseShare } from './link-format';
import { readPath, restoreRunConfig } from './restore-config';
import { MAX_SHARED_RESULTS, type RestoreNote, type ShareState, type SharedResult } from './share-state';

const MAX_NODES = 200;
const MAX_ID_LENGTH = 64;
/** Canvas coordinates beyond this are clamped, so a link cannot push a node out of reach. */
const MAX_COORDINATE = 100_000;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const own = (record: Record<string, unknown>, key: string): unknown => (Object.hasOwn(record, key) ? record[key] : undefined);

/** Takes the kind's registry parameters from `supplied`, clamping numbers into range and defaulting the rest. */
function restoreParams(kind: LayerGene['kind'], supplied: unknown, field: string, notes: RestoreNote[]): LayerParams {
  const params = defaultParams(kind);
  const record = isRecord(supplied) ? supplied : {};
  for (const name of Object.keys(record)) {
    if (!Object.hasOwn(LAYERS[kind].params, name)) notes.push({ field: `${field}.${name}`, reason: `is not a parameter of ${kind}; it was ignored.` });
  }
  for (const [name, spec] of Object.entries(LAYERS[kind].params)) {
    const value = own(record, name);
    if (value === undefined || checkParam(kind, name, value) === null) {
      if (value !== undefined) params[name] = value as LayerParams[string];
      continue;
    }
    if ((spec.type === 'int' || spec.type === 'float') && typeof value === 'number' && Number.isFinite(value)) {
      const rounded = spec.type === 'int' ? Math.round(value) : value;
      params[name] = Math.min(spec.max, Math.max(spec.min, rounded));
      notes.push({ field: `${field}.${name}`, reason: `${value} is outside ${spec.min} to ${spec.max}; ${params[name]} was used.` });
    } else {
      // The field names the parameter already, so the check's own "kind.name" prefix goes.
      const problem = checkParam(kind, name, value)!.replace(`${kind}.${name} `, '');
      notes.push({ field: `${field}.${name}`, reason: `${problem} The default ${String(spec.default)} was used.` });
    }
  }
  return params;
}

function restoreGene(value: unknown, index: number, field: string, notes: RestoreNote[]): LayerGene | null {
  const at = `${field}.nodes[${index}]`;
  if (!isRecord(value)) {
    notes.push({ field: at, reason: 'is not a layer.' });
    return null;
  }
  const id = own(value, 'id');
  const kind = own(value, 'kind');
  if (typeof id !== 'string' || id.length === 0 || id.length > MAX_ID_LENGTH) {
    notes.push({ field: at, reason: `has an invalid id ${JSON.stringify(id) ?? String(id)}; ids are 1 to ${MAX_ID_LENGTH} characters.` });
    return null;
  }
  if (!isLayerKind(kind)) {
    notes.push({ field: at, reason: `has the unknown layer kind ${unknownKindName(kind)}; the kinds are ${LAYER_KINDS.join(', ')}.` });
    return null;
  }
  const inputs = own(value, 'inputs');
  if (!Array.isArray(inputs) || inputs.length > 8 || inputs.some((source) => typeof source !== 'string')) {
    notes.push({ field: at, reason: 'lists its inputs wrongly; a layer takes at most 8 inputs, each a node id.' });
    return null;
  }
  const gene: LayerGene = { id, kind, params: restoreParams(kind, own(value, 'params'), `${field}.${id}`, notes), inputs: [...(inputs as string[])] };
  const fixed = own(value, 'fixed');
  if (fixed !== undefined && typeof fixed !== 'boolean') notes.push({ field: `${at}.fixed`, reason: `is ${JSON.stringify(fixed) ?? String(fixed)}, not true or false; the layer was left unfixed.` });
  return fixed === true ? { ...gene, fixed: true } : gene;
}

/**
 * Issues that the editor itself lets a network have while it is being built, and shows on
 * the node concerned: a layer not connected yet, a wrong input count, a shape that does not
 * fit. A network found above the size limits is replaced. Layers past an unfinished part
 * are not counted towards those limits, so only the limit of 200 layers bounds them. Nothing
 * builds or trains such a network until the editor finds it valid.
 */
const EDITOR_ISSUES: ReadonlySet<IssueCode> = new Set(['unreachable', 'dead-end', 'arity', 'shape']);

/**
 * Restores a genome and checks it for the task. Returns null, with notes naming each
 * problem, when it is not a valid network within the size limits. With `unfinished`, a
 * network whose only issues are ones the editor lets a network have is kept as it is, so a
 * hand-built network half way through an edit survives a reload or a saved run.
 */
export function restoreGenome(value: unknown, context: ShapeContext, field: string, notes: RestoreNote[], unfinished = false): Genome | null {
  const nodes = isRecord(value) ? own(value, 'nodes') : undefined;
  if (!Array.isArray(nodes)) {
    notes.push({ field, reason: 'is not a network (a list of layers).' });
    return null;
  }
  if (nodes.length > MAX_NODES) {
    notes.push({ field, reason: `has ${nodes.length} layers, above the limit of ${MAX_NODES}.` });
    return null;
  }
  const genes = nodes.map((node, index) => restoreGene(node, index, field, notes));
  if (genes.some((gene) => gene === null)) return null;

  const genome: Genome = { nodes: genes as LayerGene[] };
  const analysis = analyzeGenome(genome, context, DEFAULT_LIMITS);
  if (unfinished && analysis.issues.every((issue) => EDITOR_ISSUES.has(issue.code))) return genome;
  if (!analysis.valid) {
    // The notes leave out each issue's fix, because the network is replaced or skipped, not edited.
    for (const issue of analysis.issues.slice(0, 5)) notes.push({ field, reason: issue.message });
    return null;
  }
  return genome;
}

/** Restores canvas positions; undefined (automatic layout) unless every node has a finite one. */
export function restorePositions(value: unknown, genome: Genome, notes: RestoreNote[]): Map<string, XY> | undefined {
  if (value === undefined) return undefined;
  const ids = new Set(genome.nodes.map((gene) => gene.id));
  const positions = new Map<string, XY>();
  const clamp = (n: number) => Math.min(MAX_COORDINATE, Math.max(-MAX_COORDINATE, n));
  for (const entry of Array.isArray(value) ? value : []) {
    if (!isRecord(entry)) continue;
    const [id, x, y] = [own(entry, 'id'), own(entry, 'x'), own(entry, 'y')];
    if (typeof id === 'string' && ids.has(id) && typeof x === 'number' && typeof y === 'number' && Number.isFinite(x) && Number.isFinite(y)) {
      positions.set(id, { x: clamp(x), y: clamp(y) });
    }
  }
  if (positions.size !== ids.size) {
    notes.push({ field: 'positions', reason: 'do not give a valid place for every layer; the graph was laid out automatically.' });
    return undefined;
  }
  return positions;
}

const CANDIDATE_ID = /^[\w:.-]{1,40}$/;

function fraction(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : null;
}

/** Reads an R² from a link: a finite number of at most 1, with no lower bound, or null. */
function coefficient(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(1, value) : null;
}

function restoreResult(value: unknown, index: number, context: ShapeContext, notes: RestoreNote[]): SharedResult | null {
  const field = `results[${index}]`;
  if (!isRecord(value)) {
    notes.push({ field, reason: 'is not a result; it was skipped.' });
    return null;
  }
  const genome = restoreGenome(own(value, 'genome'), context, `${field}.genome`, notes);
  if (genome === null) {
    notes.push({ field, reason: 'has no valid network for this task; it was skipped.' });
    return null;
  }
  if (hasModuleSlots(genome)) {
    notes.push({ field, reason: 'contains a module slot, so it is a search template, not a trained network; it was skipped.' });
    return null;
  }
  const id = own(value, 'id');
  const fitness = fraction(own(value, 'fitness'));
  if (fitness === null) notes.push({ field: `${field}.fitness`, reason: 'is not a number; 0 was used.' });
  const trainMs = own(value, 'trainMs');
  const backend = own(value, 'backend');
  return {
    id: typeof id === 'string' && CANDIDATE_ID.test(id) ? id : `shared-${index + 1}`,
    genome,
    fitness: fitness ?? 0,
    validationAccuracy: fraction(own(value, 'validationAccuracy')),
    testAccuracy: fraction(own(value, 'testAccuracy')),
    validationR2: coefficient(own(value, 'validationR2')),
    testR2: coefficient(own(value, 'testR2')),
    trainMs: typeof trainMs === 'number' && Number.isFinite(trainMs) && trainMs >= 0 ? Math.min(trainMs, 8.64e7) : 0,
    backend: (BACKENDS as readonly unknown[]).includes(backend) ? (backend as BackendName) : 'cpu',
  };
}

/** Restores shared results: valid ones only, distinct architectures, at most `MAX_SHARED_RESULTS`, best first. */
export function restoreResults(value: unknown, context: ShapeContext, notes: RestoreNote[]): SharedResult[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    notes.push({ field: 'results', reason: 'is not a list; no results were shown.' });
    return [];
  }
  if (value.length > MAX_SHARED_RESULTS) notes.push({ field: 'results', reason: `lists ${value.length} results; only the first ${MAX_SHARED_RESULTS} were kept.` });
  const seen = new Set<string>();
  const results: SharedResult[] = [];
  value.slice(0, MAX_SHARED_RESULTS).forEach((entry, index) => {
    const result = restoreResult(entry, index, context, notes);
    if (result === null) return;
    const hash = canonicalHash(result.genome);
    if (seen.has(hash)) {
      notes.push({ field: `results[${index}]`, reason: 'repeats an architecture listed before; it was skipped.' });
      return;
    }
    seen.add(hash);
    results.push(result);
  });
  return results.sort((a, b) => b.fitness - a.fitness);
}

/** Restores everything a link or a run file carries; never throws, and notes what it ignored. */
export function restoreShareState(loose: LooseShare, notes: RestoreNote[]): ShareState {
  const config = restoreRunConfig(loose.config, notes);
  const context = shapeContextOf(config);
  // The graph is the editor's, so an unfinished one stays for the editor to show its issues.
  let graph = loose.graph === undefined ? null : restoreGenome(loose.graph, context, 'graph', notes, true);
  let positions: Map<string, XY> | undefined;
  if (graph === null) {
    if (loose.graph !== undefined) notes.push({ field: 'graph', reason: 'was replaced by the starting network of the task.' });
    graph = starterGenome(config.task.id);
  } else {
    positions = restorePositions(loose.positions, graph, notes);
  }
  // Results found on another task would show as this task's, and a replay could not repeat them.
  const suppliedTask = readPath(loose.config, 'task.id');
  if (Array.isArray(loose.results) && loose.results.length > 0 && suppliedTask !== config.task.id) {
    notes.push({ field: 'results', reason: `were left out: they were found on another task than ${TASKS[config.task.id].name}, the task used.` });
    return { config, graph, positions, results: [] };
  }
  return { config, graph, positions, results: restoreResults(loose.results, context, notes) };
}
