/** Calling one backend's kernels from inside another kernel, as backends compose their own. */

import * as tf from '@tensorflow/tfjs-core';
import type { KernelBackend, KernelFunc, NamedAttrMap, TensorInfo } from '@tensorflow/tfjs-core';

export interface KernelArgs {
  readonly inputs: Record<string, TensorInfo | undefined>;
  readonly backend: KernelBackend;
  readonly attrs: NamedAttrMap;
}

/** Runs another kernel of the same backend, as backends compose their own kernels. */
export function runKernel(backendName: string, kernelName: string, args: KernelArgs): TensorInfo {
  const kernel = tf.getKernel(kernelName, backendName);
  if (!kernel) {
    throw new Error(`The ${backendName} backend has no ${kernelName} kernel, which the replacement kernels need.`);
  }
  return kernel.kernelFunc(args as Parameters<KernelFunc>[0]) as TensorInfo;
}

/** Frees the backend buffers of `infos`, except those listed in `keep`. */
export function disposeIntermediates(backend: KernelBackend, keep: readonly TensorInfo[], infos: readonly TensorInfo[]): void {
  for (const info of new Set(infos)) {
    if (!keep.includes(info)) backend.disposeData(info.dataId);
  }
}

