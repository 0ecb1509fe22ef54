/**
 * The Adam step as a small WebAssembly SIMD function that works on the wasm backend's own
 * memory, four float32 values per instruction.
 *
 * In JavaScript the step costs about 5 ns per weight on the development machine, mostly the
 * double-precision division and square root. tfjs' dozen element-wise kernels cost about the
 * same. Four-wide float32 division and square root take about a quarter of that (measured
 * there: 1.2 ns per weight). The module
 * is assembled here from its instructions (about 200 bytes), imports the backend's memory,
 * and exports one function:
 *
 *   adam(weights, gradient, first, second, nextWeights, nextFirst, nextSecond: byte addresses,
 *        groups: count of 4-value groups, beta1, beta2, 1 − beta1, 1 − beta2,
 *        learningRate / (1 − beta1^t), 1 / (1 − beta2^t), epsilon: f32)
 *
 * which writes, per value: m' = beta1·m + (1 − beta1)·g, v' = beta2·v + (1 − beta2)·g²,
 * w' = w − step·m' / (√(v'·c) + epsilon).
 */

/** Arguments of one Adam step over `count` values; addresses are byte offsets in the memory. */
export interface SimdAdamArgs {
  readonly weights: number;
  readonly gradient: number;
  readonly firstMoment: number;
  readonly secondMoment: number;
  readonly nextWeights: number;
  readonly nextFirstMoment: number;
  readonly nextSecondMoment: number;
  readonly count: number;
  readonly beta1: number;
  readonly beta2: number;
  /** learningRate / (1 − beta1^t). */
  readonly stepSize: number;
  /** 1 / (1 − beta2^t). */
  readonly secondScale: number;
  readonly epsilon: number;
}

const I32 = 0x7f;
const F32 = 0x7d;
const V128 = 0x7b;

const op = {
  block: [0x02, 0x40],
  loop: [0x03, 0x40],
  end: [0x0b],
  br: (depth: number) => [0x0c, depth],
  brIf: (depth: number) => [0x0d, depth],
  get: (index: number) => [0x20, index],
  set: (index: number) => [0x21, index],
  i32Const: (value: number) => [0x41, value],
  i32Add: [0x6a],
  i32Shl: [0x74],
  i32GeU: [0x4f],
  // SIMD instructions: prefix 0xfd, then the opcode as unsigned LEB128; loads and stores take
  // an alignment exponent (0: no promise) and an offset.
  load: [0xfd, 0x00, 0x00, 0x00],
  store: [0xfd, 0x0b, 0x00, 0x00],
  splat: [0xfd, 0x13],
  sqrt: [0xfd, 0xe3, 0x01],
  add: [0xfd, 0xe4, 0x01],
  sub: [0xfd, 0xe5, 0x01],
  mul: [0xfd, 0xe6, 0x01],
  div: [0xfd, 0xe7, 0x01],
} as const;

// Parameters, in order: 8 × i32 then 7 × f32.
const [W, G, M, V, NEXT_W, NEXT_M, NEXT_V, GROUPS] = [0, 1, 2, 3, 4, 5, 6, 7];
const [BETA1, BETA2, KEEP1, KEEP2, STEP, SCALE, EPS] = [8, 9, 10, 11, 12, 13, 14];
// Locals: the byte position and its end, the seven parameters splatted, and three vectors.
const [AT, END] = [15, 16];
const SPLAT_OFFSET = 17 - BETA1;
const [GRAD, MOMENT1, MOMENT2] = [24, 25, 26];

/** Loads the vector at `base + AT`. */
const loadAt = (base: number) => [...op.get(base), ...op.get(AT), ...op.i32Add, ...op.load];
const splatted = (param: number) => op.get(param + SPLAT_OFFSET);

function functionBody(): number[] {
  const code = [
    ...op.get(GROUPS), ...op.i32Const(4), ...op.i32Shl, ...op.set(END),
    ...[BETA1, BETA2, KEEP1, KEEP2, STEP, SCALE, EPS].flatMap((param) => [...op.get(param), ...op.splat, ...op.set(param + SPLAT_OFFSET)]),
    ...op.block, ...op.loop,
    ...op.get(AT), ...op.get(END), ...op.i32GeU, ...op.brIf(1),
    ...loadAt(G), ...op.set(GRAD),
    // m' = beta1·m + (1 − beta1)·g
    ...splatted(BETA1), ...loadAt(M), ...op.mul, ...splatted(KEEP1), ...op.get(GRAD), ...op.mul, ...op.add, ...op.set(MOMENT1),
    // v' = beta2·v + (1 − beta2)·g·g
    ...splatted(BETA2), ...loadAt(V), ...op.mul,
    ...splatted(KEEP2), ...op.get(GRAD), ...op.get(GRAD), ...op.mul, ...op.mul, ...op.add, ...op.set(MOMENT2),
    ...op.get(NEXT_M), ...op.get(AT), ...op.i32Add, ...op.get(MOMENT1), ...op.store,
    ...op.get(NEXT_V), ...op.get(AT), ...op.i32Add, ...op.get(MOMENT2), ...op.store,
    // w' = w − step·m' / (√(v'·scale) + epsilon)
    ...op.get(NEXT_W), ...op.get(AT), ...op.i32Add,
    ...loadAt(W),
    ...splatted(STEP), ...op.get(MOMENT1), ...op.mul,
    ...op.get(MOMENT2), ...splatted(SCALE), ...op.mul, ...op.sqrt, ...splatted(EPS), ...op.add,
    ...op.div, ...op.sub, ...op.store,
    ...op.get(AT), ...op.i32Const(16), ...op.i32Add, ...op.set(AT),
    ...op.br(0),
    ...op.end, ...op.end, ...op.end,
  ];
  const locals = [2, 0x02, I32, 0x0a, V128];
  return [...locals, ...code];
}

/** Encodes a module section: its id, then its byte length and content. */
function section(id: number, content: number[]): number[] {
  return [id, ...unsignedLeb128(content.length), ...content];
}

function unsignedLeb128(value: number): number[] {
  const bytes: number[] = [];
  do {
    let byte = value & 0x7f;
    value >>>= 7;
    if (value !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (value !== 0);
  return bytes;
}

const name = (text: string) => [text.length, ...[...text].map((c) => c.charCodeAt(0))];

/** Assembles the module's bytes. */
export function simdAdamModuleBytes(): Uint8Array<ArrayBuffer> {
  const params = [...Array<number>(8).fill(I32), ...Array<number>(7).fill(F32)];
  const body = functionBody();
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, params.length, ...params, 0]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, 0x00, 0x01]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('adam'), 0x00, 0]),
    ...section(10, [1, ...unsignedLeb128(body.length), ...body]),
  ]);
}

type AdamFunction = (...args: number[]) => void;

let compiled: WebAssembly.Module | null | undefined;
const instances = new WeakMap<WebAssembly.Memory, AdamFunction>();

/** Compiles the module once; returns null where this WebAssembly has no SIMD. */
function simdAdamModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    const bytes = simdAdamModuleBytes();
    compiled = WebAssembly.validate(bytes) ? new WebAssembly.Module(bytes) : null;
  }
  return compiled;
}

/**
 * Returns the SIMD Adam step bound to `memory`, or null where WebAssembly SIMD is missing or
 * the memory is shared (the threaded wasm build), so that callers step in JavaScript instead.
 */
export function simdAdamFor(memory: WebAssembly.Memory): ((args: SimdAdamArgs) => void) | null {
  const module = simdAdamModule();
  if (!module || (typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer)) return null;
  let adam = instances.get(memory);
  if (!adam) {
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    adam = instance.exports.adam as AdamFunction;
    instances.set(memory, adam);
  }
  const step = adam;
  return (args) =>
    step(
      args.weights, args.gradient, args.firstMoment, args.secondMoment,
      args.nextWeights, args.nextFirstMoment, args.nextSecondMoment,
      args.count >>> 2,
      args.beta1, args.beta2, 1 - args.beta1, 1 - args.beta2, args.stepSize, args.secondScale, args.epsilon,
    );
}
