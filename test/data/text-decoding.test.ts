import { describe, expect, it } from 'vitest';
import { decodeText } from '../../src/data/text-decoding';

const CSV = 'x,label,split\n0.5,é,train\n';

/** Encodes text as UTF-16 with a byte order mark, as spreadsheets save "Unicode text". */
function utf16(text: string, littleEndian: boolean): Uint8Array {
  const bytes = new Uint8Array(2 + 2 * text.length);
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 0xfeff, littleEndian);
  for (let i = 0; i < text.length; i++) view.setUint16(2 + 2 * i, text.charCodeAt(i), littleEndian);
  return bytes;
}

describe('decodeText', () => {
  it('reads UTF-8, with or without a byte order mark', () => {
    const plain = new TextEncoder().encode(CSV);
    expect(decodeText(plain)).toBe(CSV);
    expect(decodeText(new Uint8Array([0xef, 0xbb, 0xbf, ...plain]))).toBe(CSV);
  });

  it('reads UTF-16 of either byte order by its mark', () => {
    expect(decodeText(utf16(CSV, true))).toBe(CSV);
    expect(decodeText(utf16(CSV, false))).toBe(CSV);
  });

  it('reads UTF-16 without a mark by the zero bytes of its header', () => {
    expect(decodeText(utf16(CSV, true).subarray(2))).toBe(CSV);
    expect(decodeText(utf16(CSV, false).subarray(2))).toBe(CSV);
    // A header that starts with Chinese column names still has zero bytes in its commas and Latin names.
    const chinese = '价格,面积,label,split\n1,2,a,train\n';
    expect(decodeText(utf16(chinese, true).subarray(2))).toBe(chinese);
  });

  it('reads a short or empty UTF-8 file as UTF-8', () => {
    expect(decodeText(new Uint8Array(0))).toBe('');
    expect(decodeText(new TextEncoder().encode('a'))).toBe('a');
  });
});
