/** The candidate set in the search settings: its kinds, its Turing equivalence and the button that opens the editor. */

import { LAYERS } from '../../core/layers';
import { CandidateSetDialog } from '../candidate-set/CandidateSetDialog';
import { TuringStatement } from '../candidate-set/TuringStatement';
import { useApp } from '../store-context';

export function CandidateSetSummary() {
  const set = useApp((state) => state.config.search.candidateSet);
  const kinds = set.layers.map((entry) => LAYERS[entry.kind]?.label ?? entry.kind).join(', ');
  return (
    <div className="candidate-summary">
      <div className="candidate-summary__head">
        <span className="field__label">Candidate set</span>
        <CandidateSetDialog label="Edit…" className="button button--tool" />
      </div>
      <p className="inspector__hint candidate-summary__kinds">{kinds || 'empty: the search has nothing to place'}</p>
      <TuringStatement set={set} compact />
    </div>
  );
}
