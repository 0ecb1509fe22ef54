/**
 * Whether the candidate set is Turing-equivalent in the sense of Siegelmann and Sontag
 * (1995), with the reason, and the rule explained in a dialog one click away.
 */

import { useMemo } from 'react';
import { TURING_EXPLANATION, turingEquivalence } from '../../core/turing';
import type { CandidateSet } from '../../core/strategy';
import { DialogFrame } from '../controls/DialogFrame';
import './candidate-set.css';

function TuringExplanation({ missing }: { missing: readonly string[] }) {
  return (
    <DialogFrame
      trigger={
        <button type="button" className="button button--tool turing__why">
          Why?
        </button>
      }
      title="Turing equivalence of a candidate set"
      description="What the rule checks, and what it does not promise."
    >
      <p className="turing__explanation">{TURING_EXPLANATION}</p>
      {missing.length > 0 && (
        <>
          <p className="turing__explanation">To make this set Turing-equivalent, add:</p>
          <ul className="turing__missing">
            {missing.map((entry) => (
              <li key={entry}>{entry}</li>
            ))}
          </ul>
        </>
      )}
      <p className="turing__source">
        H. T. Siegelmann and E. D. Sontag, “On the computational power of neural nets”, Journal of Computer and System Sciences 50(1), 1995.
      </p>
    </DialogFrame>
  );
}

export function TuringStatement({ set, compact }: { set: CandidateSet; compact?: boolean }) {
  const verdict = useMemo(() => turingEquivalence(set), [set]);
  return (
    <div className={verdict.equivalent ? 'turing turing--yes' : 'turing turing--no'} data-testid="turing-statement" data-equivalent={verdict.equivalent}>
      <p className="turing__verdict">
        {/* A fact about the candidate set, not a fault: most tasks need no recurrence, so "no" gets no cross, and no dash that reads as a minus either. */}
        {verdict.equivalent && (
          <span className="turing__mark" aria-hidden="true">
            ✓
          </span>
        )}
        <strong>{verdict.equivalent ? 'Turing-equivalent' : 'Not Turing-equivalent'}</strong>
        <TuringExplanation missing={verdict.missing} />
      </p>
      {!compact && <p className="turing__reason">{verdict.reason}</p>}
      {compact && <span className="visually-hidden">{verdict.reason}</span>}
    </div>
  );
}
