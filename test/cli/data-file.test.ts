import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, parseArgs } from '../../src/cli/args';
import { Rng } from '../../src/core/rng';
import { dataFileCsv } from '../../src/data/data-file';
import { runCli } from './run-cli';

/** Two Gaussian blobs in three features: 60 training and 20 test rows. */
function blobsCsv(): string {
  const rng = new Rng(4);
  const rows = (count: number) => {
    const x: number[][] = [];
    const labels: string[] = [];
    for (let i = 0; i < count; i++) {
      const label = i % 2 === 0 ? 'left' : 'right';
      const centre = label === 'left' ? -1 : 1;
      x.push([centre + 0.5 * rng.normal(), centre + 0.5 * rng.normal(), rng.normal()]);
      labels.push(label);
    }
    return { x, labels };
  };
  return dataFileCsv(['a', 'b', 'noise'], [{ split: 'train', ...rows(60) }, { split: 'test', ...rows(20) }]);
}

function writeTemp(name: string, text: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'nas-data-')), name);
  writeFileSync(path, text);
  return path;
}

describe('--data', () => {
  it('sets the custom task', () => {
    expect(parseArgs(['--data', 'rows.csv']).config.task.id).toBe('custom');
    expect(parseArgs(['--data', 'rows.csv']).dataFile).toBe('rows.csv');
    expect(parseArgs(['--data', 'data/rows.csv']).config.task.file).toBe('rows.csv');
  });

  it('rejects another task and the custom task without a file', () => {
    expect(() => parseArgs(['--task', 'xor', '--data', 'rows.csv'])).toThrow(UsageError);
    expect(() => parseArgs(['--task', 'xor', '--data', 'rows.csv'])).toThrow(/--data reads the custom task from a file; drop --task xor/);
    expect(() => parseArgs(['--task', 'custom'])).toThrow(/The custom task reads its rows from a file: add --data FILE/);
  });

  it('searches on the rows of a CSV file', () => {
    const data = writeTemp('blobs.csv', blobsCsv());
    const json = join(mkdtempSync(join(tmpdir(), 'nas-data-')), 'result.json');
    const { status, stderr } = runCli(['--data', data, '--generations', '1', '--population', '2', '--epochs', '5', '--workers', '1', '--json', json]);

    expect(status).toBe(0);
    expect(stderr).toMatch(/blobs\.csv: 48 training, 12 validation, 20 test examples/);
    const result = JSON.parse(readFileSync(json, 'utf8'));
    expect(result.config.task.id).toBe('custom');
    // The app reads the file's shape from the config when it opens the result without the file.
    expect(result.config.task.fileShape).toEqual({ kind: 'classification', features: 3, outputs: 2 });
    expect(result.best.metrics.testAccuracy).toBeGreaterThan(0.5);
  });

  it('compares strategies on the rows of a file', () => {
    const data = writeTemp('blobs.csv', blobsCsv());
    const json = join(mkdtempSync(join(tmpdir(), 'nas-data-')), 'comparison.json');
    const { status, stdout, stderr } = runCli([
      '--data', data, '--compare', 'random,regularized', '--max-evaluations', '2',
      '--generations', '1', '--population', '2', '--epochs', '1', '--workers', '1', '--json', json,
    ]);

    expect(stderr).toMatch(/blobs\.csv: 48 training, 12 validation, 20 test examples/);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Comparison on custom: budget 2 architectures per run/);
    const comparison = JSON.parse(readFileSync(json, 'utf8'));
    expect(comparison.runs).toHaveLength(2);
    expect(comparison.config.task.fileShape).toEqual({ kind: 'classification', features: 3, outputs: 2 });
  });

  it('exits with status 2 when a compared file is malformed', () => {
    const data = writeTemp('bad.csv', 'a,label,split\n1,x,train\n2,y,train\nnope,x,test\n');
    const { status, stderr } = runCli(['--data', data, '--compare', 'random']);

    expect(status).toBe(2);
    expect(stderr).toMatch(/bad\.csv line 4, field "a": "nope" is not a finite number/);
  });

  it('rejects a preset, which sets its own task', () => {
    expect(() => parseArgs(['--preset', 'one-set-two-targets', '--data', 'rows.csv'])).toThrow(UsageError);
    expect(() => parseArgs(['--preset', 'one-set-two-targets', '--data', 'rows.csv'])).toThrow(/--preset sets the task and the search; it combines only with --workers, --seeds, --json and --quiet, not with --data/);
  });

  it('exits with status 2 naming the line of a malformed file', () => {
    const data = writeTemp('bad.csv', 'a,label,split\n1,x,train\n2,y,train\nnope,x,test\n');
    const { status, stderr } = runCli(['--data', data]);

    expect(status).toBe(2);
    expect(stderr).toMatch(/bad\.csv line 4, field "a": "nope" is not a finite number/);
  });
});
