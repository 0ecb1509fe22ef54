/**
 * A labelled drop-down built on Radix Select; the trigger is a combobox named by the label.
 * Options that name a group are listed under its heading, groups in first-appearance order.
 */

import * as Select from '@radix-ui/react-select';
import { useId } from 'react';
import './select-groups.css';

export interface SelectOption<T extends string> {
  readonly value: T;
  readonly label: string;
  /** Shown under the label in the open list. */
  readonly hint?: string;
  /** Heading the option is listed under. */
  readonly group?: string;
}

/** Splits options into runs under their group headings, keeping first-appearance order. */
export function groupOptions<T extends string>(options: readonly SelectOption<T>[]): { group: string | undefined; options: SelectOption<T>[] }[] {
  const groups: { group: string | undefined; options: SelectOption<T>[] }[] = [];
  for (const option of options) {
    const existing = groups.find((entry) => entry.group === option.group);
    if (existing) existing.options.push(option);
    else groups.push({ group: option.group, options: [option] });
  }
  return groups;
}

function OptionItem<T extends string>({ option }: { option: SelectOption<T> }) {
  return (
    <Select.Item value={option.value} className="select__item">
      <Select.ItemText>{option.label}</Select.ItemText>
      {option.hint && <span className="select__hint">{option.hint}</span>}
    </Select.Item>
  );
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
        <Select.Trigger id={id} className="select__trigger" title={options.find((option) => option.value === value)?.label}>
          <Select.Value />
          <Select.Icon className="select__icon">▾</Select.Icon>
        </Select.Trigger>
        <Select.Portal>
          <Select.Content className="select__content" position="popper" sideOffset={4}>
            <Select.Viewport>
              {groupOptions(options).map(({ group, options: members }) =>
                group === undefined ? (
                  members.map((option) => <OptionItem key={option.value} option={option} />)
                ) : (
                  <Select.Group key={group}>
                    <Select.Label className="select__group">{group}</Select.Label>
                    {members.map((option) => (
                      <OptionItem key={option.value} option={option} />
                    ))}
                  </Select.Group>
                ),
              )}
            </Select.Viewport>
          </Select.Content>
        </Select.Portal>
      </Select.Root>
    </div>
  );
}
