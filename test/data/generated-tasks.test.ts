import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { randomSplit } from '../../src/data/generated-tasks';
import { nodeAssetReader } from '../../src/data/node-assets';
import { TASKS, defaultTaskConfig, loadDataset } from '../../src/data/tasks';
import { REGRESSION_TASK_IDS, SEQUENCE_TASK_IDS } from '../../src/data/types';
import { classCounts, rowKeys } from './checks';

const reader = nodeAssetReader();

describe.each([...SEQUENCE_TASK_IDS, ...REGRESSION_TASK_IDS])('loadDataset on generated task %s', (id) => {
  const config = { ...defaultTaskConfig(id), samples: 500 };

  it('matches its registry entry', async () => {
    const dataset = await loadDataset(config, reader);
    const width = TASKS[id].inputShape.reduce((a, b) => a * b, 1);
    expect(dataset.kind).toBe(TASKS[id].kind);
    expect(dataset.inputShape).toEqual(TASKS[id].inputShape);
    expect(dataset.outputUnits).toBe(TASKS[id].outputUnits);
    expect(dataset.train.x.length).toBe(dataset.train.count * width);
    expect(dataset.train.y.length).toBe(dataset.train.count * (dataset.kind === 'classification' ? 1 : dataset.outputUnits));
  });

  it('splits 60/20/20 without sharing rows', async () => {
    const dataset = await loadDataset(config, reader);
    expect([dataset.train.count, dataset.validation.count, dataset.test.count]).toEqual([300, 100, 100]);
    // Short parity and bracket strings repeat by chance, so only tasks with continuous values can show that no row is shared.
    if (TASKS[id].kind === 'regression') {
      const train = new Set(rowKeys(dataset.train));
      expect(rowKeys(dataset.test).filter((key) => train.has(key))).toEqual([]);
    }
  });

  it('repeats for a seed and changes with it', async () => {
    const first = await loadDataset(config, reader);
    const again = await loadDataset(config, reader);
    const other = await loadDataset({ ...config, seed: 2 }, reader);
    expect(again.validation.x).toEqual(first.validation.x);
    expect(other.validation.x).not.toEqual(first.validation.x);
  });
});

describe('generated task splits', () => {
  it('keeps the classes of parity balanced in every split', async () => {
    const dataset = await loadDataset({ ...defaultTaskConfig('parity'), samples: 500 }, reader);
    expect(classCounts(dataset.train, 2)).toEqual([150, 150]);
    expect(classCounts(dataset.validation, 2)).toEqual([50, 50]);
    expect(classCounts(dataset.test, 2)).toEqual([50, 50]);
  });

  it('randomSplit covers every row once', () => {
    const split = randomSplit(101, { validation: 0.2, test: 0.2 }, new Rng(1));
    expect([split.train.length, split.validation.length, split.test.length]).toEqual([61, 20, 20]);
    expect(new Set([...split.train, ...split.validation, ...split.test]).size).toBe(101);
  });
});
