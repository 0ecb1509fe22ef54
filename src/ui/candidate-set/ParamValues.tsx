/**
 * The values one parameter of a candidate kind may take: toggles for a choice (activation,
 * padding, return sequences), a typed list for numbers (units, filters, rates). No value
 * chosen means the registry default.
 */

import { useId, useState, type KeyboardEvent } from 'react';
import type { LayerKind, ParamSpec, ParamValue } from '../../core/layers';
import { choicesOf, formatValueList, parseValueList } from '../../state/candidate-set-edit';

interface ParamValuesProps {
  readonly kind: LayerKind;
  readonly kindLabel: string;
  readonly name: string;
  readonly spec: ParamSpec;
  readonly values: readonly ParamValue[] | undefined;
  readonly disabled: boolean;
  onChange(values: ParamValue[]): void;
}

function choiceLabel(value: ParamValue): string {
  if (typeof value !== 'boolean') return String(value);
  return value ? 'yes' : 'no';
}

function ChoiceToggles({ kindLabel, spec, values, disabled, onChange, choices }: ParamValuesProps & { choices: readonly ParamValue[] }) {
  const chosen = values ?? [];
  const toggle = (value: ParamValue) =>
    onChange(chosen.includes(value) ? chosen.filter((entry) => entry !== value) : choices.filter((entry) => entry === value || chosen.includes(entry)));
  return (
    <div className="param-values__choices" role="group" aria-label={`${kindLabel} ${spec.label.toLowerCase()}`}>
      {choices.map((value) => (
        <button
          key={String(value)}
          type="button"
          className="chip"
          aria-pressed={chosen.includes(value)}
          disabled={disabled}
          onClick={() => toggle(value)}
        >
          {choiceLabel(value)}
        </button>
      ))}
    </div>
  );
}

function NumberList({ kindLabel, spec, values, disabled, onChange }: ParamValuesProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const commit = () => {
    if (draft === null) return;
    const parsed = parseValueList(draft, spec);
    setDraft(null);
    if (!parsed.ok) {
      setError(parsed.error);
      return;
    }
    setError(null);
    onChange(parsed.values);
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
    if (event.key === 'Escape') setDraft(null);
  };
  const range = spec.type === 'int' || spec.type === 'float' ? `${spec.min} to ${spec.max}` : '';
  return (
    <>
      <input
        id={id}
        className="field__input param-values__list"
        type="text"
        aria-label={`${kindLabel} ${spec.label.toLowerCase()}`}
        placeholder={`default ${String(spec.default)}`}
        title={`Values from ${range}, separated by commas; empty keeps the default`}
        value={draft ?? formatValueList(values)}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        onChange={(event) => setDraft(event.target.value)}
        onBlur={commit}
        onKeyDown={onKeyDown}
      />
      {error && <p className="field__error param-values__error">{error}</p>}
    </>
  );
}

export function ParamValues(props: ParamValuesProps) {
  const choices = choicesOf(props.spec);
  return (
    <div className="param-values">
      <span className="param-values__label">{props.spec.label}</span>
      {choices ? <ChoiceToggles {...props} choices={choices} /> : <NumberList {...props} />}
      {choices && (props.values ?? []).length === 0 && <span className="param-values__default">default: {choiceLabel(props.spec.default)}</span>}
    </div>
  );
}
