/**
 * Reader of the IDX files in which MNIST is distributed.
 *
 * An IDX file starts with a 4-byte magic number: two zero bytes, a type code (0x08 for
 * unsigned bytes) and the number of dimensions. Then come that many 32-bit big-endian sizes,
 * then the data, row-major. MNIST images are 3-dimensional (count, 28, 28), labels 1-dimensional.
 */

export interface IdxArray {
  readonly shape: readonly number[];
  readonly data: Uint8Array;
}

const UNSIGNED_BYTE = 0x08;

/** Parses an IDX file of unsigned bytes, checking that the data length matches the header. */
export function parseIdx(bytes: Uint8Array, fileName: string): IdxArray {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length < 4 || view.getUint16(0) !== 0) {
    throw new Error(`${fileName} is not an IDX file: it does not start with two zero bytes.`);
  }
  const typeCode = bytes[2];
  const dimensions = bytes[3];
  if (typeCode !== UNSIGNED_BYTE) {
    throw new Error(`${fileName} has IDX type code 0x${typeCode.toString(16)}; only unsigned bytes (0x08) are read.`);
  }

  const headerBytes = 4 + 4 * dimensions;
  const shape = Array.from({ length: dimensions }, (_, d) => view.getUint32(4 + 4 * d));
  const dataBytes = shape.reduce((size, side) => size * side, 1);
  if (bytes.length !== headerBytes + dataBytes) {
    throw new Error(
      `${fileName} has ${bytes.length} bytes, but its IDX header (shape ${shape.join('×')}) needs ${headerBytes + dataBytes}.`,
    );
  }
  return { shape, data: bytes.subarray(headerBytes) };
}
