import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli';

const tiny = ['--generations', '1', '--population', '2', '--epochs', '1', '--workers', '1'];

describe('search setup the strategy rejects', () => {
  const rejected: [string, string[], RegExp][] = [
    [
      'exhaustive space above the limit',
      ['--strategy', 'exhaustive', '--kinds', 'dense', '--max-depth', '3', ...tiny],
      /^The exhaustive search cannot start\. The exhaustive space has 16,275 chains of 1 to 3 layers .* above the limit of 2,000\. .*--kinds, --candidate-set and --max-depth set the candidate set\.\n$/s,
    ],
    [
      'no layer for the input',
      ['--task', 'xor', '--kinds', 'conv2d', ...tiny],
      /^The coevolution search cannot start\. No layer of the candidate set accepts the task input \[2\]/,
    ],
    [
      'no layer for the input under --compare',
      ['--task', 'xor', '--kinds', 'conv2d', '--compare', 'random,coevolution', '--seeds', '1,2', ...tiny],
      /^The coevolution search with seed 1 cannot start\. No layer of the candidate set accepts the task input \[2\]/,
    ],
    [
      'no chain for the exhaustive optimum',
      ['--task', 'xor', '--kinds', 'conv2d', '--compare', 'random', ...tiny],
      /^The exhaustive search with seed 1 cannot start\. No chain of 1 to 2 layers from this candidate set fits an input of shape \[2\]\./,
    ],
  ];
  for (const [name, argv, message] of rejected) {
    it(`exits with status 2 on ${name}`, () => {
      const { status, stdout, stderr } = runCli(['--quiet', ...argv]);

      expect(status).toBe(2);
      expect(stderr).toMatch(message);
      expect(stderr).not.toMatch(/\n\s+at /);
      expect(stdout).toBe('');
    });
  }

  it('fails before loading data or starting workers', () => {
    const { status, stderr } = runCli(['--task', 'xor', '--kinds', 'conv2d', ...tiny]);

    expect(status).toBe(2);
    expect(stderr).not.toMatch(/Loading task/);
    expect(stderr).not.toMatch(/worker ready/);
  });
});
