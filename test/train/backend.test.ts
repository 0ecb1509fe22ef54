import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { BackendUnavailableError, initBackend } from '../../src/train/backend';

// Node has neither WebGPU nor WebGL2, so these run the fallback and error paths for real.
describe('initBackend in Node', () => {
  it.each(['cpu', 'wasm'] as const)('starts %s when asked for it', async (backend) => {
    const selection = await initBackend(backend);

    expect(selection).toEqual({ backend, tried: [{ backend }] });
    expect(tf.getBackend()).toBe(backend);
  });

  it('starts wasm without threads', async () => {
    await initBackend('wasm');

    expect(tf.env().getBool('WASM_HAS_MULTITHREAD_SUPPORT')).toBe(false);
  });

  it('auto skips webgpu and webgl, then takes wasm', async () => {
    const selection = await initBackend('auto');

    expect(selection.backend).toBe('wasm');
    expect(selection.tried.map((attempt) => attempt.backend)).toEqual(['webgpu', 'webgl', 'wasm']);
    expect(selection.tried[0].error).toMatch(/navigator\.gpu|requestAdapter/);
    expect(selection.tried[1].error).toMatch(/WebGL2/);
    expect(selection.tried[2].error).toBeUndefined();
    expect(tf.getBackend()).toBe('wasm');
  });

  it('never loads the GPU backend packages where their probe fails', async () => {
    await initBackend('auto');

    expect(tf.getKernelsForBackend('webgpu')).toHaveLength(0);
    expect(tf.getKernelsForBackend('webgl')).toHaveLength(0);
  });

  it.each([
    { backend: 'webgpu' as const, reason: /navigator\.gpu|requestAdapter/ },
    { backend: 'webgl' as const, reason: /WebGL2/ },
  ])('rejects an explicit $backend with the reason and the alternatives', async ({ backend, reason }) => {
    await initBackend('cpu');
    const failure = initBackend(backend);

    await expect(failure).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(failure).rejects.toThrow(new RegExp(`^The ${backend} backend is not available: `));
    await expect(failure).rejects.toThrow(reason);
    await expect(failure).rejects.toThrow(/Available here: wasm, cpu; choose one of them or "auto"\.$/);
    expect(tf.getBackend()).toBe('cpu');
  });
});
