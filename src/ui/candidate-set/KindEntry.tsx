/** One layer kind in the candidate set editor: a checkbox to include it, and its parameter values when included. */

import { useId } from 'react';
import { LAYERS, type LayerKind, type ParamValue } from '../../core/layers';
import type { CandidateLayer } from '../../core/strategy';
import { kindCountText } from './candidate-set-text';
import { ParamValues } from './ParamValues';

interface KindEntryProps {
  readonly kind: LayerKind;
  /** The kind's entry in the set, or undefined when it is not included. */
  readonly entry: CandidateLayer | undefined;
  readonly disabled: boolean;
  onToggle(enabled: boolean): void;
  onValues(param: string, values: ParamValue[]): void;
}

export function KindEntry({ kind, entry, disabled, onToggle, onValues }: KindEntryProps) {
  const id = useId();
  const spec = LAYERS[kind];
  const params = Object.entries(spec.params);
  return (
    <li className={entry ? 'kind-entry kind-entry--on' : 'kind-entry'} data-kind={kind}>
      <div className="kind-entry__head">
        <input id={id} type="checkbox" checked={entry !== undefined} disabled={disabled} onChange={(event) => onToggle(event.target.checked)} />
        <label htmlFor={id} className="kind-entry__name" title={spec.description}>
          {spec.label}
        </label>
        {entry && <span className="kind-entry__count">{kindCountText(kind, entry)}</span>}
      </div>
      {entry && params.length > 0 && (
        <div className="kind-entry__params">
          {params.map(([name, paramSpec]) => (
            <ParamValues
              key={name}
              kind={kind}
              kindLabel={spec.label}
              name={name}
              spec={paramSpec}
              values={entry.params[name]}
              disabled={disabled}
              onChange={(values) => onValues(name, values)}
            />
          ))}
        </div>
      )}
    </li>
  );
}
