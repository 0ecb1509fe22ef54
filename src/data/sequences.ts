/**
 * Generators of sequence tasks where memory matters: parity, balanced brackets and the
 * adding problem. Each example is a sequence of variable length drawn uniformly from the
 * task's length range, stored as [timesteps, 2] with timesteps = the maximum length.
 *
 * Padding convention: shorter sequences are padded at the start with all-zero steps
 * (pre-padding), so every sequence ends on the last timestep, where a recurrent layer
 * without `returnSequences` reads its state. Every real step has at least one non-zero
 * feature, so padding is never mistaken for data.
 *
 * - parity: steps one-hot [bit is 0, bit is 1]; class 1 when the count of ones is odd.
 * - brackets: steps one-hot ["(", ")"]; class 1 when the string is balanced. Every length
 *   is even, so the length does not give the class away. Half of the unbalanced strings
 *   have as many "(" as ")" but close one too early, so counting alone does not solve the
 *   task either.
 * - adding: steps [value, marker]; values are uniform in [0, 1) and exactly two steps are
 *   marked, one in each half of the sequence. The target is the sum of the two marked
 *   values, a regression target in [0, 2).
 */

import type { Rng } from '../core/rng';
import { checkSampleCount } from './generated-checks';
import type { Split } from './types';

export const SEQUENCE_TASKS = ['parity', 'brackets', 'adding'] as const;
export type SequenceTaskId = (typeof SEQUENCE_TASKS)[number];

export const SEQUENCE_FEATURES = 2;

export interface LengthRange {
  readonly min: number;
  readonly max: number;
}

/** Length ranges of the generated sequences; the input has `max` timesteps. */
export const SEQUENCE_LENGTHS: Readonly<Record<SequenceTaskId, LengthRange>> = {
  parity: { min: 4, max: 12 },
  brackets: { min: 4, max: 12 },
  adding: { min: 8, max: 20 },
};

/** Draw limit of the rejection samplers; far above the expected draws (at most 7 at length 12). */
const MAX_DRAWS = 10_000;

/** A generated sequence set: the rows and the real length of each. */
export interface SequenceSet extends Split {
  readonly lengths: Int32Array;
}

export function isSequenceTask(task: string): task is SequenceTaskId {
  return (SEQUENCE_TASKS as readonly string[]).includes(task);
}

/** Returns the input shape [timesteps, features] of a sequence task. */
export function sequenceInputShape(task: SequenceTaskId): readonly number[] {
  return [SEQUENCE_LENGTHS[task].max, SEQUENCE_FEATURES];
}

/** Generates `samples` examples of a sequence task from `rng`. */
export function generateSequenceSet(task: SequenceTaskId, samples: number, rng: Rng): SequenceSet {
  checkSampleCount(task, samples, MIN_SEQUENCE_SAMPLES, MAX_SEQUENCE_SAMPLES);
  const { max } = SEQUENCE_LENGTHS[task];
  const x = new Float32Array(samples * max * SEQUENCE_FEATURES);
  const y = new Float32Array(samples);
  const lengths = new Int32Array(samples);

  for (let row = 0; row < samples; row++) {
    const example = EXAMPLES[task](row, rng);
    const offset = (row * max + (max - example.steps.length)) * SEQUENCE_FEATURES;
    example.steps.forEach((step, t) => x.set(step, offset + t * SEQUENCE_FEATURES));
    y[row] = example.target;
    lengths[row] = example.steps.length;
  }
  return { x, y, count: samples, lengths };
}

interface Example {
  readonly steps: readonly (readonly [number, number])[];
  readonly target: number;
}

const step = (first: number, second: number): readonly [number, number] => [first, second];

/** Draws example number `row`; classification tasks alternate the class by row, so any prefix is balanced. */
type ExampleSampler = (row: number, rng: Rng) => Example;

const EXAMPLES: Record<SequenceTaskId, ExampleSampler> = {
  parity: (row, rng) => {
    const label = row % 2;
    const bits = Array.from({ length: drawLength('parity', rng) }, () => (rng.chance(0.5) ? 1 : 0));
    // Flipping the last bit where needed keeps each string uniform among those of its class.
    if (bitParity(bits) !== label) bits[bits.length - 1] ^= 1;
    return { steps: bits.map((bit) => (bit === 1 ? step(0, 1) : step(1, 0))), target: label };
  },
  brackets: (row, rng) => {
    const label = row % 2;
    const length = drawEvenLength(rng);
    const text = label === 1 ? balancedBrackets(length, rng) : unbalancedBrackets(length, rng);
    return { steps: [...text].map((char) => (char === '(' ? step(1, 0) : step(0, 1))), target: label };
  },
  adding: (_row, rng) => {
    const length = drawLength('adding', rng);
    const half = Math.floor(length / 2);
    const marked = [rng.int(0, half - 1), rng.int(half, length - 1)];
    const steps = Array.from({ length }, (_, t) => step(rng.float(), marked.includes(t) ? 1 : 0));
    return { steps, target: steps[marked[0]][0] + steps[marked[1]][0] };
  },
};

export function bitParity(bits: readonly number[]): number {
  return bits.reduce((sum, bit) => sum + bit, 0) % 2;
}

/** Returns true when every ")" closes an earlier "(" and none stays open. */
export function isBalanced(text: string): boolean {
  let depth = 0;
  for (const char of text) {
    depth += char === '(' ? 1 : -1;
    if (depth < 0) return false;
  }
  return depth === 0;
}

function drawLength(task: SequenceTaskId, rng: Rng): number {
  const { min, max } = SEQUENCE_LENGTHS[task];
  return rng.int(min, max);
}

function drawEvenLength(rng: Rng): number {
  const { min, max } = SEQUENCE_LENGTHS.brackets;
  return 2 * rng.int(Math.ceil(min / 2), Math.floor(max / 2));
}

/** Shuffles `length / 2` of each bracket: a uniform draw among strings with equal counts. */
function shuffledPairs(length: number, rng: Rng): string {
  return rng.shuffle([...'('.repeat(length / 2), ...')'.repeat(length / 2)]).join('');
}

/** Draws a balanced string uniformly by rejection; at length 2n one shuffle in n + 1 is balanced. */
function balancedBrackets(length: number, rng: Rng): string {
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const text = shuffledPairs(length, rng);
    if (isBalanced(text)) return text;
  }
  throw new Error(`Drew no balanced bracket string of length ${length} in ${MAX_DRAWS} tries.`);
}

/**
 * Draws an unbalanced string: half of the time one with equal counts that closes too early,
 * otherwise a random string whose counts differ.
 */
function unbalancedBrackets(length: number, rng: Rng): string {
  const equalCounts = rng.chance(0.5);
  for (let draw = 0; draw < MAX_DRAWS; draw++) {
    const text = equalCounts
      ? shuffledPairs(length, rng)
      : Array.from({ length }, () => (rng.chance(0.5) ? '(' : ')')).join('');
    const opens = [...text].filter((char) => char === '(').length;
    if (!isBalanced(text) && (equalCounts || opens * 2 !== length)) return text;
  }
  throw new Error(`Drew no unbalanced bracket string of length ${length} in ${MAX_DRAWS} tries.`);
}

/** Limits on `samples`, the same as for the toy sets. */
export const MIN_SEQUENCE_SAMPLES = 20;
export const MAX_SEQUENCE_SAMPLES = 20_000;
