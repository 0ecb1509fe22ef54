/**
 * The counts the candidate set editor shows. A primitive is a single-input kind with one
 * combination of its parameter values, which the exhaustive strategy places in its chains and
 * the other strategies insert as layers. Merge kinds (add, concatenate) are no primitives:
 * the evolutionary strategies use them to join branches, and exhaustive chains have none.
 */

import { mergeKinds, placeableKinds } from '../../core/candidate-set';
import { primitivesOf } from '../../core/exhaustive';
import { LAYERS, isMergeKind, type LayerKind } from '../../core/layers';
import type { CandidateLayer, CandidateSet } from '../../core/strategy';
import { variantCount } from '../../state/candidate-set-edit';
import { formatCount } from '../format';

const joinNames = (names: readonly string[]) => (names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`);

/** Writes the editor's summary line: layer kinds and their primitives, then the merge kinds apart. */
export function candidateSetSummary(set: CandidateSet): string {
  const kinds = placeableKinds(set).length;
  const primitives = primitivesOf(set).length;
  const counts = `${kinds} layer ${kinds === 1 ? 'kind' : 'kinds'} · ${formatCount(primitives)} ${primitives === 1 ? 'primitive' : 'primitives'} (kinds × parameter combinations)`;
  const merges = mergeKinds(set).map((kind) => LAYERS[kind].label);
  if (merges.length === 0) return counts;
  return `${counts} · ${joinNames(merges)} ${merges.length === 1 ? 'joins' : 'join'} branches, not placed in exhaustive chains`;
}

/** Writes the count on a kind's card: its primitives, or for a merge kind what it does instead. */
export function kindCountText(kind: LayerKind, entry: CandidateLayer): string {
  if (isMergeKind(kind)) return 'joins branches';
  const variants = variantCount(entry);
  return variants === 1 ? '1 variant' : `${formatCount(variants)} variants`;
}
