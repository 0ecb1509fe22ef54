/** The tfjs backend each evaluation worker uses, with the backends it could not start. */

import type { WorkerInfo } from '../../state/run-state';

export function WorkerList({ workers, fallbacks }: { workers: readonly WorkerInfo[]; fallbacks: readonly string[] }) {
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
        <details className="workers__notes">
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
