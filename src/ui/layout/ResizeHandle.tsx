/**
 * A horizontal splitter that sets the run panel's height by dragging or with the arrow keys
 * (Home and End jump to the bounds), following the WAI-ARIA window splitter pattern.
 */

import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface ResizeHandleProps {
  readonly height: number;
  readonly min: number;
  readonly max: number;
  onResize(height: number): void;
}

const KEY_STEP = 24;

export function ResizeHandle({ height, min, max, onResize }: ResizeHandleProps) {
  const drag = useRef<{ startY: number; startHeight: number } | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    drag.current = { startY: event.clientY, startHeight: height };
    event.currentTarget.setPointerCapture(event.pointerId);
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (!drag.current) return;
    // Dragging up makes the panel taller.
    onResize(drag.current.startHeight + drag.current.startY - event.clientY);
  };
  const onPointerUp = () => {
    drag.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const next: Record<string, number> = { ArrowUp: height + KEY_STEP, ArrowDown: height - KEY_STEP, Home: max, End: min };
    if (event.key in next) {
      event.preventDefault();
      onResize(next[event.key]);
    }
  };

  return (
    <div
      className="resize-handle"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize run panel"
      aria-valuemin={min}
      aria-valuemax={max}
      aria-valuenow={height}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
