/**
 * Decodes a text file's bytes. Spreadsheets on Windows save "Unicode text" as UTF-16 with a
 * byte order mark, so a UTF-16 mark selects that encoding. Without a mark, a file whose
 * first two characters each have a zero byte is UTF-16 too: a data file starts with a header
 * of ASCII column names, which UTF-8 never writes with zero bytes. Otherwise the bytes are
 * UTF-8, and a UTF-8 mark is dropped.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes.length >= 4) {
    if (bytes[0] !== 0 && bytes[1] === 0 && bytes[2] !== 0 && bytes[3] === 0) return new TextDecoder('utf-16le').decode(bytes);
    if (bytes[0] === 0 && bytes[1] !== 0 && bytes[2] === 0 && bytes[3] !== 0) return new TextDecoder('utf-16be').decode(bytes);
  }
  return new TextDecoder('utf-8').decode(bytes);
}
