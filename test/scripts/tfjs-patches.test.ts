import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAst, type Plugin, type UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import { PACKED_SHAPE, patchTfjs, SHAPE_BYTES, TFJS_PATCHES } from '../../scripts/tfjs-patches';
import { Rng } from '../../src/core/rng';
import viteConfig from '../../vite.config';

const installed = (file: string) => resolve('node_modules', file);

describe('patchTfjs', () => {
  it.each(TFJS_PATCHES.map((patch) => [patch.file, patch] as const))('rewrites installed %s validly', (_file, patch) => {
    const path = installed(patch.file);
    const original = readFileSync(path, 'utf8');
    const patched = patchTfjs(path, original);

    expect(patched).not.toBeNull();
    expect(patched).not.toBe(original);
    expect(() => parseAst(patched!)).not.toThrow();
    for (const helper of ['packedShape', 'shapeBytes'] as const) {
      const used = patch.helpers.includes(helper);
      expect(patched!.includes(`function ${helper}(shape)`)).toBe(used);
      // Beside its definition, each of these modules calls the helper at least once.
      if (used) expect(patched!.split(`${helper}(`).length - 1).toBeGreaterThan(1);
    }
  });

  it('leaves no shape encoding in patched kernels', () => {
    const kernels = TFJS_PATCHES.filter((patch) => patch.helpers.includes('shapeBytes'));
    expect(kernels.map((patch) => patch.file.split('/').pop())).toContain('binary_kernel.js');
    for (const patch of kernels) {
      const patched = patchTfjs(installed(patch.file), readFileSync(installed(patch.file), 'utf8'))!;
      const body = patched.slice(0, patched.indexOf('const shapeBytesRing'));
      expect(body).not.toContain('new Int32Array(');
    }
  });

  it('rewrites Tensor shapes', () => {
    const tensor = patchTfjs(installed('@tensorflow/tfjs-core/dist/tensor.js'), readFileSync(installed('@tensorflow/tfjs-core/dist/tensor.js'), 'utf8'))!;
    expect(tensor).toContain('this.shape = packedShape(shape);');
    expect(tensor).toContain('this.size = util.sizeFromShape(this.shape);');
    expect(tensor).toContain('this.strides = computeStrides(this.shape);');
  });

  it('looks kernels up through registration changes', () => {
    const path = installed('@tensorflow/tfjs-core/dist/kernel_registry.js');
    // The module's imports replaced by stand-ins, so that it runs on its own.
    const code = patchTfjs(path, readFileSync(path, 'utf8'))!
      .replace(/^import .*$/gm, '')
      .replaceAll('export function', 'function');
    const stubs = 'const env = () => ({ getBool: () => false }); const getGlobal = (name, make) => make(); const log = { warn() {} };';
    type Config = { kernelName: string; backendName: string };
    const registry = new Function(`${stubs}\n${code}\nreturn { getKernel, registerKernel, unregisterKernel };`)() as {
      getKernel(kernelName: string, backendName: string): Config | undefined;
      registerKernel(config: Config): void;
      unregisterKernel(kernelName: string, backendName: string): void;
    };
    const wasmAdd = { kernelName: 'Add', backendName: 'wasm' };
    const cpuAdd = { kernelName: 'Add', backendName: 'cpu' };

    expect(registry.getKernel('Add', 'wasm')).toBeUndefined();
    registry.registerKernel(wasmAdd);
    registry.registerKernel(cpuAdd);
    expect(registry.getKernel('Add', 'wasm')).toBe(wasmAdd);
    expect(registry.getKernel('Add', 'wasm')).toBe(wasmAdd);
    expect(registry.getKernel('Add', 'cpu')).toBe(cpuAdd);
    registry.unregisterKernel('Add', 'wasm');
    expect(registry.getKernel('Add', 'wasm')).toBeUndefined();
    expect(registry.getKernel('Add', 'cpu')).toBe(cpuAdd);
    const replacement = { kernelName: 'Add', backendName: 'wasm' };
    registry.registerKernel(replacement);
    expect(registry.getKernel('Add', 'wasm')).toBe(replacement);
  });

  it('matches query and Windows ids only', () => {
    const code = readFileSync(installed('@tensorflow/tfjs-core/dist/tape.js'), 'utf8');
    expect(patchTfjs(`${installed('@tensorflow/tfjs-core/dist/tape.js')}?v=1a2b3c`, code)).not.toBeNull();
    expect(patchTfjs('C:\\app\\node_modules\\@tensorflow\\tfjs-core\\dist\\tape.js', code)).not.toBeNull();
    expect(patchTfjs(installed('@tensorflow/tfjs-core/dist/util.js'), code)).toBeNull();
    expect(patchTfjs('/src/tape.js', code)).toBeNull();
  });

  it('throws on changed tfjs source', () => {
    const path = installed('@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js');
    expect(() => patchTfjs(path, 'export class BackendWasm { makeOutput(shape, dtype) {} }')).toThrow(
      /@tensorflow\/tfjs-backend-wasm\/dist\/backend_wasm\.js no longer contains .* Update TFJS_PATCHES in scripts\/tfjs-patches\.ts/,
    );
  });
});

describe('packedShape', () => {
  const packedShape = new Function(`${PACKED_SHAPE}\nreturn packedShape;`)() as (shape: readonly number[]) => number[];

  it.each([[[]], [[5]], [[2, 3]], [[1, 28, 28]], [[4, 1, 2, 8]], [[2, 2, 2, 2, 3]], [[1, 2, 3, 4, 5, 6]]])('copies %j', (shape) => {
    const holey = new Array<number>(shape.length);
    shape.forEach((size, i) => (holey[i] = size));
    for (const input of [shape, holey]) {
      const copy = packedShape(input);
      expect(copy).toEqual(shape);
      expect(copy).not.toBe(input);
    }
  });
});

type Tensor = { id: number };
type TapeNode = { id: number; kernelName: string; inputs: Record<string, Tensor>; outputs: Tensor[] };

/** Builds a random tape whose nodes take one to three earlier tensors, variables or constants. */
function randomTape(rng: Rng) {
  let nextId = 1_000_000;
  const tensor = () => ({ id: nextId++ });
  const xs = Array.from({ length: rng.int(1, 6) }, tensor);
  const pool: Tensor[] = [...xs, tensor(), tensor()];
  const tape: TapeNode[] = [];
  const length = rng.int(5, 64);
  for (let i = 0; i < length; i++) {
    const inputs: Record<string, Tensor> = {};
    for (const name of ['a', 'b', 'filter'].slice(0, rng.int(1, 3))) inputs[name] = rng.chance(0.25) ? tensor() : pool[rng.int(0, pool.length - 1)];
    const outputs = Array.from({ length: rng.int(1, 2) }, tensor);
    tape.push({ id: 500_000 + i, kernelName: `K${i % 7}`, inputs, outputs });
    pool.push(...outputs);
  }
  return { tape, xs, y: pool[pool.length - 1 - rng.int(0, 2)] };
}

describe('getFilteredNodesXToY', () => {
  type Filter = (tape: TapeNode[], xs: Tensor[], y: Tensor) => TapeNode[];
  const path = installed('@tensorflow/tfjs-core/dist/tape.js');
  const source = readFileSync(path, 'utf8');
  const compile = (code: string): Filter => {
    const body = /export function getFilteredNodesXToY[\s\S]*?\n {4}return filteredTape;\n\}/.exec(code)![0].replace('export ', '');
    return new Function(`${body}\nreturn getFilteredNodesXToY;`)() as Filter;
  };
  const original = compile(source);
  const patched = compile(patchTfjs(path, source)!);

  it('matches the original on random tapes', () => {
    const rng = new Rng(11);
    let keptNodes = 0;
    for (let round = 0; round < 300; round++) {
      const { tape, xs, y } = randomTape(rng);
      const expected = original(tape, xs, y);
      expect(patched(tape, xs, y)).toEqual(expected);
      keptNodes += expected.length;
    }
    // The tapes are not all filtered away: the comparison covers pruned nodes.
    expect(keptNodes).toBeGreaterThan(300);
  });
});

describe('backpropagateGradients', () => {
  type Gradient = { id: number; dtype: string; shape: number[]; parts: number[]; dispose(): void };
  type Backprop = (
    gradients: Record<number, Gradient>,
    tape: (TapeNode & { gradient: (dys: (Gradient | null)[]) => Record<string, () => Gradient> })[],
    tidy: (f: () => Gradient) => Gradient,
    add: (a: Gradient, b: Gradient) => Gradient,
  ) => void;
  const path = installed('@tensorflow/tfjs-core/dist/tape.js');
  const source = readFileSync(path, 'utf8');
  const compile = (code: string): Backprop => {
    const body = /export function backpropagateGradients[\s\S]*?\n\}/.exec(code)![0].replace('export ', '');
    const util = { arraysEqual: (a: number[], b: number[]) => a.length === b.length && a.every((v, i) => v === b[i]) };
    return new Function('util', `${body}\nreturn backpropagateGradients;`)(util) as Backprop;
  };
  const original = compile(source);
  const patched = compile(patchTfjs(path, source)!);

  /** Runs one backward pass over a random tape, where each gradient records which node and input made it. */
  function run(backprop: Backprop, seed: number) {
    const { tape, y } = randomTape(new Rng(seed));
    let nextId = 0;
    const disposed: number[] = [];
    const gradient = (parts: number[]): Gradient => {
      const id = nextId++;
      return { id, dtype: 'float32', shape: [1], parts, dispose: () => disposed.push(id) };
    };
    const nodes = tape.map((node) => ({
      ...node,
      inputs: Object.fromEntries(Object.entries(node.inputs).map(([name, input]) => [name, { ...input, shape: [1] }])),
      gradient: (dys: (Gradient | null)[]) =>
        Object.fromEntries(Object.keys(node.inputs).map((name, k) => [name, () => gradient([node.id * 10 + k, ...dys.flatMap((dy) => dy?.parts ?? [])])])),
    }));
    const accumulated: Record<number, Gradient> = { [y.id]: gradient([]) };
    backprop(accumulated, nodes, (f) => f(), (a, b) => gradient([...a.parts, ...b.parts]));
    return { gradients: Object.fromEntries(Object.entries(accumulated).map(([id, dx]) => [id, dx.parts])), disposed };
  }

  it('accumulates what the original does', () => {
    for (let seed = 1; seed <= 100; seed++) expect(run(patched, seed)).toEqual(run(original, seed));
  });
});

describe('assertInputCompatibility', () => {
  type Input = { rank: number; shape: number[]; dtype: string };
  type Spec = { axes?: Record<number, number | null>; ndim?: number };
  type Check = (this: { name: string; inputSpec: Spec[] }, inputs: Input[]) => void;
  const path = installed('@tensorflow/tfjs-layers/dist/engine/topology.js');
  const source = readFileSync(path, 'utf8');
  /** Compiles the method, from its name to its closing brace, into a function. */
  const compile = (code: string): Check => {
    const start = code.indexOf('assertInputCompatibility(inputs) {');
    let depth = 0;
    let end = code.indexOf('{', start);
    do {
      if (code[end] === '{') depth++;
      else if (code[end] === '}') depth--;
      end++;
    } while (depth > 0);
    class ValueError extends Error {}
    const genericUtils = { toList: (x: unknown) => (Array.isArray(x) ? x : [x]) };
    return new Function('generic_utils', 'ValueError', `return function ${code.slice(start, end)};`)(genericUtils, ValueError) as Check;
  };
  const original = compile(source);
  const patched = compile(patchTfjs(path, source)!);
  const outcome = (check: Check, spec: Spec, shape: number[]) => {
    try {
      check.call({ name: 'dense_1', inputSpec: [spec] }, [{ rank: shape.length, shape, dtype: 'float32' }]);
      return 'accepted';
    } catch (error) {
      return (error as Error).message;
    }
  };

  it.each<[string, Spec, number[]]>([
    ['a matching last axis', { axes: { [-1]: 8 } }, [32, 8]],
    ['a wrong last axis', { axes: { [-1]: 8 } }, [32, 4]],
    ['a wrong first axis', { axes: { 1: 3 } }, [2, 5, 3]],
    ['two axes', { axes: { 1: 28, [-1]: 1 } }, [4, 28, 28, 1]],
    ['an axis of any size', { axes: { [-1]: null } }, [4, 9]],
    ['a wrong rank before the axes', { ndim: 3, axes: { [-1]: 8 } }, [32, 8]],
  ])('judges %s as the original does', (_name, spec, shape) => {
    expect(outcome(patched, spec, shape)).toBe(outcome(original, spec, shape));
  });

  it('still rejects a wrong axis', () => {
    expect(outcome(patched, { axes: { [-1]: 8 } }, [32, 4])).toMatch(/expected axis -1 of input shape to have value 8 but got shape 32,4/);
  });
});

describe('shapeBytes', () => {
  const shapeBytes = new Function(`${SHAPE_BYTES}\nreturn shapeBytes;`)() as (shape: readonly number[]) => Uint8Array;
  const encoded = (shape: readonly number[]) => Array.from(new Uint8Array(new Int32Array(shape).buffer));

  it.each([[[]], [[5]], [[32, 2]], [[1, 28, 28, 16]], [[2, 2, 2, 2, 3]], [[1, 2, 3, 4, 5, 6, 7, 8]], [[1, 2, 3, 4, 5, 6, 7, 8, 9]]])('encodes %j', (shape) => {
    expect(Array.from(shapeBytes(shape))).toEqual(encoded(shape));
  });

  it('keeps three encodings apart', () => {
    // A kernel encodes up to three shapes before its call reads them.
    for (let round = 0; round < 10; round++) {
      const shapes = [[round, 1], [2, round], [round, round, round]];
      const bytes = shapes.map(shapeBytes);
      shapes.forEach((shape, i) => expect(Array.from(bytes[i])).toEqual(encoded(shape)));
    }
  });
});

describe('vite.config.ts', () => {
  const names = (plugins: unknown) => (plugins as Plugin[]).flat().map((plugin) => plugin?.name);
  const config = viteConfig as UserConfig;

  it('registers the plugin in three bundles', async () => {
    expect(names(config.plugins)).toContain('tfjs-patches');
    expect(names(await config.worker!.plugins!())).toContain('tfjs-patches');
    expect(names(config.optimizeDeps!.rolldownOptions!.plugins)).toContain('tfjs-patches');
  });
});
