import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Rng } from '../../src/core/rng';
import { DEFAULT_PUBLIC_DIR } from '../../src/data/node-assets';
import { buildShippedFiles } from '../../scripts/build-datasets';
import { parseIdx } from '../../scripts/datasets/idx';
import { stratifiedSample } from '../../scripts/datasets/mnist';

describe('build-datasets', () => {
  it('rebuilds the committed files byte for byte', () => {
    const built = buildShippedFiles();
    const committed = readdirSync(join(DEFAULT_PUBLIC_DIR, 'data')).map((name) => `data/${name}`);
    expect([...built.keys()].sort()).toEqual(committed.sort());
    for (const [path, bytes] of built) {
      const onDisk = readFileSync(join(DEFAULT_PUBLIC_DIR, path));
      expect(Buffer.from(bytes).equals(onDisk), `${path} differs from a fresh build; run npm run data`).toBe(true);
    }
  });
});

describe('stratifiedSample', () => {
  // 10 classes of sizes 100, 110, ..., 190: 1,450 labels in all.
  const labels = Uint8Array.from(Array.from({ length: 10 }, (_, digit) => new Array(100 + 10 * digit).fill(digit)).flat());

  it('draws the requested count in ascending order', () => {
    const rows = stratifiedSample(labels, 300, new Rng(1));
    expect(rows).toHaveLength(300);
    expect(new Set(rows).size).toBe(300);
    expect(rows).toEqual([...rows].sort((a, b) => a - b));
  });

  it('keeps each class within one row of its share', () => {
    const rows = stratifiedSample(labels, 300, new Rng(2));
    for (let digit = 0; digit < 10; digit++) {
      const drawn = rows.filter((row) => labels[row] === digit).length;
      const share = ((100 + 10 * digit) * 300) / labels.length;
      expect(Math.abs(drawn - share), `digit ${digit}`).toBeLessThan(1);
    }
  });

  it('repeats for a seed and changes with it', () => {
    expect(stratifiedSample(labels, 300, new Rng(3))).toEqual(stratifiedSample(labels, 300, new Rng(3)));
    expect(stratifiedSample(labels, 300, new Rng(4))).not.toEqual(stratifiedSample(labels, 300, new Rng(3)));
  });
});

describe('parseIdx', () => {
  const header = (dimensions: number[], type = 0x08) => {
    const bytes = new Uint8Array(4 + 4 * dimensions.length);
    const view = new DataView(bytes.buffer);
    bytes[2] = type;
    bytes[3] = dimensions.length;
    dimensions.forEach((size, d) => view.setUint32(4 + 4 * d, size));
    return bytes;
  };

  it('reads shape and data', () => {
    const file = new Uint8Array([...header([2, 3]), 1, 2, 3, 4, 5, 6]);
    const parsed = parseIdx(file, 'tiny');
    expect(parsed.shape).toEqual([2, 3]);
    expect(Array.from(parsed.data)).toEqual([1, 2, 3, 4, 5, 6]);
  });

  const broken: [string, Uint8Array, RegExp][] = [
    ['a nonzero first byte', new Uint8Array([1, 0, 8, 1, 0, 0, 0, 0]), /tiny is not an IDX file: it does not start with two zero bytes\./],
    ['a float type', header([1], 0x0d), /tiny has IDX type code 0xd; only unsigned bytes \(0x08\) are read\./],
    ['missing data', new Uint8Array([...header([2, 2]), 1, 2, 3]), /tiny has 15 bytes, but its IDX header \(shape 2×2\) needs 16\./],
  ];
  it.each(broken)('rejects %s', (_case, file, message) => {
    expect(() => parseIdx(file, 'tiny')).toThrow(message);
  });
});
