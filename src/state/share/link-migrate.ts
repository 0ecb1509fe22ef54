/**
 * Migrations of older link payloads to the current format (v1).
 *
 * Version 0 was the first, uncompressed link: `#config=<percent-encoded JSON>` with flat
 * field names and the hand-built network as a chain of layers from the input to the head:
 *
 *   { "version": 0, "task": "xor", "noise": 0.1, "samples": 500, "strategy": "random",
 *     "generations": 4, "population": 6, "seed": 7, "epochs": 10, "batchSize": 32,
 *     "learningRate": 0.01, "backend": "wasm",
 *     "layers": [{ "kind": "dense", "units": 8, "activation": "tanh" }],
 *     "best": [{ "id": "g1-2", "fitness": 0.93, "layers": [...] }] }
 *
 * It carried no candidate set (the task default applies) and no canvas positions.
 */

import { isLayerKind, type LayerKind, type ParamValue } from '../../core/layers';
import { CONFIG_KEYS_V1, LINK_VERSION, PARAM_ORDER_V1, kindCode, type ConfigPath } from './link-codes';
import type { CompactGene, CompactLinkV1, CompactResult } from './link-format';
import type { RestoreNote } from './share-state';

/** v0 field name → v1 config path. */
const V0_FIELDS: Readonly<Record<string, ConfigPath>> = {
  task: 'task.id',
  noise: 'task.noise',
  samples: 'task.samples',
  strategy: 'search.strategy',
  generations: 'search.generations',
  population: 'search.population',
  seed: 'search.seed',
  epochs: 'training.epochs',
  batchSize: 'training.batchSize',
  learningRate: 'training.learningRate',
  backend: 'backend',
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Turns a v0 chain of layers into v1 genes: input, the layers in order, then the output head. */
function chainGenes(layers: unknown, field: string, notes: RestoreNote[]): CompactGene[] {
  const list = Array.isArray(layers) ? layers : [];
  if (!Array.isArray(layers)) notes.push({ field, reason: 'is not a list of layers.' });
  const genes: CompactGene[] = [[kindCode('input'), []]];
  list.forEach((layer, index) => {
    const kind = isRecord(layer) ? layer.kind : undefined;
    const known = isLayerKind(kind) && kind !== 'input' && kind !== 'output';
    const order = known ? (PARAM_ORDER_V1[kind as LayerKind] ?? []) : [];
    // An unknown kind keeps an invalid code, so that the restore names the layer it drops.
    const code = known ? kindCode(kind as LayerKind) : -1;
    const values = order.map((name) => (isRecord(layer) && Object.hasOwn(layer, name) ? (layer[name] as ParamValue) : undefined));
    genes.push([code, [index], ...(values as ParamValue[])]);
  });
  genes.push([kindCode('output'), [genes.length - 1]]);
  return genes;
}

function migrateV0(payload: Record<string, unknown>, notes: RestoreNote[]): CompactLinkV1 {
  const config: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(payload)) {
    if (key === 'version' || key === 'layers' || key === 'best') continue;
    const path = V0_FIELDS[key];
    if (path === undefined) notes.push({ field: key, reason: 'is not a setting of a version 0 link; it was ignored.' });
    else config[CONFIG_KEYS_V1[path]] = value as string | number;
  }

  const genes = chainGenes(payload.layers, 'graph', notes);
  const ids = genes.map((_gene, index) => `l${index}`);
  ids[0] = 'input';
  ids[ids.length - 1] = 'output';
  const migrated: CompactLinkV1 = { v: 1, c: config, g: { n: genes, i: ids } };

  if (Array.isArray(payload.best)) {
    migrated.b = payload.best.map((entry, index): CompactResult => {
      const record = isRecord(entry) ? entry : {};
      const fitness = typeof record.fitness === 'number' ? record.fitness : Number.NaN;
      return [String(record.id ?? ''), chainGenes(record.layers, `results[${index}].layers`, notes), fitness, fitness, null, 0, 3];
    });
  }
  return migrated;
}

export type MigrationOutcome = { ok: true; payload: Record<string, unknown> } | { ok: false; error: string };

/** Brings a payload of any known version to the current one; an unknown version is an error. */
export function migratePayload(payload: Record<string, unknown>, notes: RestoreNote[]): MigrationOutcome {
  const version = Object.hasOwn(payload, 'v') ? payload.v : payload.version;
  if (version === LINK_VERSION) return { ok: true, payload };
  if (version === 0) {
    notes.push({ field: 'version', reason: 'the link uses format version 0; it was converted to the current format.' });
    return { ok: true, payload: migrateV0(payload, notes) as unknown as Record<string, unknown> };
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > LINK_VERSION) {
    return { ok: false, error: `The link uses format version ${version}, newer than this app reads (${LINK_VERSION}). Open it with a newer version of the app.` };
  }
  return {
    ok: false,
    error: `The link has no valid format version (got ${JSON.stringify(version) ?? 'none'}), so this app cannot read it. It may have been altered: copy the whole link again from the app that made it.`,
  };
}
