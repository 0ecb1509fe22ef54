/** A number field bound to one numeric setting of the run configuration. */

import { useMemo } from 'react';
import { MAX_REGRESSION_SAMPLES, MIN_REGRESSION_SAMPLES, isRegressionTask } from '../../data/regression';
import { MAX_SEQUENCE_SAMPLES, MIN_SEQUENCE_SAMPLES, isSequenceTask } from '../../data/sequences';
import { MAX_TOY_SAMPLES, MIN_TOY_SAMPLES, isToyTask } from '../../data/toy';
import type { TaskId } from '../../data/types';
import { NUMERIC_FIELDS, type NumericField, type NumericPath } from '../../state/config';
import type { RunConfig } from '../../workers/run-config';
import { NumberField, sliderStops } from '../controls/NumberField';
import { useActions, useApp } from '../store-context';
import { errorForPath } from '../config-messages';

/**
 * The fields that get a slider: a step for narrow ranges, or 'stops' for wide ones, whose
 * slider steps through round values (`sliderStops`). Seeds and budgets get a text input only.
 */
const SLIDERS: Partial<Record<NumericPath, number | 'stops'>> = {
  'task.noise': 0.01,
  'task.samples': 'stops',
  'search.generations': 'stops',
  'search.population': 'stops',
  'search.modulePopulation': 'stops',
  'training.epochs': 'stops',
  workers: 1,
};

/** Returns the field's range, narrowed where the task sets a tighter one than the schema. */
export function rangeFor(path: NumericPath, taskId: TaskId): NumericField {
  const field: NumericField = NUMERIC_FIELDS[path];
  if (path !== 'task.samples') return field;
  // Each generator's own limits, so that the slider cannot reach a count the generator rejects.
  if (isToyTask(taskId)) return { ...field, min: MIN_TOY_SAMPLES, max: MAX_TOY_SAMPLES };
  if (isSequenceTask(taskId)) return { ...field, min: MIN_SEQUENCE_SAMPLES, max: MAX_SEQUENCE_SAMPLES };
  if (isRegressionTask(taskId)) return { ...field, min: MIN_REGRESSION_SAMPLES, max: MAX_REGRESSION_SAMPLES };
  return field;
}

function readPath(config: RunConfig, path: NumericPath): number {
  const [head, tail] = path.split('.');
  const section = (config as unknown as Record<string, unknown>)[head];
  return (tail === undefined ? section : (section as Record<string, unknown>)[tail]) as number;
}

/** `unit` replaces the field's own unit where a strategy names the setting otherwise. */
export function ConfigNumber({ path, disabled, unit }: { path: NumericPath; disabled?: boolean; unit?: string }) {
  const value = useApp((state) => readPath(state.config, path));
  const error = useApp((state) => errorForPath(path, state.configErrors));
  const taskId = useApp((state) => state.config.task.id);
  const { setNumber } = useActions();
  const fieldRange = rangeFor(path, taskId);
  const range = useMemo(() => (unit === undefined ? fieldRange : { ...fieldRange, unit }), [fieldRange, unit]);
  const slider = SLIDERS[path];
  const { min, max } = range;
  const stops = useMemo(() => (slider === 'stops' ? sliderStops({ min, max }) : undefined), [slider, min, max]);

  return (
    <NumberField
      range={range}
      value={value}
      sliderStep={typeof slider === 'number' ? slider : undefined}
      sliderStops={stops}
      error={error}
      disabled={disabled}
      onCommit={(next) => setNumber(path, next)}
    />
  );
}
