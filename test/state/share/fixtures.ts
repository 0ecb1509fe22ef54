/** Share states for the link tests: a typical search with a 12-layer graph and 10 results. */

import { chainGenome, type Genome } from '../../../src/core/genome';
import type { LayerKind, LayerParams } from '../../../src/core/layers';
import { defaultRunConfig } from '../../../src/state/config';
import { layoutPositions } from '../../../src/state/graph-model';
import type { ShareState, SharedResult } from '../../../src/state/share/share-state';

const ACTIVATIONS = ['relu', 'tanh', 'elu', 'selu'];

/** Builds a chain of `layers` dense and dropout layers with varied widths. */
export function denseChain(layers: number, offset = 0): Genome {
  return chainGenome(
    Array.from({ length: layers }, (_, i): { kind: LayerKind; params: LayerParams } =>
      (i + offset) % 4 === 3
        ? { kind: 'dropout', params: { rate: 0.25 } }
        : { kind: 'dense', params: { units: 8 * (1 + ((i + offset) % 8)), activation: ACTIVATIONS[(i + offset) % 4] } },
    ),
  );
}

/** Returns a search on xor with a hand-built 12-layer graph at its laid-out positions and 10 results of 4 to 9 layers. */
export function typicalShare(): ShareState {
  const base = defaultRunConfig('xor');
  const config = { ...base, search: { ...base.search, seed: 424242, generations: 12, population: 16 }, backend: 'wasm' as const };
  const graph = denseChain(12);
  const positions = layoutPositions(graph);
  for (const [id, at] of positions) positions.set(id, { x: at.x + 13.4, y: at.y - 7.7 });
  const results: SharedResult[] = Array.from({ length: 10 }, (_, i) => ({
    id: `g${11 - i}-${(i * 7) % 16}`,
    genome: denseChain(4 + (i % 6), i),
    fitness: 0.99 - i * 0.0123,
    validationAccuracy: 0.99 - i * 0.0123,
    testAccuracy: 0.97 - i * 0.0111,
    trainMs: 1234.5 + i * 97,
    backend: 'wasm',
  }));
  return { config, graph, positions, results };
}
