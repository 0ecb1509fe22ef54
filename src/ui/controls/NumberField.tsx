/**
 * A labelled number input with an optional slider, for one numeric setting with a range.
 * Typing edits a draft that is committed on Enter or blur, so a half-typed value is never
 * clamped. A committed value outside the range is clamped, with a note under the field.
 */

import * as Slider from '@radix-ui/react-slider';
import { useId, useState, type KeyboardEvent } from 'react';

export interface NumberRange {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
  readonly label: string;
  readonly unit?: string;
}

export interface NumberFieldProps {
  readonly range: NumberRange;
  readonly value: number;
  onCommit(value: number): void;
  /** Step of the slider; no slider is shown without it or `sliderStops`. */
  readonly sliderStep?: number;
  /** Values the slider moves through, ascending, for wide ranges (see `sliderStops`); they replace `sliderStep`. */
  readonly sliderStops?: readonly number[];
  /** A problem with this field reported by the store, shown under it. */
  readonly error?: string;
  readonly disabled?: boolean;
}

/** Clamps a value into a range, rounding integers, as the store does when it accepts it. */
export function clampToRange(value: number, range: Pick<NumberRange, 'min' | 'max' | 'integer'>): number {
  const rounded = range.integer ? Math.round(value) : value;
  return Math.min(range.max, Math.max(range.min, rounded));
}

/**
 * Reads what was typed into a number field: the value to commit (null when it is not a
 * number) and a note that quotes the typed text when the value differs from it.
 */
export function readTypedNumber(typed: string, range: Pick<NumberRange, 'min' | 'max' | 'integer'>): { value: number | null; note: string | null } {
  const text = typed.trim();
  const parsed = Number(text);
  if (text === '') return { value: null, note: 'The field is empty; type a number. The value is unchanged.' };
  if (!Number.isFinite(parsed)) return { value: null, note: `"${typed}" is not a number; the value is unchanged.` };
  const value = clampToRange(parsed, range);
  if (value === parsed) return { value, note: null };
  const inside = parsed >= range.min && parsed <= range.max;
  return { value, note: inside ? `${text} is not a whole number; set to ${value}.` : `${text} is outside ${range.min} to ${range.max}; set to ${value}.` };
}

/** Significant figures of the stops above 10: 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6 and 8 in each decade. */
const MANTISSAS = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8];

/**
 * Returns the values a slider over a wide integer range moves through: every whole number up
 * to 10, then about ten round values a decade, and both ends. On a linear slider from 1 to
 * 10,000, the values people use would all sit in its first pixels.
 */
export function sliderStops(range: Pick<NumberRange, 'min' | 'max'>): number[] {
  const stops = new Set<number>([range.min, range.max]);
  for (let value = Math.max(range.min, 0); value <= Math.min(range.max, 10); value++) stops.add(value);
  for (let decade = 10; decade <= range.max; decade *= 10) {
    for (const mantissa of MANTISSAS) {
      const value = Math.round(mantissa * decade);
      if (value > range.min && value < range.max) stops.add(value);
    }
  }
  return [...stops].sort((a, b) => a - b);
}

/** Returns the index of the stop nearest to `value`, where a slider over `stops` shows it. */
export function nearestStop(stops: readonly number[], value: number): number {
  let nearest = 0;
  stops.forEach((stop, index) => {
    if (Math.abs(stop - value) < Math.abs(stops[nearest] - value)) nearest = index;
  });
  return nearest;
}

export function NumberField({ range, value, onCommit, sliderStep, sliderStops: stops, error, disabled }: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);

  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    const result = readTypedNumber(draft, range);
    setNote(result.note);
    if (result.value !== null) onCommit(result.value);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Enter') commit();
    if (event.key === 'Escape') {
      setDraft(null);
      setNote(null);
    }
  };

  const message = error ?? note;
  const messageId = `${id}-message`;
  return (
    <div className="field field--number">
      <label className="field__label" htmlFor={id}>
        {range.label}
        {range.unit && <span className="field__unit"> ({range.unit})</span>}
      </label>
      <div className="field__row">
        {stops !== undefined ? (
          <Slider.Root
            className="slider"
            min={0}
            max={stops.length - 1}
            step={1}
            value={[nearestStop(stops, value)]}
            disabled={disabled}
            onValueChange={([index]) => onCommit(stops[index])}
          >
            <Slider.Track className="slider__track">
              <Slider.Range className="slider__range" />
            </Slider.Track>
            <Slider.Thumb className="slider__thumb" aria-label={range.label} aria-valuetext={String(value)} />
          </Slider.Root>
        ) : (
          sliderStep !== undefined && (
            <Slider.Root
              className="slider"
              min={range.min}
              max={range.max}
              step={sliderStep}
              value={[value]}
              disabled={disabled}
              onValueChange={([next]) => onCommit(clampToRange(next, range))}
            >
              <Slider.Track className="slider__track">
                <Slider.Range className="slider__range" />
              </Slider.Track>
              <Slider.Thumb className="slider__thumb" aria-label={range.label} />
            </Slider.Root>
          )
        )}
        <input
          id={id}
          className="field__input"
          type="text"
          inputMode={range.integer ? 'numeric' : 'decimal'}
          value={draft ?? String(value)}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={message ? messageId : undefined}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
      </div>
      {message && (
        <p id={messageId} className={error ? 'field__error' : 'field__note'}>
          {message}
        </p>
      )}
    </div>
  );
}
