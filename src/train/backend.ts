/**
 * Choosing and starting a tfjs backend: webgpu, then webgl, then wasm, then cpu.
 *
 * Backend packages are imported only when tried, so Node never loads webgl or webgpu.
 * Importing tfjs-backend-webgpu registers it with a higher priority than webgl and wasm,
 * which would make it tfjs' default, so every choice here ends in an explicit `setBackend`.
 */

import * as tf from '@tensorflow/tfjs-core';
import { BACKENDS, type BackendName, type BackendPreference } from './types';

export interface BackendOptions {
  /**
   * URLs of the wasm binaries by file name, as `setWasmPaths` takes them. Browser builds pass
   * `WASM_PATHS` from `wasm-paths.browser.ts`; Node finds the files next to the package.
   */
  readonly wasmPaths?: Readonly<Record<string, string>>;
}

export interface BackendAttempt {
  readonly backend: BackendName;
  /** Reason the backend could not be used; absent for the chosen one. */
  readonly error?: string;
}

export interface BackendSelection {
  readonly backend: BackendName;
  readonly tried: readonly BackendAttempt[];
}

/** Raised when an explicitly requested backend cannot start. */
export class BackendUnavailableError extends Error {
  constructor(
    readonly backend: BackendName,
    readonly reason: string,
    readonly available: readonly BackendName[],
  ) {
    super(
      `The ${backend} backend is not available: ${reason} ` +
        `Available here: ${available.length > 0 ? available.join(', ') : 'none'}; choose one of them or "auto".`,
    );
    this.name = 'BackendUnavailableError';
  }
}

/** How long a backend may take to initialise before it counts as failed. */
const INIT_TIMEOUT_MS = 30_000;

interface GpuAdapter {
  readonly isFallbackAdapter?: boolean;
  readonly info?: { readonly isFallbackAdapter?: boolean; readonly description?: string };
}

interface GpuNavigator {
  readonly gpu?: { requestAdapter(): Promise<GpuAdapter | null> };
}

/** Renderer names of software GPU implementations, which train slower than the wasm backend. */
const SOFTWARE_RENDERER = /swiftshader|llvmpipe|software|softpipe|lavapipe/i;

/**
 * Returns why a backend cannot run in this environment, or null when it may. With
 * `allowSoftware` false, a GPU backend that only has a software implementation (a fallback
 * WebGPU adapter, SwiftShader WebGL) counts as unavailable, because wasm trains faster there.
 */
async function probe(backend: BackendName, allowSoftware = true): Promise<string | null> {
  switch (backend) {
    case 'webgpu': {
      const gpu = (globalThis.navigator as GpuNavigator | undefined)?.gpu;
      if (!gpu) return 'navigator.gpu is missing (no WebGPU in this environment).';
      // navigator.gpu exists in browsers that have WebGPU switched off; only an adapter proves it works.
      const adapter = await gpu.requestAdapter().catch(() => null);
      if (!adapter) return 'navigator.gpu.requestAdapter() returned no adapter.';
      const fallback = adapter.isFallbackAdapter ?? adapter.info?.isFallbackAdapter ?? false;
      if (fallback && !allowSoftware) {
        return 'only a software (fallback) adapter is available, which trains slower than wasm; choose WebGPU explicitly to use it.';
      }
      return null;
    }
    case 'webgl': {
      const renderer = webGL2Renderer();
      if (renderer === null) return 'no WebGL2 context could be created (needs OffscreenCanvas or a document).';
      if (!allowSoftware && SOFTWARE_RENDERER.test(renderer)) {
        return `only a software renderer (${renderer}) is available, which trains slower than wasm; choose WebGL explicitly to use it.`;
      }
      return null;
    }
    case 'wasm':
      return typeof WebAssembly === 'object' ? null : 'WebAssembly is missing.';
    case 'cpu':
      return null;
  }
}

/** Returns the WebGL2 renderer name ('' when hidden), or null when no WebGL2 context exists. */
function webGL2Renderer(): string | null {
  let canvas: OffscreenCanvas | HTMLCanvasElement | null = null;
  if (typeof OffscreenCanvas !== 'undefined') canvas = new OffscreenCanvas(1, 1);
  else if (typeof document !== 'undefined') canvas = document.createElement('canvas');
  if (!canvas) return null;

  const context = canvas.getContext('webgl2') as WebGL2RenderingContext | null;
  if (!context) return null;
  const debug = context.getExtension('WEBGL_debug_renderer_info');
  const renderer = debug ? String(context.getParameter(debug.UNMASKED_RENDERER_WEBGL)) : String(context.getParameter(context.RENDERER));
  // Release the probe's context at once: browsers cap the number of live WebGL contexts.
  context.getExtension('WEBGL_lose_context')?.loseContext();
  return renderer;
}

/** Imports a backend's package, which registers it with tfjs. */
async function importBackend(backend: BackendName, options: BackendOptions): Promise<void> {
  switch (backend) {
    case 'webgpu':
      await import('@tensorflow/tfjs-backend-webgpu');
      return;
    case 'webgl':
      await import('@tensorflow/tfjs-backend-webgl');
      return;
    case 'cpu':
      await import('@tensorflow/tfjs-backend-cpu');
      return;
    case 'wasm': {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // The threaded build never finishes initialising in minified Vite builds; the SIMD build does.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      // The paths only matter before the backend first starts. After a failed start, setWasmPaths throws.
      if (options.wasmPaths && !tf.findBackend('wasm')) wasm.setWasmPaths({ ...options.wasmPaths });
      return;
    }
  }
}

/** Runs `setBackend`, returning the reason tfjs logs when it fails (tfjs only warns). */
async function setBackendWithReason(backend: BackendName): Promise<string | null> {
  const warnings: string[] = [];
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    warnings.push(args.map(String).join(' '));
    warn(...args);
  };
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<string>((resolve) => {
    timer = setTimeout(() => resolve(`it did not finish initialising within ${INIT_TIMEOUT_MS / 1000} s.`), INIT_TIMEOUT_MS);
  });
  try {
    const started = tf.setBackend(backend).then((ok) =>
      ok ? null : `tfjs could not initialise it: ${warnings.slice(1).join(' ').split('\n')[0] || 'no reason logged'}.`,
    );
    return await Promise.race([started, timeout]);
  } catch (error) {
    return `tfjs could not initialise it: ${error instanceof Error ? error.message : String(error)}`;
  } finally {
    clearTimeout(timer);
    console.warn = warn;
  }
}

/**
 * Makes `backend` the active tfjs backend, importing its package first. Returns the reason it
 * failed, or null on success; on failure the previously active backend stays active.
 */
export async function activateBackend(
  backend: BackendName,
  options: BackendOptions = {},
  allowSoftware = true,
): Promise<string | null> {
  const unavailable = await probe(backend, allowSoftware);
  if (unavailable) return unavailable;
  try {
    await importBackend(backend, options);
  } catch (error) {
    return `its package failed to load: ${error instanceof Error ? error.message : String(error)}`;
  }

  const previous = tf.getBackend() as string | undefined;
  const error = await setBackendWithReason(backend);
  // tfjs keeps the failed backend's name as current, so put the previous one back.
  if (error !== null && previous && previous !== backend && tf.findBackend(previous)) await tf.setBackend(previous);
  return error;
}

/**
 * Starts the preferred backend. 'auto' tries webgpu, webgl, wasm and cpu in that order and
 * keeps the first that starts, skipping GPU backends that only have a software implementation. An explicit preference either starts or throws
 * `BackendUnavailableError`, which names the reason and the backends that pass their probe here.
 */
export async function initBackend(preference: BackendPreference, options: BackendOptions = {}): Promise<BackendSelection> {
  const candidates: readonly BackendName[] = preference === 'auto' ? BACKENDS : [preference];
  const tried: BackendAttempt[] = [];

  for (const backend of candidates) {
    const error = await activateBackend(backend, options, preference !== 'auto');
    if (error === null) {
      tried.push({ backend });
      return { backend, tried };
    }
    tried.push({ backend, error });
  }

  if (preference !== 'auto') {
    const available: BackendName[] = [];
    for (const backend of BACKENDS) {
      if (backend !== preference && (await probe(backend)) === null) available.push(backend);
    }
    throw new BackendUnavailableError(preference, tried[0].error!, available);
  }
  throw new Error(`No tfjs backend could start: ${tried.map((t) => `${t.backend}: ${t.error}`).join(' ')}`);
}
