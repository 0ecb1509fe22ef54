import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/data/sha256';

describe('sha256Hex', () => {
  it('matches the FIPS 180-4 example for "abc"', () => {
    expect(sha256Hex(new TextEncoder().encode('abc'))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
  });

  it('hashes empty input', () => {
    expect(sha256Hex(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  // Lengths around the 55- and 64-byte padding boundaries, where one or two tail blocks are needed.
  const lengths = [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 100_003];
  it.each(lengths)('agrees with node:crypto for %i bytes', (length) => {
    const bytes = new Uint8Array(length).map((_, i) => (i * 131 + 7) & 0xff);
    expect(sha256Hex(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('hashes only the viewed part of a buffer', () => {
    const buffer = new Uint8Array(100).map((_, i) => i);
    const view = buffer.subarray(10, 90);
    expect(sha256Hex(view)).toBe(createHash('sha256').update(view).digest('hex'));
  });
});
