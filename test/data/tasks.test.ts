import { describe, expect, it } from 'vitest';
import { nodeAssetReader } from '../../src/data/node-assets';
import { TASKS, defaultTaskConfig, loadDataset } from '../../src/data/tasks';
import { TOY_TASKS } from '../../src/data/toy';
import { TASK_IDS, type TaskConfig } from '../../src/data/types';
import { classCounts, rowKeys, sameFloats } from './checks';

const reader = nodeAssetReader();

describe('TASKS', () => {
  it('lists every task id once', () => {
    expect(Object.keys(TASKS).sort()).toEqual([...TASK_IDS].sort());
  });

  it.each(TASK_IDS)('entry %s is complete', (id) => {
    const task = TASKS[id];
    expect(task.id).toBe(id);
    expect(task.name.length).toBeGreaterThan(0);
    expect(task.description.length).toBeGreaterThan(0);
    expect(task.source.length).toBeGreaterThan(0);
    expect(task.licence.length).toBeGreaterThan(0);
    if (task.kind === 'classification') {
      expect(task.classes.length).toBeGreaterThanOrEqual(2);
      expect(task.outputUnits).toBe(task.classes.length);
    } else {
      expect(task.kind).toBe('regression');
      expect(task.classes).toEqual([]);
      expect(task.outputUnits).toBeGreaterThanOrEqual(1);
    }
    expect(task.inputShape.every((side) => Number.isInteger(side) && side > 0)).toBe(true);
  });

  it('gives the data licences', () => {
    expect(TASKS.iris.licence).toMatch(/CC BY 4\.0/);
    expect(TASKS.mnist.licence).toMatch(/CC BY-SA 3\.0/);
  });
});

describe('defaultTaskConfig', () => {
  it.each(TASK_IDS)('%s uses the registry defaults', (id) => {
    const config = defaultTaskConfig(id);
    expect(config).toEqual({ id, samples: TASKS[id].defaultSamples, noise: TASKS[id].defaultNoise, seed: 1 });
  });

  it('rejects an unknown id', () => {
    expect(() => defaultTaskConfig('cifar' as never)).toThrow(/Unknown task "cifar"; the tasks are spiral, circles/);
  });
});

describe.each(TOY_TASKS)('loadDataset on toy set %s', (id) => {
  const config = defaultTaskConfig(id);

  it('matches its registry entry', async () => {
    const dataset = await loadDataset(config, reader);
    expect(dataset.task).toBe(id);
    expect(dataset.inputShape).toEqual(TASKS[id].inputShape);
    expect(dataset.outputUnits).toBe(TASKS[id].classes.length);
    expect(dataset.train.x.length).toBe(dataset.train.count * 2);
  });

  it('splits 60/20/20 with balanced classes', async () => {
    const dataset = await loadDataset({ ...config, samples: 500 }, reader);
    expect(classCounts(dataset.train, 2)).toEqual([150, 150]);
    expect(classCounts(dataset.validation, 2)).toEqual([50, 50]);
    expect(classCounts(dataset.test, 2)).toEqual([50, 50]);
  });

  it('puts no point in two splits', async () => {
    const dataset = await loadDataset(config, reader);
    const keys = [dataset.train, dataset.validation, dataset.test].flatMap(rowKeys);
    expect(new Set(keys).size).toBe(config.samples);
  });

  it('repeats for a seed and changes with it', async () => {
    const first = await loadDataset(config, reader);
    const again = await loadDataset(config, reader);
    const other = await loadDataset({ ...config, seed: 2 }, reader);
    expect(sameFloats(again.train.x, first.train.x)).toBe(true);
    expect(sameFloats(again.test.y, first.test.y)).toBe(true);
    expect(sameFloats(other.train.x, first.train.x)).toBe(false);
  });
});

describe('loadDataset on shipped sets', () => {
  it('loads iris with the registry shape', async () => {
    const iris = await loadDataset(defaultTaskConfig('iris'), reader);
    expect(iris.inputShape).toEqual(TASKS.iris.inputShape);
    expect(iris.outputUnits).toBe(3);
    expect(iris.train.count + iris.validation.count + iris.test.count).toBe(TASKS.iris.defaultSamples);
  });

  it('loads mnist with the registry shape', async () => {
    const mnist = await loadDataset(defaultTaskConfig('mnist'), reader);
    expect(mnist.inputShape).toEqual(TASKS.mnist.inputShape);
    expect(mnist.outputUnits).toBe(10);
    expect(mnist.train.count + mnist.validation.count + mnist.test.count).toBe(TASKS.mnist.defaultSamples);
  });
});

describe('loadDataset config checks', () => {
  const invalid: [string, Partial<TaskConfig>, RegExp][] = [
    ['a negative seed', { seed: -1 }, /The task seed must be an integer from 0 to 4294967295, got -1\./],
    ['a fractional seed', { seed: 1.5 }, /got 1\.5/],
    ['a seed past 32 bits', { seed: 2 ** 32 }, /got 4294967296/],
    ['too few samples', { samples: 5 }, /The spiral set needs an integer sample count from 20 to 20000, got 5\./],
    ['too much noise', { noise: 0.7 }, /The spiral set needs noise from 0 to 0\.5, got 0\.7\./],
  ];
  it.each(invalid)('rejects %s', async (_case, change, message) => {
    await expect(loadDataset({ ...defaultTaskConfig('spiral'), ...change }, reader)).rejects.toThrow(message);
  });

  it('rejects an unknown task', async () => {
    const config = { ...defaultTaskConfig('spiral'), id: 'cifar' } as unknown as TaskConfig;
    await expect(loadDataset(config, reader)).rejects.toThrow(/Unknown task "cifar"/);
  });
});
