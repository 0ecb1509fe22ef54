/**
 * SHA-256 (FIPS 180-4) in plain TypeScript.
 *
 * The loaders check shipped files with it. `crypto.subtle` would do the same, but browsers
 * offer it only on https and localhost pages, and a classroom may serve the app over plain
 * http on a local network.
 */

/** First 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const ROUND_CONSTANTS = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** First 32 bits of the fractional parts of the square roots of the first 8 primes. */
const INITIAL_HASH = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const BLOCK_BYTES = 64;

/** Returns the SHA-256 digest of `bytes` as 64 lowercase hexadecimal digits. */
export function sha256Hex(bytes: Uint8Array): string {
  const state = new Uint32Array(INITIAL_HASH);
  const schedule = new Uint32Array(64);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  const wholeBlocks = Math.floor(bytes.length / BLOCK_BYTES);
  for (let block = 0; block < wholeBlocks; block++) {
    compress(state, schedule, view, block * BLOCK_BYTES);
  }

  const tail = padTail(bytes, wholeBlocks * BLOCK_BYTES);
  const tailView = new DataView(tail.buffer);
  for (let offset = 0; offset < tail.length; offset += BLOCK_BYTES) {
    compress(state, schedule, tailView, offset);
  }

  return Array.from(state, (word) => word.toString(16).padStart(8, '0')).join('');
}

/** Builds the last one or two blocks: the leftover bytes, a 1 bit, zeros, and the bit length. */
function padTail(bytes: Uint8Array, start: number): Uint8Array {
  const leftover = bytes.length - start;
  const blocks = leftover + 9 <= BLOCK_BYTES ? 1 : 2;
  const tail = new Uint8Array(blocks * BLOCK_BYTES);
  tail.set(bytes.subarray(start));
  tail[leftover] = 0x80;

  // The message length in bits is a 64-bit big-endian integer, split into two words.
  const view = new DataView(tail.buffer);
  const bitLength = bytes.length * 8;
  view.setUint32(tail.length - 8, Math.floor(bitLength / 2 ** 32));
  view.setUint32(tail.length - 4, bitLength >>> 0);
  return tail;
}

function compress(state: Uint32Array, w: Uint32Array, view: DataView, offset: number): void {
  for (let t = 0; t < 16; t++) w[t] = view.getUint32(offset + 4 * t);
  for (let t = 16; t < 64; t++) {
    const s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >>> 3);
    const s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >>> 10);
    w[t] = (w[t - 16] + s0 + w[t - 7] + s1) | 0;
  }

  let [a, b, c, d, e, f, g, h] = state;
  for (let t = 0; t < 64; t++) {
    const sigma1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
    const choose = (e & f) ^ (~e & g);
    const t1 = (h + sigma1 + choose + ROUND_CONSTANTS[t] + w[t]) | 0;
    const sigma0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
    const majority = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (sigma0 + majority) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }

  state[0] += a;
  state[1] += b;
  state[2] += c;
  state[3] += d;
  state[4] += e;
  state[5] += f;
  state[6] += g;
  state[7] += h;
}

function rotr(word: number, bits: number): number {
  return (word >>> bits) | (word << (32 - bits));
}
