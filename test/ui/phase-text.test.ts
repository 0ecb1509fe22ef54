import { describe, expect, it } from 'vitest';
import { generationAnnouncement, phaseText } from '../../src/ui/run/phase-text';
import { candidate, evaluated, runState, summary } from './run-fixtures';

describe('phaseText', () => {
  it('says searching while candidates train', () => {
    expect(phaseText({ phase: 'running', outcome: null, finalTraining: null })).toBe('Searching…');
  });

  it('says retraining while the final retraining runs', () => {
    expect(phaseText({ phase: 'running', outcome: null, finalTraining: 'g5-1-final' })).toBe('Retraining the best candidates on all training rows…');
  });

  it('gives the slowest retraining epoch', () => {
    const inFlight = { 'g5-1-final': { epoch: 3, epochs: 4, loss: 0.2 }, 'g5-0-final': { epoch: 2, epochs: 4, loss: 0.3 } };
    expect(phaseText({ phase: 'running', outcome: null, finalTraining: 'g5-1-final', inFlight })).toBe(
      'Retraining the best candidates on all training rows: epoch 2 of 4…',
    );
  });

  it('tells shared results shown before any search apart from an empty start', () => {
    expect(phaseText({ phase: 'idle', outcome: null, evaluations: [] })).toBe('Ready. Press Start search to begin.');
    expect(phaseText({ phase: 'idle', outcome: null, evaluations: [evaluated(candidate(1, 1), 1, 0.9)] })).toMatch(/^Showing results that were not trained here/);
  });

  it('gives why Start is disabled', () => {
    const blocker = 'The candidate set is empty: enable at least one layer kind.';
    expect(phaseText({ phase: 'idle', outcome: null, evaluations: [] }, blocker)).toBe(`Not ready to search: ${blocker}`);
    // Once a run has finished, the line keeps saying how it ended.
    expect(phaseText({ phase: 'finished', outcome: 'completed' }, blocker)).toBe('Search finished: every generation was evaluated.');
  });

  it('says paused runs keep their clock', () => {
    const training = { 'g0-2': { epoch: 3, epochs: 20, loss: 0.4 } };
    expect(phaseText({ phase: 'paused', outcome: null, inFlight: training })).toBe('Paused. Candidates already training finish first; the clock keeps running.');
    expect(phaseText({ phase: 'paused', outcome: null, inFlight: {} })).toBe('Paused. The clock and any time budget keep running.');
  });

  it('names batches at the end of an exhaustive run', () => {
    expect(phaseText({ phase: 'finished', outcome: 'completed' }, null, true)).toBe('Search finished: every batch of chains was evaluated.');
    expect(phaseText({ phase: 'finished', outcome: 'completed' }, null, true)).not.toMatch(/generation/);
    // Other endings name no generations, so they read the same for every strategy.
    expect(phaseText({ phase: 'finished', outcome: 'stopped' }, null, true)).toBe(phaseText({ phase: 'finished', outcome: 'stopped' }));
  });

  it('names the time budget as the end of a run', () => {
    expect(phaseText({ phase: 'finished', outcome: 'time-budget' })).toMatch(/time budget/);
  });
});

describe('generationAnnouncement', () => {
  const twoDone = { generations: [summary(0, [0.8, 0.6], [0.7, 0.5]), summary(1, [0.75, 0.7])], totalGenerations: 6 };

  it('names generations done and the best so far', () => {
    expect(generationAnnouncement(runState({ phase: 'running', ...twoDone }), 'classification', false)).toBe('Generation 2 of 6 done. Best network so far: 80.0%.');
  });

  it('gives R² for regression and batches for exhaustive', () => {
    expect(generationAnnouncement(runState({ phase: 'paused', ...twoDone }), 'regression', true)).toBe('Batch 2 of 6 done. Best network so far: R² 0.800.');
  });

  it('stays empty outside a search', () => {
    expect(generationAnnouncement(runState({ phase: 'running', generations: [], totalGenerations: 6 }), 'classification', false)).toBe('');
    expect(generationAnnouncement(runState({ phase: 'finished', ...twoDone }), 'classification', false)).toBe('');
  });
});
