import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { UsageError, parseArgs } from '../../src/cli/args';
import { writeJson } from '../../src/cli/run-support';
import { runCli } from './run-cli';

describe('--json path', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nas-json-'));
  const file = join(dir, 'plain.txt');
  writeFileSync(file, 'not a folder\n');

  const rejected: [string, string[], RegExp][] = [
    ['empty inline value', ['--json='], /The flag --json needs a value \(FILE\), got an empty one\./],
    ['empty separate value', ['--json', ''], /The flag --json needs a value \(FILE\), got an empty one\./],
    ['missing folder', ['--json', '/missing/dir/out.json'], /The folder \/missing\/dir of --json \/missing\/dir\/out\.json is not found\. Create it or choose an output path in an existing folder\./],
    ['folder as file', ['--json', dir], /--json .*nas-json-\w+ is a folder\. Give a file path such as .*nas-json-\w+\/result\.json\./],
    ['file as folder', ['--json', join(file, 'out.json')], /--json .*plain\.txt\/out\.json: .*plain\.txt is a file, not a folder\. Choose an output path in an existing folder\./],
  ];
  for (const [name, argv, message] of rejected) {
    it(`rejects ${name}`, () => {
      expect(() => parseArgs(argv)).toThrow(UsageError);
      expect(() => parseArgs(argv)).toThrow(message);
    });
  }

  it('accepts a new file in an existing folder', () => {
    expect(parseArgs(['--json', join(dir, 'result.json')]).json).toBe(join(dir, 'result.json'));
  });

  it('fails before the search starts', () => {
    const { status, stdout, stderr } = runCli([
      '--task', 'xor', '--generations', '1', '--population', '2', '--epochs', '1', '--workers', '1', '--json', '/missing/dir/out.json',
    ]);

    expect(status).toBe(2);
    expect(stderr).toMatch(/The folder \/missing\/dir of --json/);
    expect(stderr).not.toMatch(/worker ready/);
    expect(stderr).not.toMatch(/\n\s+at /);
    expect(stdout).toBe('');
  });
});

describe('--json over an input file', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nas-json-input-'));
  const data = join(dir, 'rows.csv');
  const set = join(dir, 'set.json');
  // Forty rows of two classes, enough for the search to run and then write its result.
  const rows = ['a,label,split', ...Array.from({ length: 40 }, (_, i) => `${i % 2 === 0 ? -1 - i / 100 : 1 + i / 100},${i % 2 === 0 ? 'left' : 'right'},${i < 30 ? 'train' : 'test'}`)].join('\n') + '\n';
  writeFileSync(data, rows);
  writeFileSync(set, JSON.stringify({ layers: [{ kind: 'dense', params: { units: [4] } }] }));
  const link = join(dir, 'link.csv');
  symlinkSync(data, link);

  const rejected: [string, string[], RegExp][] = [
    ['the data file', ['--data', data, '--json', data], /--json and --data name the same file, .*rows\.csv\. Writing the result would overwrite that input, so choose another output path for --json\./],
    ['the data file spelt differently', ['--data', data, '--json', join(dir, '.', '..', dir.split('/').pop()!, 'rows.csv')], /--json and --data name the same file/],
    ['a link to the data file', ['--data', data, '--json', link], /--json and --data name the same file, .*link\.csv\./],
    ['the candidate set file', ['--task', 'sin', '--candidate-set', set, '--json', set], /--json and --candidate-set name the same file, .*set\.json\. Writing the result would overwrite that input/],
  ];
  for (const [name, argv, message] of rejected) {
    it(`rejects ${name}`, () => {
      expect(() => parseArgs(argv)).toThrow(UsageError);
      expect(() => parseArgs(argv)).toThrow(message);
    });
  }

  it('leaves the data file as it was', () => {
    const { status, stderr } = runCli(['--data', data, '--generations', '1', '--population', '2', '--epochs', '1', '--workers', '1', '--json', data]);

    expect(status).toBe(2);
    expect(stderr).toMatch(/--json and --data name the same file/);
    expect(readFileSync(data, 'utf8')).toBe(rows);
  });
});

describe('writeJson', () => {
  it('reports a failed write', () => {
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const log = vi.fn();

    const written = writeJson('/missing/dir/out.json', { best: null }, log);

    expect(written).toBe(false);
    expect(String(stderr.mock.calls[0]?.[0])).toMatch(/^Writing the result to \/missing\/dir\/out\.json failed: ENOENT.*The summary printed above is the only record of this run\.\n$/);
    expect(log).not.toHaveBeenCalled();
    stderr.mockRestore();
  });
});
