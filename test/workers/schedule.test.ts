import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../../src/core/canonical';
import { chainGenome, type Genome } from '../../src/core/genome';
import type { Candidate } from '../../src/core/strategy';
import { estimatedCost, scheduleBatch } from '../../src/workers/schedule';

const CONTEXT = { inputShape: [28, 28, 1], outputUnits: 10 };

const dense = (units: number): Genome => chainGenome([{ kind: 'flatten' }, { kind: 'dense', params: { units, activation: 'relu' } }]);
const conv = (filters: number): Genome =>
  chainGenome([{ kind: 'conv2d', params: { filters, kernelSize: 3, strides: 1, padding: 'same', activation: 'relu' } }, { kind: 'flatten' }]);

function candidates(genomes: Genome[]): Candidate[] {
  return genomes.map((genome, i) => ({ id: `g0-${i}`, generation: 0, genome, hash: canonicalHash(genome), origin: { type: 'random' } }));
}

describe('estimatedCost', () => {
  it('grows with width and with convolutions', () => {
    const [small, wide, convolution] = candidates([dense(16), dense(512), conv(32)]);
    expect(estimatedCost(wide, CONTEXT)).toBeGreaterThan(estimatedCost(small, CONTEXT));
    expect(estimatedCost(convolution, CONTEXT)).toBeGreaterThan(estimatedCost(wide, CONTEXT));
  });
});

describe('scheduleBatch', () => {
  const cases = [
    { name: 'costliest first', genomes: [dense(16), conv(32), dense(512)], known: [], train: [1, 2, 0], repeat: [] },
    { name: 'ties in batch order', genomes: [dense(64), dense(16), dense(64)], known: [], train: [0, 1], repeat: [2] },
    { name: 'repeats of a batch architecture', genomes: [dense(16), dense(16), dense(16)], known: [], train: [0], repeat: [1, 2] },
    { name: 'architectures trained before', genomes: [dense(16), conv(8), dense(512)], known: [0, 2], train: [1], repeat: [0, 2] },
  ];

  it.each(cases)('orders $name', ({ genomes, known, train, repeat }) => {
    const batch = candidates(genomes);
    const knownHashes = new Set(known.map((i) => batch[i].hash));
    const schedule = scheduleBatch(batch, CONTEXT, (hash) => knownHashes.has(hash));
    expect(schedule.train).toEqual(train);
    expect(schedule.repeat).toEqual(repeat);
  });
});
