import { afterEach, describe, expect, it } from 'vitest';
import { analyzeGenome } from '../../src/core/genome';
import { dataFileCsv } from '../../src/data/data-file';
import { TASKS, clearDataFile, loadDataset, loadedDataFile, setDataFile, taskOf } from '../../src/data/tasks';
import { defaultRunConfig, parseRunConfig } from '../../src/state/config';
import { starterGenome } from '../../src/state/starter';
import { shapeContextOf } from '../../src/state/graph-context';
import { IDLE_RUN } from '../../src/state/run-state';
import { createAppStore } from '../../src/state/store';
import { poolKey } from '../../src/workers/pool-keeper';

const idleEnvironment = {
  readAsset: () => Promise.reject(new Error('a data file needs no assets')),
  workerFactory: () => {
    throw new Error('these tests start no workers');
  },
};

/** Rows of `features` features in `classes` classes: 30 training rows and 9 test rows. */
function csv(features: number, classes: number): string {
  const row = (i: number) => Array.from({ length: features }, (_, j) => (i * (j + 1)) % 7);
  const label = (i: number) => `class ${i % classes}`;
  const train = Array.from({ length: 30 }, (_, i) => i);
  const test = Array.from({ length: 9 }, (_, i) => i + 30);
  return dataFileCsv(
    Array.from({ length: features }, (_, j) => `f${j}`),
    [
      { split: 'train', x: train.map(row), labels: train.map(label) },
      { split: 'test', x: test.map(row), labels: test.map(label) },
    ],
  );
}

/** y = 500 + 40 a - 30 b over 30 training and 9 test rows: a regression file. */
function regressionCsv(): string {
  const lines = Array.from({ length: 39 }, (_, i) => `${i % 7},${(i * 3) % 5},${500 + 40 * (i % 7) - 30 * ((i * 3) % 5)},${i < 30 ? 'train' : 'test'}`);
  return `a,b,target,split\n${lines.join('\n')}\n`;
}

afterEach(() => clearDataFile());

describe('data-file task in the store', () => {
  it('switches to the file and its shapes', () => {
    const store = createAppStore(idleEnvironment);
    const problem = store.getState().actions.loadDataFile({ name: 'plants.csv', text: csv(3, 3) });

    expect(problem).toBeNull();
    const { config, graph, dataFile } = store.getState();
    expect(config.task.id).toBe('custom');
    expect(dataFile).toEqual({ name: 'plants.csv' });
    expect(shapeContextOf(config)).toEqual({ inputShape: [3], outputUnits: 3 });
    expect(TASKS.custom.name).toBe('Data file: plants.csv');
    expect(TASKS.custom.description).toBe('30 training and 9 test rows of 3 features and 3 classes, from plants.csv.');
    expect(TASKS.custom.classes).toEqual(['class 0', 'class 1', 'class 2']);
    expect(analyzeGenome(graph, shapeContextOf(config)).valid).toBe(true);
    expect(config.task.file).toBe('plants.csv');
  });

  it('rejects another file\'s rows', async () => {
    const store = createAppStore(idleEnvironment);
    store.getState().actions.loadDataFile({ name: 'plants.csv', text: csv(3, 3) });
    const task = { ...store.getState().config.task, file: 'trees.csv' };

    await expect(loadDataset(task, idleEnvironment.readAsset)).rejects.toThrow(
      'This setup was made on the data file "trees.csv", but "plants.csv" is loaded. Choose "trees.csv" under Task first.',
    );
  });

  it('splits by the task seed', async () => {
    const store = createAppStore(idleEnvironment);
    store.getState().actions.loadDataFile({ name: 'plants.csv', text: csv(3, 3) });
    const task = store.getState().config.task;

    const first = await loadDataset(task, idleEnvironment.readAsset);
    const reseeded = await loadDataset({ ...task, seed: 2 }, idleEnvironment.readAsset);
    expect(first.train.count + first.validation.count).toBe(30);
    expect(first.test.count).toBe(9);
    expect(Array.from(reseeded.validation.x)).not.toEqual(Array.from(first.validation.x));
  });

  it('leaves a malformed file unloaded', () => {
    const store = createAppStore(idleEnvironment);
    store.getState().actions.loadDataFile({ name: 'plants.csv', text: csv(3, 3) });
    const before = store.getState().config;
    const broken = csv(2, 2).replace(/\n(.*?),/, '\nseven,');

    const problem = store.getState().actions.loadDataFile({ name: 'broken.csv', text: broken });

    expect(problem).toMatch(/^broken\.csv line 2, field "f0": "seven" is not a finite number\. .*remove the column "f0"\.$/);
    expect(store.getState().config).toBe(before);
    expect(loadedDataFile()?.name).toBe('plants.csv');
    expect(shapeContextOf(before)).toEqual({ inputShape: [3], outputUnits: 3 });
  });

  it('drops results for another file', () => {
    const store = createAppStore(idleEnvironment);
    store.getState().actions.loadDataFile({ name: 'plants.csv', text: csv(3, 3) });
    const firstKey = poolKey(store.getState().config);
    store.setState({ run: { ...IDLE_RUN, phase: 'finished', outcome: 'completed', runId: 'run-1' } });

    store.getState().actions.loadDataFile({ name: 'other.csv', text: csv(5, 2) });

    expect(store.getState().run).toBe(IDLE_RUN);
    expect(shapeContextOf(store.getState().config)).toEqual({ inputShape: [5], outputUnits: 2 });
    expect(poolKey(store.getState().config)).not.toBe(firstKey);
  });

  it('keeps the settings for another file', () => {
    const store = createAppStore(idleEnvironment);
    const { actions } = store.getState();
    actions.loadDataFile({ name: 'plants.csv', text: csv(3, 3) });
    actions.setNumber('training.epochs', 7);
    actions.setNumber('task.seed', 5);

    actions.loadDataFile({ name: 'other.csv', text: csv(3, 3) });

    expect(store.getState().config.training.epochs).toBe(7);
    expect(store.getState().config.task.seed).toBe(5);
  });

  it('keeps a link\'s settings', () => {
    const store = createAppStore(idleEnvironment);
    const { actions } = store.getState();
    // A link that names the data-file task opens on it with its own settings, before any file.
    actions.setTask('custom');
    actions.setNumber('training.epochs', 7);

    actions.loadDataFile({ name: 'plants.csv', text: csv(3, 3) });

    expect(store.getState().config.training.epochs).toBe(7);
  });

  it('names the fix for a long name', () => {
    const store = createAppStore(idleEnvironment);
    const name = `${'a'.repeat(250)}.csv`;
    const problem = store.getState().actions.loadDataFile({ name, text: csv(3, 3) });

    expect(problem).toBe('The file name is 254 characters long, above the 200 a setup can keep; rename the file to a shorter name and load it again.');
    // The file was not loaded, so the task and its rows stay as they were.
    expect(store.getState().config.task.id).toBe('spiral');
    expect(loadedDataFile()).toBeNull();
  });

  it('names the fix without a file', async () => {
    const store = createAppStore(idleEnvironment);
    store.getState().actions.setTask('custom');

    expect(store.getState().dataFile).toBeNull();
    await expect(loadDataset(store.getState().config.task, idleEnvironment.readAsset)).rejects.toThrow(/No data file is loaded .*choose "Data file…" under Task/);
  });

  it('reads a target column as regression', async () => {
    const store = createAppStore(idleEnvironment);
    const problem = store.getState().actions.loadDataFile({ name: 'prices.csv', text: regressionCsv() });

    expect(problem).toBeNull();
    const { config, graph } = store.getState();
    expect(TASKS.custom.kind).toBe('regression');
    expect(TASKS.custom.description).toBe('30 training and 9 test rows of 2 features and a number to predict, from prices.csv.');
    expect(shapeContextOf(config)).toEqual({ inputShape: [2], outputUnits: 1 });
    expect(analyzeGenome(graph, shapeContextOf(config)).valid).toBe(true);
    const dataset = await loadDataset(config.task, idleEnvironment.readAsset);
    expect(dataset.kind).toBe('regression');
    expect(dataset.targetScaling?.mean).toBeGreaterThan(400);
  });

  it('leaves a seed-dependent check to the search', async () => {
    // Two of ten training targets differ, so some data seeds set aside two rows of target 0 for validation.
    const lines = Array.from({ length: 10 }, (_, i) => `${i},${i < 2 ? 1 : 0},train`);
    const text = `x,target,split\n${lines.join('\n')}\n1,0,test\n2,1,test\n`;
    const store = createAppStore(idleEnvironment);

    expect(store.getState().actions.loadDataFile({ name: 'few.csv', text })).toBeNull();
    const task = store.getState().config.task;
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((seed) => loadDataset({ ...task, seed }, idleEnvironment.readAsset).then(() => 'ok', (error: Error) => error.message)));
    // Each seed either splits the rows or names the fix; the file loaded whatever the seed.
    expect(outcomes).toContain('ok');
    expect(outcomes.find((outcome) => outcome !== 'ok')).toMatch(/all have the target 0, so R² cannot rank networks on them; add training rows with other targets, or choose another data seed\./);
  });

  it('switches from regression back to classes', () => {
    const store = createAppStore(idleEnvironment);
    store.getState().actions.loadDataFile({ name: 'prices.csv', text: regressionCsv() });

    store.getState().actions.loadDataFile({ name: 'plants.csv', text: csv(3, 3) });

    expect(TASKS.custom.kind).toBe('classification');
    expect(shapeContextOf(store.getState().config)).toEqual({ inputShape: [3], outputUnits: 3 });
    expect(analyzeGenome(store.getState().graph, shapeContextOf(store.getState().config)).valid).toBe(true);
  });

  it('records the file\'s shape in the config', () => {
    const store = createAppStore(idleEnvironment);
    store.getState().actions.loadDataFile({ name: 'prices.csv', text: regressionCsv() });
    expect(store.getState().config.task.fileShape).toEqual({ kind: 'regression', features: 2, outputs: 1 });

    store.getState().actions.loadDataFile({ name: 'plants.csv', text: csv(3, 3) });
    expect(store.getState().config.task.fileShape).toEqual({ kind: 'classification', features: 3, outputs: 3 });
  });
});

describe('recorded data-file shape', () => {
  const custom = defaultRunConfig('custom');
  const linked = { ...custom, task: { ...custom.task, file: 'prices.csv', fileShape: { kind: 'regression' as const, features: 2, outputs: 1 } } };

  it('shapes networks before the file loads', () => {
    expect(loadedDataFile()).toBeNull();
    expect(shapeContextOf(linked)).toEqual({ inputShape: [2], outputUnits: 1 });
    const task = taskOf(linked.task);
    expect(task.kind).toBe('regression');
    expect(task.name).toBe('Data file: prices.csv');
    expect(task.description).toBe('Rows of 2 features and a number to predict, from prices.csv, which is not loaded: choose it.');
    // The same object each time, so that a component selecting it does not render again for nothing,
    // also while another setup's stand-in is asked for in between.
    const other = taskOf({ ...linked.task, file: 'trees.csv', fileShape: { kind: 'classification', features: 4, outputs: 3 } });
    expect(taskOf({ ...linked.task })).toBe(task);
    expect(taskOf({ ...linked.task, file: 'trees.csv', fileShape: { kind: 'classification', features: 4, outputs: 3 } })).toBe(other);
  });

  it('gives way to the file once it loads', () => {
    setDataFile({ name: 'plants.csv', text: csv(3, 3) });
    // Another file is loaded: the setup still shows the networks it was made with.
    expect(shapeContextOf(linked)).toEqual({ inputShape: [2], outputUnits: 1 });

    setDataFile({ name: 'prices.csv', text: csv(4, 3) });
    // A file of the setup's name but another shape does not stand for it: Start names both shapes.
    expect(shapeContextOf(linked)).toEqual({ inputShape: [2], outputUnits: 1 });

    setDataFile({ name: 'prices.csv', text: regressionCsv() });
    // The setup's own file is loaded: its rows decide.
    expect(taskOf(linked.task)).toBe(TASKS.custom);
    expect(shapeContextOf(linked)).toEqual({ inputShape: [2], outputUnits: 1 });
  });

  it('checks a seed network against it', () => {
    expect(parseRunConfig({ ...linked, seedGenome: starterGenome('custom') }).ok).toBe(true);
    // The MNIST network's convolutions need images, not rows of 2 features.
    const images = parseRunConfig({ ...linked, seedGenome: starterGenome('mnist') });
    expect(images.ok ? '' : images.errors.join(' ')).toMatch(/^seedGenome: /);

    const shape = { kind: 'classification' as const, features: 2, outputs: 1 };
    const result = parseRunConfig({ ...linked, task: { ...linked.task, fileShape: shape } });
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.errors.join(' ')).toMatch(/task\.fileShape: a classification file has at least 2 classes, got 1\./);
  });
});
