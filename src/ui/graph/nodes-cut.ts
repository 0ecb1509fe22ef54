/** Whether a React Flow view shows its whole graph, for the hints and maps that help reach the rest. */

import type { ReactFlowState } from '@xyflow/react';

/** Returns whether part of a node lies outside the pane, at the current pan and zoom. */
export function nodesCut(state: ReactFlowState): boolean {
  const [x, y, zoom] = state.transform;
  for (const node of state.nodeLookup.values()) {
    const { x: left, y: top } = node.internals.positionAbsolute;
    const right = left + (node.measured.width ?? 0);
    const bottom = top + (node.measured.height ?? 0);
    // A pixel of slack, for rounding at the pane's edges.
    if (left * zoom + x < -1 || top * zoom + y < -1 || right * zoom + x > state.width + 1 || bottom * zoom + y > state.height + 1) return true;
  }
  return false;
}
