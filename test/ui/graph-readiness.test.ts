import { describe, expect, it } from 'vitest';
import { analyzeGenome, chainGenome, type Genome } from '../../src/core/genome';
import type { ShapeContext } from '../../src/core/layers';
import { NO_DATA_FILE, dataFileProblem, purposeBlockReason } from '../../src/ui/editor/graph-readiness';

const toy: ShapeContext = { inputShape: [2], outputUnits: 2 };

const template: Genome = {
  nodes: [
    { id: 'input', kind: 'input', params: {}, inputs: [] },
    { id: 'l1', kind: 'dense', params: { units: 8, activation: 'tanh' }, inputs: ['input'], fixed: true },
    { id: 's1', kind: 'moduleSlot', params: {}, inputs: ['l1'] },
    { id: 'output', kind: 'output', params: {}, inputs: ['s1'] },
  ],
};

const reason = (genome: Genome, purpose: 'search' | 'train', strategy: 'coevolution' | 'exhaustive' = 'coevolution') =>
  purposeBlockReason(genome, analyzeGenome(genome, toy), purpose, strategy);

describe('purposeBlockReason', () => {
  it('blocks training a template', () => {
    expect(reason(template, 'train')).toBe('Module slot "s1" is filled only by a search; replace it with layers to train this network alone.');
  });

  it('lets coevolution search a template', () => {
    expect(reason(template, 'search')).toBeNull();
  });

  it('blocks an exhaustive search of a template', () => {
    expect(reason(template, 'search', 'exhaustive')).toMatch(/exhaustive strategy .* cannot fill module slots/);
  });

  it('lets a plain network train', () => {
    expect(reason(chainGenome([{ kind: 'dense' }]), 'train')).toBeNull();
  });

  it('names a validator issue first', () => {
    const twoInputs: Genome = { nodes: template.nodes.map((gene) => (gene.id === 's1' ? { ...gene, inputs: ['l1', 'input'] } : gene)) };
    expect(reason(twoInputs, 'train')).toMatch(/^Fix the network first: Module slot "s1" takes exactly 1 input but has 2/);
  });
});

describe('dataFileProblem', () => {
  it('names the missing or other file', () => {
    expect(dataFileProblem({ id: 'xor' }, null)).toBeNull();
    expect(dataFileProblem({ id: 'custom' }, null)).toBe(NO_DATA_FILE);
    expect(dataFileProblem({ id: 'custom', file: 'trees.csv' }, null)).toBe('This setup needs the data file "trees.csv": choose it with "Data file…" under Task.');
    expect(dataFileProblem({ id: 'custom', file: 'trees.csv' }, 'rings.csv')).toMatch(/^This setup was made on "trees\.csv", but "rings\.csv" is loaded: choose "trees\.csv"/);
    expect(dataFileProblem({ id: 'custom', file: 'trees.csv' }, 'trees.csv')).toBeNull();
    const recorded = { kind: 'regression' as const, features: 2, outputs: 1 };
    expect(dataFileProblem({ id: 'custom', file: 'trees.csv', fileShape: recorded }, 'trees.csv', recorded)).toBeNull();
    expect(dataFileProblem({ id: 'custom', file: 'trees.csv', fileShape: recorded }, 'trees.csv', { kind: 'classification', features: 4, outputs: 3 })).toBe(
      'This setup was made on a "trees.csv" of 2 features and a number to predict, but the loaded "trees.csv" has 4 features and 3 classes: choose the setup\'s file, or this one again to use it, with "Another data file…" under Task.',
    );
  });
});
