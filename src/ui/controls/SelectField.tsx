/** A labelled drop-down built on Radix Select; the trigger is a combobox named by the label. */

import * as Select from '@radix-ui/react-select';
import { useId } from 'react';

export interface SelectOption<T extends string> {
  readonly value: T;
  readonly label: string;
  /** Shown under the label in the open list. */
  readonly hint?: string;
}

export interface SelectFieldProps<T extends string> {
  readonly label: string;
  readonly value: T;
  readonly options: readonly SelectOption<T>[];
  onChange(value: T): void;
  readonly disabled?: boolean;
  readonly className?: string;
}

export function SelectField<T extends string>({ label, value, options, onChange, disabled, className }: SelectFieldProps<T>) {
  const id = useId();
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <Select.Root value={value} onValueChange={(next) => onChange(next as T)} disabled={disabled}>
        <Select.Trigger id={id} className="select__trigger">
          <Select.Value />
          <Select.Icon className="select__icon">▾</Select.Icon>
        </Select.Trigger>
        <Select.Portal>
          <Select.Content className="select__content" position="popper" sideOffset={4}>
            <Select.Viewport>
              {options.map((option) => (
                <Select.Item key={option.value} value={option.value} className="select__item">
                  <Select.ItemText>{option.label}</Select.ItemText>
                  {option.hint && <span className="select__hint">{option.hint}</span>}
                </Select.Item>
              ))}
            </Select.Viewport>
          </Select.Content>
        </Select.Portal>
      </Select.Root>
    </div>
  );
}
