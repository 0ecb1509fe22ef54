/**
 * URLs of the tfjs wasm binaries in a Vite build, for `initBackend(preference, { wasmPaths })`.
 *
 * Only browser code may import this module: the `?url` suffix is a Vite feature that Node
 * cannot resolve. `setWasmPaths` requires an entry for each of the three binaries, although
 * with multithreading switched off only the plain and SIMD builds are ever fetched.
 */

import plainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import simdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import threadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export const WASM_PATHS: Readonly<Record<string, string>> = {
  'tfjs-backend-wasm.wasm': plainUrl,
  'tfjs-backend-wasm-simd.wasm': simdUrl,
  'tfjs-backend-wasm-threaded-simd.wasm': threadedSimdUrl,
};
