/**
 * A visible alert for settings the store rejected (each naming its field) and for a search
 * that failed, with the reason.
 */

import { labelConfigError } from './config-messages';
import { useApp } from './store-context';

export function ErrorAlert() {
  const configErrors = useApp((state) => state.configErrors);
  const failure = useApp((state) => (state.run.phase === 'finished' && state.run.outcome === 'failed' ? (state.run.message ?? 'no reason was given') : null));

  if (configErrors.length === 0 && failure === null) return null;
  return (
    <div className="alert" role="alert">
      {configErrors.length > 0 && (
        <>
          <p className="alert__title">The settings cannot start a search:</p>
          <ul>
            {configErrors.map((message, index) => (
              <li key={index}>{labelConfigError(message)}</li>
            ))}
          </ul>
        </>
      )}
      {failure !== null && <p className="alert__title">The search failed: {failure}</p>}
    </div>
  );
}
