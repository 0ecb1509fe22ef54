import { mkdtempSync, writeFileSync } from 'node:fs';
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
