/** Words for the backends a worker could not start, kept free of tfjs for the page's main bundle. */

import type { BackendAttempt } from './backend';
import type { BackendName } from './types';

const BACKEND_NAMES: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/**
 * Describes the backends that could not be used, one sentence each ("WebGL unavailable:
 * …."). Returns null when none failed.
 */
export function failedBackendsNote(tried: readonly BackendAttempt[]): string | null {
  const failed = tried.filter((attempt) => attempt.error);
  if (failed.length === 0) return null;
  return failed.map((attempt) => `${BACKEND_NAMES[attempt.backend]} unavailable: ${attempt.error!.replace(/\.?$/, '.')}`).join(' ');
}
