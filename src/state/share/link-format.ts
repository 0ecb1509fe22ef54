/**
 * Link format v1: the compact JSON a link carries before compression, and its two
 * directions. `packShare` writes a valid `ShareState`; `expandPayload` turns whatever a link
 * contains into the full-shaped, still untrusted object that `restoreShareState` validates.
 *
 * v1 payload, in short:
 *   { v: 1,
 *     c: { <key>: value, ... },           run config fields by their CONFIG_KEYS_V1 key
 *     k: [[kindCode, {param: [values]}]], candidate set
 *     g: { n: [gene...], i: [id...], p?: [x0, y0, x1, y1, ...], f?: [fixed gene index...] },  hand-built graph
 *     b?: [[id, [gene...], fitness, validationAccuracy, testAccuracy, trainMs, backendCode, [fixed gene index...]?, validationR2?, testR2?]] }
 *   gene = [kindCode, [input indices], ...parameter values in PARAM_ORDER_V1 order]
 * The fixed-gene lists came after the first v1 links and are written only when a gene is
 * fixed, so older links read as networks without fixed layers.
 */

import type { Genome, LayerGene } from '../../core/genome';
import type { LayerKind, LayerParams, ParamValue } from '../../core/layers';
import type { XY } from '../graph-model';
import { BACKEND_NAMES_V1, CONFIG_KEYS_V1, CONFIG_PATHS, KIND_CODES_V1, LINK_VERSION, PARAM_ORDER_V1, kindCode } from './link-codes';
import type { RestoreNote, ShareState, SharedResult } from './share-state';

export type CompactGene = [number, number[], ...ParamValue[]];
export type CompactResult = [string, CompactGene[], number, number | null, number | null, number, number, number[]?, (number | null)?, (number | null)?];

export interface CompactLinkV1 {
  v: 1;
  c: Record<string, string | number>;
  k?: [number, Record<string, ParamValue[]>][];
  g: { n: CompactGene[]; i: string[]; p?: number[]; f?: number[] };
  b?: CompactResult[];
}

/** A link or run file after decoding, before validation: full field names, untrusted values. */
export interface LooseShare {
  readonly config: unknown;
  readonly graph?: unknown;
  /** `{id, x, y}` per node of the graph. */
  readonly positions?: unknown;
  readonly results?: unknown;
}

const round = (value: number, digits: number): number => {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
};

function readPath(source: unknown, path: string): unknown {
  let value = source;
  for (const key of path.split('.')) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, key)) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function writePath(target: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!Object.hasOwn(node, key)) node[key] = {};
    node = node[key] as Record<string, unknown>;
  }
  node[keys[keys.length - 1]] = value;
}

function packGenome(genome: Genome): CompactGene[] {
  const index = new Map(genome.nodes.map((gene, i) => [gene.id, i]));
  return genome.nodes.map((gene) => {
    const order = PARAM_ORDER_V1[gene.kind] ?? [];
    return [kindCode(gene.kind), gene.inputs.map((id) => index.get(id) ?? -1), ...order.map((name) => gene.params[name])];
  });
}

/** Returns the indices of the fixed genes, which a link lists beside the genes. */
function packFixed(genome: Genome): number[] {
  return genome.nodes.flatMap((gene, index) => (gene.fixed ? [index] : []));
}

function packPositions(genome: Genome, positions: ReadonlyMap<string, XY>): number[] {
  return genome.nodes.flatMap((gene) => {
    const at = positions.get(gene.id) ?? { x: 0, y: 0 };
    return [Math.round(at.x), Math.round(at.y)];
  });
}

function packResult(result: SharedResult): CompactResult {
  const accuracy = (value: number | null) => (value === null ? null : round(value, 4));
  const packed: CompactResult = [
    result.id,
    packGenome(result.genome),
    round(result.fitness, 4),
    accuracy(result.validationAccuracy),
    accuracy(result.testAccuracy),
    Math.round(result.trainMs),
    BACKEND_NAMES_V1.indexOf(result.backend),
  ];
  const fixed = packFixed(result.genome);
  // Six decimals, so that the three the page shows round the same way for sender and receiver.
  const r2 = (value: number | null | undefined) => (typeof value === 'number' ? round(value, 6) : null);
  const scores = [r2(result.validationR2), r2(result.testR2)];
  // The R² come after the fixed list, so a regression result writes that list even when empty.
  if (fixed.length > 0 || scores.some((score) => score !== null)) packed.push(fixed);
  if (scores.some((score) => score !== null)) packed.push(...scores);
  return packed;
}

/** Writes a share state as a v1 payload. Every config field is written, so a link keeps its meaning when defaults change. */
export function packShare(state: ShareState): CompactLinkV1 {
  const config: Record<string, string | number> = {};
  for (const path of CONFIG_PATHS) config[CONFIG_KEYS_V1[path]] = readPath(state.config, path) as string | number;

  const payload: CompactLinkV1 = {
    v: LINK_VERSION,
    c: config,
    k: state.config.search.candidateSet.layers.map((layer) => [kindCode(layer.kind), { ...layer.params } as Record<string, ParamValue[]>]),
    g: { n: packGenome(state.graph), i: state.graph.nodes.map((gene) => gene.id) },
  };
  if (state.positions) payload.g.p = packPositions(state.graph, state.positions);
  const fixed = packFixed(state.graph);
  if (fixed.length > 0) payload.g.f = fixed;
  if (state.results.length > 0) payload.b = state.results.map(packResult);
  return payload;
}

// ---- expanding an untrusted payload -------------------------------------------------------

const asArray = (value: unknown): unknown[] | null => (Array.isArray(value) ? value : null);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Prefix of the kind that an unknown layer kind code turns into, so that the restore can name the code. */
const UNKNOWN_KIND_CODE = 'code ';

/** Names a layer kind a restore does not know: an unknown link code as "code N", anything else as short JSON. */
export function unknownKindName(kind: unknown): string {
  if (typeof kind === 'string' && kind.startsWith(UNKNOWN_KIND_CODE)) return kind;
  const text = JSON.stringify(kind) ?? String(kind);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

function kindOf(code: unknown): LayerKind | string {
  return typeof code === 'number' && Number.isInteger(code) && code >= 0 && code < KIND_CODES_V1.length
    ? KIND_CODES_V1[code]
    : `${UNKNOWN_KIND_CODE}${JSON.stringify(code) ?? String(code)}`;
}

/** Returns the set of gene indices a link marks fixed, noting a list that is not one. */
function expandFixed(value: unknown, field: string, notes: RestoreNote[]): Set<unknown> {
  if (value === undefined) return new Set();
  const list = asArray(value);
  if (list === null) notes.push({ field: `${field}.fixed`, reason: 'is not a list of layer indices; no layer was fixed.' });
  return new Set(list ?? []);
}

/** Turns compact genes into genome-shaped genes; values stay unchecked for the restore. */
function expandGenome(value: unknown, ids: readonly unknown[] | null, field: string, notes: RestoreNote[], fixedList?: unknown): unknown {
  const genes = asArray(value);
  if (genes === null) {
    notes.push({ field, reason: 'is not a list of layers.' });
    return undefined;
  }
  const idOf = (index: number): string => {
    const id = ids?.[index];
    if (typeof id === 'string') return id;
    if (kindOf(asArray(genes[index])?.[0]) === 'input') return 'input';
    if (kindOf(asArray(genes[index])?.[0]) === 'output') return 'output';
    return `l${index}`;
  };
  const fixed = expandFixed(fixedList, field, notes);
  const nodes: Partial<LayerGene>[] = genes.map((entry, index) => {
    const gene = asArray(entry) ?? [];
    const kind = kindOf(gene[0]);
    const params: LayerParams = {};
    (PARAM_ORDER_V1[kind as LayerKind] ?? []).forEach((name, i) => {
      if (gene.length > i + 2) params[name] = gene[i + 2] as ParamValue;
    });
    const inputs = (asArray(gene[1]) ?? []).map((source) =>
      typeof source === 'number' && Number.isInteger(source) && source >= 0 && source < genes.length ? idOf(source) : `missing node ${String(source)}`,
    );
    const expanded: Partial<LayerGene> = { id: idOf(index), kind: kind as LayerKind, params, inputs };
    return fixed.has(index) ? { ...expanded, fixed: true } : expanded;
  });
  return { nodes };
}

function expandPositions(value: unknown, ids: readonly unknown[] | null): unknown {
  const flat = asArray(value);
  if (flat === null || ids === null) return undefined;
  return ids.map((id, i) => ({ id, x: flat[2 * i], y: flat[2 * i + 1] }));
}

function expandResult(value: unknown, index: number, notes: RestoreNote[]): unknown {
  const entry = asArray(value);
  if (entry === null) {
    notes.push({ field: `results[${index}]`, reason: 'is not a result entry; it was skipped.' });
    return undefined;
  }
  const [id, genes, fitness, validationAccuracy, testAccuracy, trainMs, backend, fixed, validationR2, testR2] = entry;
  return {
    id,
    genome: expandGenome(genes, null, `results[${index}].genome`, notes, fixed),
    fitness,
    validationAccuracy,
    testAccuracy,
    validationR2,
    testR2,
    trainMs,
    backend: typeof backend === 'number' ? BACKEND_NAMES_V1[backend] ?? backend : backend,
  };
}

function expandConfig(value: unknown, notes: RestoreNote[]): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  if (!isRecord(value)) {
    notes.push({ field: 'config', reason: 'is missing; the defaults were used.' });
    return config;
  }
  const pathByKey = new Map<string, string>(CONFIG_PATHS.map((path) => [CONFIG_KEYS_V1[path], path]));
  for (const [key, field] of Object.entries(value)) {
    const path = pathByKey.get(key);
    if (path === undefined) notes.push({ field: `config.${key}`, reason: 'is not a known setting; it was ignored.' });
    else writePath(config, path, field);
  }
  return config;
}

function expandCandidateSet(value: unknown, notes: RestoreNote[]): { layers: unknown[] } | undefined {
  if (value === undefined) return undefined;
  const entries = asArray(value);
  if (entries === null) {
    notes.push({ field: 'search.candidateSet', reason: 'is not a list; the task default was used.' });
    return undefined;
  }
  return {
    layers: entries.map((entry) => {
      const pair = asArray(entry) ?? [];
      return { kind: kindOf(pair[0]), params: isRecord(pair[1]) ? pair[1] : {} };
    }),
  };
}

const PAYLOAD_KEYS = new Set(['v', 'c', 'k', 'g', 'b']);

/** Expands a v1 payload (already migrated) into the full shape that the restore validates. */
export function expandPayload(payload: Record<string, unknown>, notes: RestoreNote[]): LooseShare {
  for (const key of Object.keys(payload)) {
    if (!PAYLOAD_KEYS.has(key)) notes.push({ field: key, reason: 'is not part of a v1 link; it was ignored.' });
  }
  const config = expandConfig(payload.c, notes);
  const candidateSet = expandCandidateSet(payload.k, notes);
  // The set's maxDepth arrives among the config fields, so the layers join it rather than replace it.
  if (candidateSet !== undefined) writePath(config, 'search.candidateSet.layers', candidateSet.layers);

  const graph = isRecord(payload.g) ? payload.g : null;
  if (payload.g !== undefined && graph === null) notes.push({ field: 'graph', reason: 'is not a graph; the starting network was used.' });
  const ids = graph ? asArray(graph.i) : null;
  const results = payload.b === undefined ? undefined : asArray(payload.b);
  if (payload.b !== undefined && results === null) notes.push({ field: 'results', reason: 'is not a list; no results were shown.' });

  return {
    config,
    graph: graph ? expandGenome(graph.n, ids, 'graph', notes, graph.f) : undefined,
    positions: graph ? expandPositions(graph.p, ids) : undefined,
    results: results?.map((entry, index) => expandResult(entry, index, notes)).filter((entry) => entry !== undefined),
  };
}
