/** The tfjs backend each evaluation worker uses, with the backends it could not start. */

import { useEffect, useRef } from 'react';
import type { WorkerInfo } from '../../state/run-state';

/**
 * Closes an open `<details>` popup on a press outside it or on Escape, as menus close: left
 * open, it covered the status line and the settings beneath it.
 */
function useDismissable() {
  const ref = useRef<HTMLDetailsElement>(null);
  useEffect(() => {
    const onPointerDown = (event: PointerEvent) => {
      const details = ref.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && ref.current?.open) ref.current.open = false;
    };
    document.addEventListener('pointerdown', onPointerDown);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('pointerdown', onPointerDown);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);
  return ref;
}

export function WorkerList({ workers, fallbacks }: { workers: readonly WorkerInfo[]; fallbacks: readonly string[] }) {
  const notesRef = useDismissable();
  if (workers.length === 0 && fallbacks.length === 0) return null;
  const notes = [
    ...workers.flatMap((worker, index) => (worker.note ? [`Worker ${index + 1}: ${worker.note}`] : [])),
    ...fallbacks.map((fallback) => `Fallback: ${fallback}`),
  ];

  return (
    <div className="workers">
      <ul className="workers__list" aria-label="Workers">
        {workers.map((worker, index) => (
          <li key={index} className="workers__item">
            Worker {index + 1}: <strong>{worker.backend ?? 'starting'}</strong>
          </li>
        ))}
      </ul>
      {notes.length > 0 && (
        <details className="workers__notes" ref={notesRef}>
          <summary>
            {notes.length} backend {notes.length === 1 ? 'note' : 'notes'}
          </summary>
          <ul>
            {notes.map((note, index) => (
              <li key={index}>{note}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}
