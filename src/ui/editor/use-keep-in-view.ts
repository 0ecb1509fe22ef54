/**
 * Brings added layers into view. After an edit that adds layers, the view is fitted to the
 * network when a new layer lies outside it. It is also fitted when the whole network was in
 * view before the edit and is not after it, as when an insert pushes later layers right.
 * Drags and other moves add no layers, so they never move the view.
 */

import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import { EDITOR_NODE_SIZE, type XY } from '../../state/graph-model';
import { EDITOR_FIT } from './editor-flow';

export function useKeepAddedInView(canvas: RefObject<HTMLElement | null>, positions: ReadonlyMap<string, XY>): void {
  const { getViewport, fitView } = useReactFlow();
  const previous = useRef(positions);

  useEffect(() => {
    const before = previous.current;
    previous.current = positions;
    const box = canvas.current;
    if (!box || before === positions) return;
    const added = [...positions.keys()].filter((id) => !before.has(id));
    if (added.length === 0) return;

    const { x, y, zoom } = getViewport();
    const inView = (at: XY) => {
      const left = at.x * zoom + x;
      const top = at.y * zoom + y;
      return left >= 0 && top >= 0 && left + EDITOR_NODE_SIZE.width * zoom <= box.clientWidth && top + EDITOR_NODE_SIZE.height * zoom <= box.clientHeight;
    };
    const addedHidden = added.some((id) => !inView(positions.get(id)!));
    const pushedOut = [...before.values()].every(inView) && ![...positions.values()].every(inView);
    if (addedHidden || pushedOut) void fitView({ ...EDITOR_FIT, duration: 200 });
  }, [canvas, positions, getViewport, fitView]);
}
