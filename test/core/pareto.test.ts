import { describe, expect, it } from 'vitest';
import { paretoFront, type ParetoPoint } from '../../src/core/pareto';
import { Rng } from '../../src/core/rng';

const point = (id: string, fitness: number, params: number, failed = false) => ({ id, fitness, params, failed });

/** Checks the front by definition: nothing in the set dominates a member, and every non-member is dominated or a duplicate. */
function dominates(a: ParetoPoint, b: ParetoPoint): boolean {
  return a.fitness >= b.fitness && a.params <= b.params && (a.fitness > b.fitness || a.params < b.params);
}

describe('paretoFront', () => {
  it('keeps the points no other beats on both', () => {
    const points = [point('a', 0.8, 100), point('b', 0.9, 500), point('c', 0.7, 300), point('d', 0.95, 2000), point('e', 0.6, 50)];
    expect(paretoFront(points).map((p) => p.id)).toEqual(['e', 'a', 'b', 'd']);
  });

  it('drops failed candidates and keeps one of equal points', () => {
    const points = [point('a', 0.8, 100), point('b', 0.8, 100), point('c', 0.99, 10, true), point('d', 0.8, 200)];
    expect(paretoFront(points).map((p) => p.id)).toEqual(['a']);
  });

  it('returns nothing for no results', () => {
    expect(paretoFront([])).toEqual([]);
  });

  it('agrees with the definition on random sets', () => {
    const rng = new Rng(5);
    for (let trial = 0; trial < 50; trial++) {
      const points = Array.from({ length: 30 }, (_, i) => point(`p${i}`, Math.round(rng.float() * 20) / 20, rng.int(1, 40) * 100, rng.chance(0.1)));
      const front = paretoFront(points);
      const healthy = points.filter((p) => !p.failed);
      for (const member of front) expect(healthy.some((other) => dominates(other, member))).toBe(false);
      for (const other of healthy.filter((p) => !front.includes(p))) {
        const covered = front.some((member) => dominates(member, other) || (member.fitness === other.fitness && member.params === other.params));
        expect(covered).toBe(true);
      }
    }
  });
});
