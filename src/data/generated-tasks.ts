/**
 * Data sets of the generated sequence and regression tasks: the examples drawn from the
 * task seed, then split into training, validation and test rows from a second seed.
 */

import { Rng, deriveSeed } from '../core/rng';
import { generateRegressionSet, type RegressionTaskId } from './regression';
import { generateSequenceSet, type SequenceTaskId } from './sequences';
import { SIXTY_TWENTY_TWENTY, selectRows, stratifiedSplit, type SplitFractions, type SplitIndices } from './split';
import type { Dataset, TaskConfig, TaskKind } from './types';

/** The registry entry of a generated task, as far as the builder needs it. */
export interface GeneratedTaskInfo {
  readonly name: string;
  readonly kind: TaskKind;
  readonly inputShape: readonly number[];
  readonly classes: readonly string[];
  readonly outputUnits: number;
}

/**
 * Splits `count` rows at random: `round(count · validation)` go to validation,
 * `round(count · test)` to test and the rest to training, each split in a seeded order.
 */
export function randomSplit(count: number, fractions: SplitFractions, rng: Rng): SplitIndices {
  const rows = rng.shuffle(Array.from({ length: count }, (_, i) => i));
  const validationCount = Math.round(count * fractions.validation);
  const testCount = Math.round(count * fractions.test);
  return {
    validation: rows.slice(0, validationCount),
    test: rows.slice(validationCount, validationCount + testCount),
    train: rows.slice(validationCount + testCount),
  };
}

/**
 * Builds a sequence task's data set. Classification tasks are split by class, so each
 * split keeps the classes balanced; the adding problem is split at random.
 */
export function generateSequenceDataset(id: SequenceTaskId, config: TaskConfig, info: GeneratedTaskInfo): Dataset {
  const examples = generateSequenceSet(id, config.samples, new Rng(deriveSeed(config.seed, 'sequence', id)));
  const splitRng = new Rng(deriveSeed(config.seed, 'split', id));
  const indices =
    info.kind === 'classification'
      ? stratifiedSplit(examples.y, info.classes.length, SIXTY_TWENTY_TWENTY, splitRng)
      : randomSplit(examples.count, SIXTY_TWENTY_TWENTY, splitRng);
  return assemble(id, info, examples, indices);
}

/** Builds a regression task's data set, split at random. */
export function generateRegressionDataset(id: RegressionTaskId, config: TaskConfig, info: GeneratedTaskInfo): Dataset {
  const examples = generateRegressionSet(id, config.samples, config.noise, new Rng(deriveSeed(config.seed, 'regression', id)));
  const indices = randomSplit(examples.count, SIXTY_TWENTY_TWENTY, new Rng(deriveSeed(config.seed, 'split', id)));
  return assemble(id, info, examples, indices);
}

function assemble(id: Dataset['task'], info: GeneratedTaskInfo, examples: Dataset['train'], indices: SplitIndices): Dataset {
  return {
    task: id,
    name: info.name,
    kind: info.kind,
    inputShape: info.inputShape,
    outputUnits: info.outputUnits,
    classNames: info.kind === 'classification' ? info.classes : undefined,
    train: selectRows(examples, indices.train),
    validation: selectRows(examples, indices.validation),
    test: selectRows(examples, indices.test),
  };
}
