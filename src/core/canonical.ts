/**
 * Canonical hashes of genomes, so the search recognises an architecture it has already
 * evaluated even when node ids or the order of the node array differ.
 *
 * Each node gets a Merkle-style signature: a hash of its kind, its parameters and the
 * signatures of its inputs, computed in topological order. Inputs of `add` are sorted
 * because addition is commutative, and inputs of `concatenate` keep their order because
 * it changes which features land where. The genome hash combines the output head's
 * signature with the sorted signatures of all nodes, which distinguishes a layer shared
 * by two branches from two identical copies of it.
 */

import type { Genome } from './genome';
import type { LayerParams } from './layers';
import { sortTopologically } from './graph';

const ORDER_FREE_KINDS = new Set(['add']);

/** Hashes text to 16 hex digits with two independent 32-bit FNV-1a style lanes. */
export function hashText(text: string): string {
  let low = 0x811c9dc5;
  let high = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    low = Math.imul(low ^ code, 0x01000193);
    high = Math.imul(high ^ code, 0x5bd1e995);
    high ^= high >>> 13;
  }
  return finish(low) + finish(high ^ low);
}

function finish(lane: number): string {
  let z = lane >>> 0;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return ((z ^ (z >>> 16)) >>> 0).toString(16).padStart(8, '0');
}

/** Writes parameters with sorted names, so `{a, b}` and `{b, a}` read the same. */
export function canonicalParams(params: LayerParams): string {
  const names = Object.keys(params).sort();
  return JSON.stringify(names.map((name) => [name, params[name]]));
}

/** Returns each node's signature, keyed by node id. */
export function nodeSignatures(genome: Genome): Map<string, string> {
  const signatures = new Map<string, string>();
  for (const node of sortTopologically(genome.nodes)) {
    const inputs = node.inputs.map((source) => signatures.get(source) ?? `missing:${source}`);
    if (ORDER_FREE_KINDS.has(node.kind)) inputs.sort();
    signatures.set(node.id, hashText(`${node.kind}${canonicalParams(node.params)}<${inputs.join(',')}>`));
  }
  return signatures;
}

/** Hashes an architecture independently of node ids and of the order of `genome.nodes`. */
export function canonicalHash(genome: Genome): string {
  const signatures = nodeSignatures(genome);
  const head = genome.nodes.find((node) => node.kind === 'output');
  const headSignature = head ? signatures.get(head.id) : 'no-output';
  const all = [...signatures.values()].sort();
  return hashText(`${headSignature}|${all.join(',')}`);
}
