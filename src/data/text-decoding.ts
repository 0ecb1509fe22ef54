/**
 * Decodes a text file's bytes. Spreadsheets on Windows save "Unicode text" as UTF-16 with a
 * byte order mark, so a UTF-16 mark selects that encoding. Without a mark, zero bytes decide:
 * UTF-8 text has none, while UTF-16 writes one for most characters of a header's commas,
 * digits and Latin column names, at odd positions (little-endian) or even ones (big-endian).
 * Otherwise the bytes are UTF-8, and a UTF-8 mark is dropped.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  const head = bytes.subarray(0, 128);
  let evenZeros = 0;
  let oddZeros = 0;
  head.forEach((byte, i) => {
    if (byte !== 0) return;
    if (i % 2 === 0) evenZeros++;
    else oddZeros++;
  });
  // A quarter of the characters as ASCII is enough; UTF-8 text would need NUL characters.
  const characters = head.length / 2;
  if (oddZeros > 0 && oddZeros >= characters / 4 && evenZeros === 0) return new TextDecoder('utf-16le').decode(bytes);
  if (evenZeros > 0 && evenZeros >= characters / 4 && oddZeros === 0) return new TextDecoder('utf-16be').decode(bytes);
  return new TextDecoder('utf-8').decode(bytes);
}
