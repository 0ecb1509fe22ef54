import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeGenome } from '../../src/core/genome';
import { UsageError, helpText, parseArgs } from '../../src/cli/args';
import { runCli } from './run-cli';

describe('parseArgs', () => {
  const rejected: [string, string[], RegExp][] = [
    ['unknown flag', ['--bogus', '1'], /Unknown flag --bogus\. Accepted flags: .*--task.*--generations/],
    ['unknown task', ['--task', 'cifar'], /Unknown task "cifar"\. Accepted tasks: spiral, circles, xor, gaussians, iris, mnist/],
    ['unknown strategy', ['--strategy', 'magic'], /Invalid value "magic" for --strategy\. Accepted values: coevolution/],
    ['negative generations', ['--generations', '-3'], /Invalid value "-3" for --generations: expected a whole number from 1 to/],
    ['fractional population', ['--population', '2.5'], /Invalid value "2.5" for --population: expected a whole number/],
    ['NaN epochs', ['--epochs', 'NaN'], /Invalid value "NaN" for --epochs/],
    ['huge workers', ['--workers', '1000'], /Invalid value "1000" for --workers: expected a whole number from 0 to 16/],
    ['missing value', ['--seed'], /The flag --seed needs a value/],
    ['repeated flag', ['--seed', '1', '--seed', '2'], /The flag --seed is given twice/],
    ['bare argument', ['iris'], /Unexpected argument "iris"/],
    ['value for a switch', ['--quiet=yes'], /The flag --quiet takes no value/],
    ['samples above the generated cap', ['--task', 'xor', '--samples', '50000'], /Invalid value "50000" for --samples: expected a whole number from 20 to 20000\./],
  ];
  for (const [name, argv, message] of rejected) {
    it(`rejects ${name}`, () => {
      expect(() => parseArgs(argv)).toThrow(UsageError);
      expect(() => parseArgs(argv)).toThrow(message);
    });
  }

  it('maps flags onto the run config', () => {
    const options = parseArgs(['--task', 'mnist', '--generations', '5', '--population', '10', '--seed', '7', '--json', 'out.json', '--workers=1']);

    expect(options.config.task.id).toBe('mnist');
    expect(options.config.search.generations).toBe(5);
    expect(options.config.search.population).toBe(10);
    expect(options.config.search.seed).toBe(7);
    expect(options.config.workers).toBe(1);
    expect(options.json).toBe('out.json');
  });

  it('help gives the real samples limit', () => {
    const line = helpText().split('\n').find((text) => text.startsWith('  --samples'));
    expect(line).toMatch(/Range 20 to 20000 examples\.$/);
  });

  it('defaults to iris', () => {
    expect(parseArgs([]).config.task.id).toBe('iris');
  });
});

describe('npm run search', () => {
  it('exits with status 2 on an unknown flag', () => {
    const { status, stderr } = runCli(['--colour', 'blue']);

    expect(status).toBe(2);
    expect(stderr).toMatch(/Unknown flag --colour/);
  });

  it('runs a short search and writes the result file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nas-cli-'));
    const file = join(dir, 'result.json');
    const { status, stdout, stderr } = runCli([
      '--task', 'xor', '--generations', '2', '--population', '3', '--epochs', '3',
      '--samples', '200', '--workers', '2', '--seed', '5', '--json', file,
    ]);

    expect(stderr).toMatch(/2 workers ready on wasm/);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Search completed after \d+:\d\d: 6 evaluations/);
    expect(stdout).toMatch(/rank\s+candidate\s+validation\s+test\s+params/);
    const result = JSON.parse(readFileSync(file, 'utf8'));
    expect(result.config.task.id).toBe('xor');
    expect(result.config.search.seed).toBe(5);
    expect(result.candidates).toHaveLength(6);
    for (const candidate of result.candidates) {
      expect(candidate.generation).toBeGreaterThanOrEqual(0);
      expect(typeof candidate.metrics.testAccuracy).toBe('number');
      expect(analyzeGenome(candidate.genome, { inputShape: [2], outputUnits: 2 }).valid).toBe(true);
    }
    expect(result.best.fitness).toBe(Math.max(...result.candidates.map((c: { fitness: number }) => c.fitness)));
  });
});
