/**
 * The candidate set editor: which primitives of the layer registry a search may use, the
 * values each parameter may take, and the maximum chain length of the exhaustive strategy,
 * with the set's Turing equivalence stated on top. Opened from the palette and the settings.
 */

import { useMemo } from 'react';
import { candidateSetProblems } from '../../core/candidate-set';
import { MAX_DEPTH_RANGE, maxDepthOf } from '../../core/exhaustive';
import type { LayerKind } from '../../core/layers';
import { taskOf } from '../../data/tasks';
import { CANDIDATE_KINDS, setMaxDepth, setParamValues, toggleKind } from '../../state/candidate-set-edit';
import { DialogFrame } from '../controls/DialogFrame';
import { NumberField } from '../controls/NumberField';
import { paletteGroups } from '../palette/palette-groups';
import { selectRunActive } from '../run-phase';
import { useActions, useApp } from '../store-context';
import { candidateSetSummary } from './candidate-set-text';
import { KindEntry } from './KindEntry';
import { TuringStatement } from './TuringStatement';
import './candidate-set.css';

const GROUPS = paletteGroups(CANDIDATE_KINDS);
const DEPTH_RANGE = { ...MAX_DEPTH_RANGE, integer: true, label: 'Maximum depth', unit: 'layers per exhaustive chain' };

function CandidateSetEditor() {
  const set = useApp((state) => state.config.search.candidateSet);
  const task = useApp((state) => taskOf(state.config.task));
  const locked = useApp(selectRunActive);
  const { setCandidateSet } = useActions();
  const problems = useMemo(() => candidateSetProblems(set), [set]);
  const summary = useMemo(() => candidateSetSummary(set), [set]);
  const entryOf = (kind: LayerKind) => set.layers.find((entry) => entry.kind === kind);

  return (
    <div className="candidate-set">
      <TuringStatement set={set} />
      <div className="candidate-set__summary">
        <span data-testid="candidate-set-counts">{summary}</span>
        <NumberField range={DEPTH_RANGE} value={maxDepthOf(set)} disabled={locked} onCommit={(depth) => setCandidateSet(setMaxDepth(set, depth))} />
      </div>
      {locked && <p className="inspector__locked">The candidate set is locked while a search runs.</p>}
      {problems.length > 0 && (
        <ul className="candidate-set__problems" role="alert">
          {problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <div className="candidate-set__groups">
        {GROUPS.map((group) => (
          <section key={group.group} className="candidate-set__group" aria-label={group.label}>
            <h3>{group.label}</h3>
            <ul>
              {group.kinds.map((kind) => (
                <KindEntry
                  key={kind}
                  kind={kind}
                  entry={entryOf(kind)}
                  disabled={locked}
                  onToggle={(enabled) => setCandidateSet(toggleKind(set, kind, enabled, task.inputShape))}
                  onValues={(param, values) => setCandidateSet(setParamValues(set, kind, param, values))}
                />
              ))}
            </ul>
          </section>
        ))}
      </div>
    </div>
  );
}

/** Renders the button that opens the editor, showing `label` and named "Edit candidate set" for assistive technology. */
export function CandidateSetDialog({ label, className }: { label: string; className?: string }) {
  return (
    <DialogFrame
      wide
      trigger={
        <button type="button" className={className ?? 'button'} aria-label="Edit candidate set">
          {label}
        </button>
      }
      title="Candidate set"
      description="The primitives a search may place, and the values each parameter may take. Parameters with no value chosen keep their default."
    >
      <CandidateSetEditor />
    </DialogFrame>
  );
}
