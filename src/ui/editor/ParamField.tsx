/** One layer parameter as a form field, chosen by its registry spec: number, drop-down or switch. */

import * as Switch from '@radix-ui/react-switch';
import { useId } from 'react';
import type { ParamSpec, ParamValue } from '../../core/layers';
import { NumberField } from '../controls/NumberField';
import { SelectField } from '../controls/SelectField';

/** Integer ranges up to this wide get a slider beside the text input. */
const SLIDER_SPAN = 16;

export interface ParamFieldProps {
  readonly spec: ParamSpec;
  readonly value: ParamValue;
  onCommit(value: ParamValue): void;
  readonly error?: string;
}

export function ParamField({ spec, value, onCommit, error }: ParamFieldProps) {
  const id = useId();
  switch (spec.type) {
    case 'int':
      return (
        <NumberField
          range={{ min: spec.min, max: spec.max, integer: true, label: spec.label, unit: spec.unit }}
          value={Number(value)}
          sliderStep={spec.max - spec.min <= SLIDER_SPAN ? 1 : undefined}
          error={error}
          onCommit={onCommit}
        />
      );
    case 'float':
      return (
        <NumberField
          range={{ min: spec.min, max: spec.max, integer: false, label: spec.label }}
          value={Number(value)}
          sliderStep={spec.step}
          error={error}
          onCommit={onCommit}
        />
      );
    case 'enum':
      return (
        <SelectField
          label={spec.label}
          value={String(value)}
          options={spec.values.map((option) => ({ value: option, label: option }))}
          onChange={onCommit}
        />
      );
    case 'bool':
      return (
        <div className="field field--inline">
          <label className="field__label" htmlFor={id}>
            {spec.label}
          </label>
          <Switch.Root id={id} className="switch" checked={Boolean(value)} onCheckedChange={onCommit}>
            <Switch.Thumb className="switch__thumb" />
          </Switch.Root>
        </div>
      );
  }
}
