import { describe, expect, it } from 'vitest';
import { defaultRunConfig, parseRunConfig } from '../../src/state/config';
import { errorForPath, fieldLabel, labelConfigError } from '../../src/ui/config-messages';

function errorsOf(input: unknown): string[] {
  const parsed = parseRunConfig(input);
  if (parsed.ok) throw new Error('expected the configuration to be rejected');
  return parsed.errors;
}

describe('config messages', () => {
  const base = defaultRunConfig('xor');
  const errors = errorsOf({ ...base, search: { ...base.search, population: 1 }, training: { ...base.training, epochs: 0.5 } });

  it('finds the message of each field', () => {
    expect(errorForPath('search.population', errors)).toMatch(/^search\.population must be .*2 to 200/);
    expect(errorForPath('training.epochs', errors)).toMatch(/^training\.epochs must be .*got 0\.5/);
  });

  it('ignores fields without a problem', () => {
    expect(errorForPath('search.generations', errors)).toBeUndefined();
  });

  it('does not match a longer path', () => {
    expect(errorForPath('search.population', ['search.populationSize must be set.'])).toBeUndefined();
  });

  it('prefixes the field label', () => {
    expect(labelConfigError(errorForPath('search.population', errors)!)).toMatch(/^Population: search\.population must be /);
  });

  it('labels candidate set and starting network', () => {
    expect(labelConfigError('search.candidateSet: The candidate set is empty: enable at least one layer kind.')).toBe(
      'Candidate set: The candidate set is empty: enable at least one layer kind.',
    );
    expect(labelConfigError('seedGenome: Dense "l3" does not lead to the output head.')).toBe('Starting network: Dense "l3" does not lead to the output head.');
  });

  it('leaves other messages alone', () => {
    expect(labelConfigError('The candidate set is empty.')).toBe('The candidate set is empty.');
  });
});

describe('fieldLabel', () => {
  it('names restored fields as the page does', () => {
    expect(fieldLabel('search.generations')).toBe('Generations');
    expect(fieldLabel('search.strategy')).toBe('Strategy');
    expect(fieldLabel('hide')).toBe('Hidden panels');
    expect(fieldLabel('finalEpochs')).toBe('Final training epochs');
  });

  it('gives null for a path without a label', () => {
    expect(fieldLabel('results[3].genome')).toBeNull();
    expect(fieldLabel('constructor')).toBeNull();
  });
});
