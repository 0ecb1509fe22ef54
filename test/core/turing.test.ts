import { describe, expect, it } from 'vitest';
import { defaultCandidateSet } from '../../src/core/candidate-set';
import type { CandidateLayer, CandidateSet } from '../../src/core/strategy';
import { TURING_EXPLANATION, turingEquivalence } from '../../src/core/turing';

const layer = (kind: CandidateLayer['kind'], params: CandidateLayer['params'] = {}): CandidateLayer => ({ kind, params });
const set = (...layers: CandidateLayer[]): CandidateSet => ({ layers });

const dense = layer('dense', { units: [8, 16], activation: ['relu', 'linear'] });

const cases: { name: string; set: CandidateSet; equivalent: boolean; reason: RegExp }[] = [
  { name: 'simpleRNN with hardSigmoid and dense', set: set(layer('simpleRNN', { activation: ['hardSigmoid'] }), dense), equivalent: true, reason: /SimpleRNN with hardSigmoid .*saturated-linear/ },
  { name: 'gru with tanh and dense', set: set(layer('gru', { activation: ['tanh'] }), dense), equivalent: true, reason: /GRU with tanh .*smooth analogue/ },
  { name: 'lstm with sigmoid among relu', set: set(layer('lstm', { activation: ['relu', 'sigmoid'] }), dense), equivalent: true, reason: /LSTM with sigmoid/ },
  { name: 'simpleRNN with the default activation', set: set(layer('simpleRNN', { units: [8] }), dense), equivalent: true, reason: /SimpleRNN with tanh/ },
  { name: 'hardSigmoid preferred over tanh', set: set(layer('gru', { activation: ['tanh'] }), layer('simpleRNN', { activation: ['hardSigmoid'] }), dense), equivalent: true, reason: /SimpleRNN with hardSigmoid/ },
  { name: 'simpleRNN with relu only', set: set(layer('simpleRNN', { activation: ['relu', 'elu'] }), dense), equivalent: false, reason: /SimpleRNN \(relu, elu\) do not saturate/ },
  { name: 'recurrent without dense', set: set(layer('simpleRNN', { activation: ['hardSigmoid'] })), equivalent: false, reason: /lacks Dense layers for the affine maps/ },
  { name: 'small feed-forward set', set: set(dense), equivalent: false, reason: /lacks a recurrent layer \(SimpleRNN, GRU or LSTM\).*feed-forward only/ },
  {
    name: 'large feed-forward set',
    set: set(
      layer('dense', { units: [8, 16, 32, 64, 128, 256, 512, 1024], activation: ['relu', 'tanh', 'sigmoid', 'hardSigmoid', 'linear'] }),
      layer('conv2d'),
      layer('maxPooling2d'),
      layer('flatten'),
      layer('dropout'),
      layer('batchNormalization'),
      layer('activation', { activation: ['hardSigmoid'] }),
      layer('add'),
      layer('concatenate'),
    ),
    equivalent: false,
    reason: /feed-forward only, so it computes in a fixed number of steps whatever its size/,
  },
  { name: 'default sequence set', set: defaultCandidateSet([10, 2]), equivalent: true, reason: /Turing-equivalent by Siegelmann and Sontag \(1995\)/ },
  { name: 'default vector set', set: defaultCandidateSet([2]), equivalent: false, reason: /feed-forward only/ },
];

describe('turingEquivalence', () => {
  for (const testCase of cases) {
    it(`${testCase.name}: ${testCase.equivalent ? 'equivalent' : 'not equivalent'}`, () => {
      const verdict = turingEquivalence(testCase.set);
      expect(verdict.equivalent).toBe(testCase.equivalent);
      expect(verdict.reason).toMatch(testCase.reason);
      expect(verdict.missing.length === 0).toBe(testCase.equivalent);
    });
  }

  it('states the precision assumption when equivalent', () => {
    expect(turingEquivalence(cases[0].set).reason).toMatch(/rational weights and unbounded precision/);
  });

  it('names kinds as the palette does', () => {
    const texts = [TURING_EXPLANATION, ...cases.flatMap((testCase) => {
      const verdict = turingEquivalence(testCase.set);
      return [verdict.reason, ...verdict.missing];
    })];
    for (const text of texts) {
      expect(text).not.toMatch(/\b(simpleRNN|gru|lstm|dense)\b/);
    }
    expect(TURING_EXPLANATION).toMatch(/a recurrent layer \(SimpleRNN, GRU or LSTM\)/);
  });

  it('explanation names the theorem and its assumptions', () => {
    expect(TURING_EXPLANATION).toMatch(/Siegelmann and Sontag \(1995\)/);
    expect(TURING_EXPLANATION).toMatch(/unbounded precision/);
    expect(TURING_EXPLANATION).toMatch(/feed-forward set of fixed depth is not/);
  });
});
