/**
 * Brings added layers into view. After an edit that adds layers, the view is fitted to the
 * network when a new layer lies outside it. It is also fitted when the whole network was in
 * view before the edit and is not after it, as when an insert pushes later layers right.
 * Drags and other moves add no layers, so they never move the view. The view is also fitted
 * again when the canvas changes size with the whole network in view.
 */

import { useReactFlow } from '@xyflow/react';
import { useEffect, useRef, type RefObject } from 'react';
import { EDITOR_NODE_SIZE, type XY } from '../../state/graph-model';
import { EDITOR_FIT } from './editor-flow';

/** Returns whether a node placed at `at` lies wholly inside a canvas of `width` × `height` pixels. */
function nodeInView(at: XY, viewport: { x: number; y: number; zoom: number }, width: number, height: number): boolean {
  const left = at.x * viewport.zoom + viewport.x;
  const top = at.y * viewport.zoom + viewport.y;
  return left >= 0 && top >= 0 && left + EDITOR_NODE_SIZE.width * viewport.zoom <= width && top + EDITOR_NODE_SIZE.height * viewport.zoom <= height;
}

/**
 * Fits the view again when the canvas changes size (a notice above it, a resized run panel or
 * window) while every layer was in view, so the network stays whole and centred. A view the
 * user panned or zoomed so that layers lie outside it stays as it is.
 */
export function useRefitOnResize(canvas: RefObject<HTMLElement | null>, positions: ReadonlyMap<string, XY>): void {
  const { getViewport, fitView } = useReactFlow();
  const latest = useRef(positions);
  latest.current = positions;

  useEffect(() => {
    const box = canvas.current;
    if (!box) return;
    let size = { width: box.clientWidth, height: box.clientHeight };
    const observer = new ResizeObserver(() => {
      const before = size;
      size = { width: box.clientWidth, height: box.clientHeight };
      if (size.width === before.width && size.height === before.height) return;
      const viewport = getViewport();
      const wereInView = [...latest.current.values()].every((at) => nodeInView(at, viewport, before.width, before.height));
      if (wereInView) void fitView(EDITOR_FIT);
    });
    observer.observe(box);
    return () => observer.disconnect();
  }, [canvas, getViewport, fitView]);
}

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

    const viewport = getViewport();
    const inView = (at: XY) => nodeInView(at, viewport, box.clientWidth, box.clientHeight);
    const addedHidden = added.some((id) => !inView(positions.get(id)!));
    const pushedOut = [...before.values()].every(inView) && ![...positions.values()].every(inView);
    if (addedHidden || pushedOut) void fitView({ ...EDITOR_FIT, duration: 200 });
  }, [canvas, positions, getViewport, fitView]);
}
