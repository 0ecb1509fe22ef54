import { describe, expect, it } from 'vitest';
import { chainGenome } from '../../src/core/genome';
import type { GenerationSummary } from '../../src/core/strategy';
import { IDLE_RUN, applyRunEvent, type RunState } from '../../src/state/run-state';
import type { EvaluatedCandidate } from '../../src/workers/coordinator';

function evaluated(id: string, fitness: number, evaluation: number): EvaluatedCandidate {
  const genome = chainGenome([{ kind: 'dense', params: { units: evaluation } }]);
  return { candidate: { id, generation: 0, genome, hash: id, origin: { type: 'random' } }, metrics: null, fitness, reused: false, worker: 0, evaluation, finishedAt: evaluation };
}

const summary = (generation: number): GenerationSummary => ({ generation, populations: [] });

describe('run state on resume', () => {
  it('lists a re-sent candidate once', () => {
    const saved: RunState = { ...IDLE_RUN, runId: 'r', phase: 'running', evaluations: [evaluated('g0-0', 0.5, 1), evaluated('g0-1', 0.7, 2)] };
    const again = applyRunEvent(saved, { type: 'candidate-evaluated', runId: 'r', result: evaluated('g0-1', 0.7, 2) });
    const next = applyRunEvent(again, { type: 'candidate-evaluated', runId: 'r', result: evaluated('g0-2', 0.6, 3) });

    expect(again.evaluations.map((e) => e.candidate.id)).toEqual(['g0-0', 'g0-1']);
    expect(next.evaluations.map((e) => e.candidate.id)).toEqual(['g0-0', 'g0-1', 'g0-2']);
  });

  it('lists a re-sent generation once', () => {
    const saved: RunState = { ...IDLE_RUN, runId: 'r', phase: 'running', generations: [summary(0)] };
    const again = applyRunEvent(saved, { type: 'generation-finished', runId: 'r', summary: summary(0), best: null, elapsedMs: 5 });
    const next = applyRunEvent(again, { type: 'generation-finished', runId: 'r', summary: summary(1), best: null, elapsedMs: 9 });

    expect(again.generations.map((g) => g.generation)).toEqual([0]);
    expect(next.generations.map((g) => g.generation)).toEqual([0, 1]);
  });
});

describe('run state clock', () => {
  const finished = (elapsedMs: number) => ({ type: 'run-finished' as const, runId: 'r', status: 'stopped' as const, best: null, final: null, evaluations: 4, trained: 4, elapsedMs });
  const running: RunState = { ...IDLE_RUN, runId: 'r', phase: 'running', startedAt: 1_000, elapsedMs: 3_900 };

  it("keeps the page's longer elapsed time", () => {
    // The page showed 4.5 s (now - startedAt), and the coordinator, which started later, counted 4 s.
    expect(applyRunEvent(running, finished(4_000), 5_500).elapsedMs).toBe(4_500);
  });

  it("keeps the coordinator's time otherwise", () => {
    expect(applyRunEvent(running, finished(4_800), 5_500).elapsedMs).toBe(4_800);
    expect(applyRunEvent(running, finished(4_000)).elapsedMs).toBe(4_000);
  });
});

describe('run state pauses', () => {
  const running: RunState = { ...IDLE_RUN, runId: 'r', phase: 'running' };

  it('keeps each pause on the run clock', () => {
    const first = applyRunEvent(running, { type: 'run-paused', runId: 'r', elapsedMs: 4_000 });
    expect(first.pauses).toEqual([{ from: 4_000, to: null }]);
    const resumed = applyRunEvent(first, { type: 'run-resumed', runId: 'r', elapsedMs: 64_000 });
    const again = applyRunEvent(resumed, { type: 'run-paused', runId: 'r', elapsedMs: 70_000 });
    expect(again.phase).toBe('paused');
    expect(again.pauses).toEqual([
      { from: 4_000, to: 64_000 },
      { from: 70_000, to: null },
    ]);
  });
});
