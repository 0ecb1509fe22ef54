import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError, parseArgs } from '../../src/cli/args';
import { PRESETS, presetById } from '../../src/state/presets';
import { parseRunConfig } from '../../src/state/config';
import { runCli } from './run-cli';

describe('parseArgs for strategies and candidate sets', () => {
  const rejected: [string, string[], RegExp][] = [
    ['unknown strategy in --compare', ['--compare', 'random,annealing'], /Invalid value "random,annealing" for --compare: unknown strategies annealing\. Strategies: coevolution, regularized, random, exhaustive/],
    ['repeated strategy', ['--compare', 'random,random'], /a strategy is listed twice/],
    ['bad seed list', ['--seeds', '1,x'], /Invalid value "1,x" for --seeds: expected whole numbers from 0 to 4294967295/],
    ['unknown kind', ['--kinds', 'dense,transformer'], /Invalid value "dense,transformer" for --kinds: unknown kinds transformer\. Kinds: dense/],
    ['zero depth', ['--max-depth', '0'], /Invalid value "0" for --max-depth: expected a whole number from 1 to 8/],
    ['unknown rule', ['--early-stopping', 'patience'], /Invalid value "patience" for --early-stopping\. Accepted values: off, median, halving/],
    ['negative budget', ['--max-evaluations', '-1'], /Invalid value "-1" for --max-evaluations: expected a whole number from 0 to 100000/],
    ['unknown preset', ['--preset', 'nope'], /Unknown preset "nope"\. Presets: parity-feedforward-vs-recurrent, one-set-two-targets/],
    ['preset with a task', ['--preset', 'one-set-two-targets', '--task', 'xor'], /--preset sets the task and the search; it combines only with --workers, --seeds, --json and --quiet, not with --task/],
    ['missing candidate set file', ['--candidate-set', '/nonexistent/set.json'], /Cannot read the candidate set file "\/nonexistent\/set\.json"/],
    ['seeds for a single search', ['--task', 'xor', '--seeds', '5,6,7'], /--seeds 5,6,7 sets the seeds of a comparison or preset run\. Add --compare or --preset, or give a single search one seed with --seed\./],
  ];
  for (const [name, argv, message] of rejected) {
    it(`rejects ${name}`, () => {
      expect(() => parseArgs(argv)).toThrow(UsageError);
      expect(() => parseArgs(argv)).toThrow(message);
    });
  }

  it('reads the comparison flags', () => {
    const options = parseArgs(['--task', 'parity', '--compare', 'coevolution,regularized,random', '--seeds', '1,2,3', '--max-evaluations', '40', '--early-stopping', 'median']);
    expect(options.compare).toEqual(['coevolution', 'regularized', 'random']);
    expect(options.seeds).toEqual([1, 2, 3]);
    expect(options.config.search.maxEvaluations).toBe(40);
    expect(options.config.search.earlyStopping).toBe('median');
  });

  it('accepts every strategy and the new task ids', () => {
    for (const strategy of ['coevolution', 'regularized', 'random', 'exhaustive']) {
      expect(parseArgs(['--strategy', strategy]).config.search.strategy).toBe(strategy);
    }
    for (const task of ['parity', 'brackets', 'adding', 'sin', 'step', 'sawtooth', 'polynomial']) {
      expect(parseArgs(['--task', task]).config.task.id).toBe(task);
    }
  });

  it('restricts the kinds and drops a seed network outside them', () => {
    const feedForward = parseArgs(['--task', 'parity', '--kinds', 'flatten,dense', '--max-depth', '3']);
    expect(feedForward.config.search.candidateSet.layers.map((layer) => layer.kind)).toEqual(['flatten', 'dense']);
    expect(feedForward.config.search.candidateSet.maxDepth).toBe(3);
    expect(feedForward.config.seedGenome).toBeUndefined();

    const recurrent = parseArgs(['--task', 'parity', '--kinds', 'gru,dense']);
    expect(recurrent.config.seedGenome?.nodes.map((node) => node.kind)).toContain('gru');
  });

  it('reads a candidate set file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'nas-set-')), 'set.json');
    writeFileSync(file, JSON.stringify({ layers: [{ kind: 'dense', params: { units: [4, 8] } }], maxDepth: 2 }));
    const options = parseArgs(['--task', 'sin', '--candidate-set', file]);
    expect(options.config.search.candidateSet).toEqual({ layers: [{ kind: 'dense', params: { units: [4, 8] } }], maxDepth: 2 });
  });
});

describe('presets', () => {
  for (const preset of PRESETS) {
    it(`${preset.id} variants are valid configs`, () => {
      for (const variant of preset.variants) {
        const parsed = parseRunConfig(variant.config);
        expect(parsed.ok ? [] : parsed.errors).toEqual([]);
        expect(variant.config.seedGenome).toBeUndefined();
      }
    });
  }

  it('variants differ only where the preset says', () => {
    const [feedForward, recurrent] = presetById('parity-feedforward-vs-recurrent').variants;
    expect({ ...feedForward.config.search, candidateSet: null }).toEqual({ ...recurrent.config.search, candidateSet: null });
    const [sin, step] = presetById('one-set-two-targets').variants;
    expect(sin.config.search).toEqual(step.config.search);
    expect([sin.config.task.id, step.config.task.id]).toEqual(['sin', 'step']);
  });
});

describe('npm run search --compare', () => {
  it('prints best-so-far tables beside the exhaustive optimum', () => {
    const dir = mkdtempSync(join(tmpdir(), 'nas-compare-'));
    const set = join(dir, 'set.json');
    const out = join(dir, 'comparison.json');
    writeFileSync(set, JSON.stringify({ layers: [{ kind: 'dense', params: { units: [4, 8], activation: ['tanh'] } }], maxDepth: 2 }));
    const { status, stdout, stderr } = runCli([
      '--task', 'sin', '--samples', '100', '--epochs', '3', '--candidate-set', set, '--compare', 'random,regularized',
      '--seeds', '1,2', '--max-evaluations', '3', '--max-module-layers', '2', '--max-blueprint-slots', '1', '--workers', '2', '--json', out,
    ]);
    expect(stderr).toMatch(/Running random, seed 1/);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Comparison on sin: budget 3 architectures per run, seeds 1, 2\./);
    expect(stdout).toMatch(/Exhaustive optimum over 6 chains of 1 to 2 layers: seed 1 \d\.\d{3}, seed 2 \d\.\d{3}/);
    expect(stdout).toMatch(/evaluations\s+random\s+regularized/);
    expect(stdout).toMatch(/Architectures trained until within 1% of the optimum/);
    const file = JSON.parse(readFileSync(out, 'utf8'));
    expect(file.runs).toHaveLength(4);
    expect(file.optimum).toHaveLength(2);
    for (const run of file.runs) expect(run.curve.length).toBeLessThanOrEqual(3);
  });
});

describe('npm run search on a regression task', () => {
  it('reports R² instead of accuracy', () => {
    const { status, stdout } = runCli(['--task', 'sin', '--generations', '1', '--population', '2', '--epochs', '3', '--samples', '100', '--workers', '1', '--quiet']);
    expect(status).toBe(0);
    expect(stdout).toMatch(/Best: g0-\d, validation R² -?\d\.\d{3}, test R² -?\d\.\d{3}/);
  });

  it('says when every candidate diverged', () => {
    const { status, stdout } = runCli([
      '--task', 'sin', '--optimizer', 'sgd', '--learning-rate', '1', '--final-epochs', '2',
      '--generations', '1', '--population', '2', '--epochs', '3', '--workers', '1', '--quiet',
    ]);
    expect(status).toBe(0);
    expect(stdout).toMatch(/^Every candidate diverged .* Lower --learning-rate from 1, for example to 0\.1, and run again\.$/m);
    expect(stdout).toMatch(/^Skipped the final retraining \(--final-epochs 2\)/m);
    expect(stdout).not.toMatch(/%/);
  });
});
