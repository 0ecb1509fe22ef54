import { describe, expect, it } from 'vitest';
import { candidateSetProblems } from '../../src/core/candidate-set';
import { LAYERS } from '../../src/core/layers';
import type { CandidateSet } from '../../src/core/strategy';
import {
  CANDIDATE_KINDS,
  choicesOf,
  defaultEntry,
  formatValueList,
  parseValueList,
  setMaxDepth,
  setParamValues,
  toggleKind,
  variantCount,
} from '../../src/state/candidate-set-edit';

const DENSE_ONLY: CandidateSet = { layers: [{ kind: 'dense', params: { units: [8], activation: ['relu'] } }] };

describe('toggleKind', () => {
  it('adds a kind with the default set values', () => {
    const set = toggleKind(DENSE_ONLY, 'gru', true, [12, 1]);
    expect(set.layers.map((entry) => entry.kind)).toEqual(['dense', 'gru']);
    expect(set.layers[1].params.units).toEqual([8, 16, 32]);
  });

  it('gives other kinds the registry defaults', () => {
    const set = toggleKind(DENSE_ONLY, 'conv2d', true, [2]);
    const entry = set.layers.find((layer) => layer.kind === 'conv2d')!;
    for (const [name, spec] of Object.entries(LAYERS.conv2d.params)) expect(entry.params[name]).toEqual([spec.default]);
  });

  it('keeps palette order', () => {
    let set: CandidateSet = { layers: [] };
    for (const kind of ['lstm', 'dropout', 'dense'] as const) set = toggleKind(set, kind, true, [12, 1]);
    const positions = set.layers.map((entry) => CANDIDATE_KINDS.indexOf(entry.kind));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  it('removes a kind without mutating the set', () => {
    const set = toggleKind(DENSE_ONLY, 'dense', false, [2]);
    expect(set.layers).toEqual([]);
    expect(DENSE_ONLY.layers).toHaveLength(1);
    expect(candidateSetProblems(set).join(' ')).toMatch(/empty: enable at least one layer kind/);
  });

  it('adds only valid entries per input rank', () => {
    for (const shape of [[2], [12, 1], [28, 28, 1]]) {
      const set = CANDIDATE_KINDS.reduce((acc, kind) => toggleKind(acc, kind, true, shape), { layers: [] } as CandidateSet);
      expect(candidateSetProblems(set)).toEqual([]);
      expect(defaultEntry('dense', shape).kind).toBe('dense');
    }
  });
});

describe('setParamValues and setMaxDepth', () => {
  it('sets a list or falls back to the default', () => {
    const set = setParamValues(DENSE_ONLY, 'dense', 'units', [4, 64]);
    expect(set.layers[0].params.units).toEqual([4, 64]);
    expect(variantCount(set.layers[0])).toBe(2);
    const cleared = setParamValues(set, 'dense', 'activation', []);
    expect(cleared.layers[0].params).not.toHaveProperty('activation');
  });

  it.each([
    [0, 1],
    [3.4, 3],
    [99, 8],
  ])('clamps max depth %s to %s', (depth, expected) => {
    expect(setMaxDepth(DENSE_ONLY, depth).maxDepth).toBe(expected);
  });
});

describe('parseValueList', () => {
  const units = LAYERS.dense.params.units;
  const rate = LAYERS.dropout.params.rate;

  it.each([
    ['8, 16, 32', [8, 16, 32]],
    ['8 16;16', [8, 16]],
    ['', []],
  ])('reads "%s" for units', (text, values) => {
    expect(parseValueList(text, units)).toEqual({ ok: true, values });
  });

  it.each([
    ['8, x', /"x" is not allowed; list whole numbers from 1 to 1024/],
    ['4.5', /"4.5" is not allowed/],
    ['2000', /"2000" is not allowed/],
  ])('rejects "%s" for units', (text, message) => {
    const parsed = parseValueList(text, units);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });

  it('reads rates and rejects one too high', () => {
    expect(parseValueList('0.1, 0.5', rate)).toEqual({ ok: true, values: [0.1, 0.5] });
    const parsed = parseValueList('0.95', rate);
    expect(parsed.ok ? '' : parsed.error).toMatch(/numbers from 0 to 0.9/);
  });

  it('lists choices of enums and booleans only', () => {
    expect(choicesOf(LAYERS.dense.params.activation)).toContain('hardSigmoid');
    expect(choicesOf(LAYERS.gru.params.returnSequences)).toEqual([false, true]);
    expect(choicesOf(units)).toBeNull();
    expect(formatValueList([8, 16])).toBe('8, 16');
  });
});
