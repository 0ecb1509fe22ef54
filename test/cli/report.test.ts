import { describe, expect, it } from 'vitest';
import { summaryTable } from '../../src/cli/report';
import type { RunResult } from '../../src/workers/coordinator';

describe('summaryTable', () => {
  const emptyRun = (generations: number): RunResult => ({
    runId: 'r',
    status: 'completed',
    best: null,
    final: null,
    candidates: [],
    generations: Array.from({ length: generations }, (_, generation) => ({ generation, populations: [] })),
    elapsedMs: 1000,
  });

  it('writes one generation in the singular', () => {
    expect(summaryTable(emptyRun(1), ['wasm']).split('\n')[0]).toMatch(/0 evaluations, 0 trained, 1 generation, backend wasm\.$/);
  });

  it('writes several generations in the plural', () => {
    expect(summaryTable(emptyRun(3), ['wasm']).split('\n')[0]).toMatch(/, 3 generations, /);
  });
});
