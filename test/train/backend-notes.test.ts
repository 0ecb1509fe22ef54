import { describe, expect, it } from 'vitest';
import { failedBackendsNote } from '../../src/train/backend-notes';

describe('failedBackendsNote', () => {
  it('writes a sentence per failed backend', () => {
    const note = failedBackendsNote([
      { backend: 'webgpu', error: 'only a software (fallback) adapter is available; choose WebGPU explicitly to use it.' },
      { backend: 'webgl', error: 'no WebGL context' },
      { backend: 'wasm' },
    ]);
    expect(note).toBe(
      'WebGPU unavailable: only a software (fallback) adapter is available; choose WebGPU explicitly to use it. WebGL unavailable: no WebGL context.',
    );
  });

  it('is null when none failed', () => {
    expect(failedBackendsNote([{ backend: 'wasm' }])).toBeNull();
  });
});
