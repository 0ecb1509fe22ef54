import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseAst, type Plugin, type UserConfig } from 'vite';
import { describe, expect, it } from 'vitest';
import { PACKED_SHAPE, patchTfjs, TFJS_PATCHES } from '../../scripts/tfjs-patches';
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
    expect(patched!.includes('function packedShape(shape)')).toBe(patch.packedShape);
    // Beside its definition, each of these modules calls packedShape at least once.
    if (patch.packedShape) expect(patched!.split('packedShape(').length - 1).toBeGreaterThan(1);
  });

  it('rewrites tape loops and Tensor shapes', () => {
    const tape = patchTfjs(installed('@tensorflow/tfjs-core/dist/tape.js'), readFileSync(installed('@tensorflow/tfjs-core/dist/tape.js'), 'utf8'))!;
    const filter = tape.slice(tape.indexOf('export function getFilteredNodesXToY'), tape.indexOf('export function backpropagateGradients'));
    expect(filter.length).toBeGreaterThan(0);
    expect(/for \(const \w+ in /.test(filter)).toBe(false);
    expect(filter.split('Object.values(nodeInputs)').length - 1).toBe(2);

    const tensor = patchTfjs(installed('@tensorflow/tfjs-core/dist/tensor.js'), readFileSync(installed('@tensorflow/tfjs-core/dist/tensor.js'), 'utf8'))!;
    expect(tensor).toContain('this.shape = packedShape(shape);');
    expect(tensor).toContain('this.size = util.sizeFromShape(this.shape);');
    expect(tensor).toContain('this.strides = computeStrides(this.shape);');
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

describe('vite.config.ts', () => {
  const names = (plugins: unknown) => (plugins as Plugin[]).flat().map((plugin) => plugin?.name);
  const config = viteConfig as UserConfig;

  it('registers the plugin in three bundles', async () => {
    expect(names(config.plugins)).toContain('tfjs-patches');
    expect(names(await config.worker!.plugins!())).toContain('tfjs-patches');
    expect(names(config.optimizeDeps!.rolldownOptions!.plugins)).toContain('tfjs-patches');
  });
});
