/** A number field bound to one numeric setting of the run configuration. */

import { MAX_TOY_SAMPLES, MIN_TOY_SAMPLES, isToyTask } from '../../data/toy';
import type { TaskId } from '../../data/types';
import { NUMERIC_FIELDS, type NumericField, type NumericPath } from '../../state/config';
import type { RunConfig } from '../../workers/run-config';
import { NumberField } from '../controls/NumberField';
import { useActions, useApp } from '../store-context';
import { errorForPath } from '../config-messages';

/** Slider steps of the fields that get a slider. Wide ranges and seeds get a text input only. */
const SLIDER_STEPS: Partial<Record<NumericPath, number>> = {
  'task.noise': 0.01,
  'task.samples': 20,
  'search.generations': 1,
  'search.population': 1,
  'search.modulePopulation': 1,
  'training.epochs': 1,
  workers: 1,
};

/** Returns the field's range, narrowed where the task sets a tighter one than the schema. */
function rangeFor(path: NumericPath, taskId: TaskId): NumericField {
  const field: NumericField = NUMERIC_FIELDS[path];
  if (path === 'task.samples' && isToyTask(taskId)) return { ...field, min: MIN_TOY_SAMPLES, max: MAX_TOY_SAMPLES };
  return field;
}

function readPath(config: RunConfig, path: NumericPath): number {
  const [head, tail] = path.split('.');
  const section = (config as unknown as Record<string, unknown>)[head];
  return (tail === undefined ? section : (section as Record<string, unknown>)[tail]) as number;
}

export function ConfigNumber({ path, disabled }: { path: NumericPath; disabled?: boolean }) {
  const value = useApp((state) => readPath(state.config, path));
  const error = useApp((state) => errorForPath(path, state.configErrors));
  const taskId = useApp((state) => state.config.task.id);
  const { setNumber } = useActions();

  return (
    <NumberField
      range={rangeFor(path, taskId)}
      value={value}
      sliderStep={SLIDER_STEPS[path]}
      error={error}
      disabled={disabled}
      onCommit={(next) => setNumber(path, next)}
    />
  );
}
