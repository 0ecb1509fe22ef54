/**
 * Direct access to the float32 buffers of the wasm and cpu backends, for kernels written in
 * JavaScript (fused-adam.ts, pool-kernels.ts). Both backends keep a tensor's values in one
 * flat array: wasm in its WebAssembly memory, cpu in a Float32Array.
 */

import * as tf from '@tensorflow/tfjs-core';
import type { KernelBackend, TensorInfo } from '@tensorflow/tfjs-core';

export interface BufferAccess {
  /** Allocates a float32 output of `shape`. Its values are undefined unless `zeroed` is set. */
  allocate(shape: number[], zeroed?: boolean): TensorInfo;
  /** Returns the values of a float32 tensor. Take views after the last allocation: wasm's memory may grow and detach older ones. */
  view(info: TensorInfo): Float32Array;
  /** Returns the byte address of a tensor in wasm's memory; null on cpu. */
  address(info: TensorInfo): number | null;
  /** The memory of the wasm backend; null on cpu. */
  readonly memory: WebAssembly.Memory | null;
}

interface WasmBackendLike {
  makeOutput(shape: number[], dtype: 'float32'): TensorInfo;
  typedArrayFromHeap(info: TensorInfo): Float32Array;
  dataIdMap: { get(dataId: object): { memoryOffset: number } };
  wasm: { asm: { memory: WebAssembly.Memory } };
}

interface CpuBackendLike {
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): TensorInfo;
  data: { get(dataId: object): { values: Float32Array } };
}

/** Backends whose buffers `bufferAccess` reaches. */
export const BUFFER_BACKENDS = ['wasm', 'cpu'] as const;

/** Returns buffer access for a kernel of `backendName` ('wasm' or 'cpu'). */
export function bufferAccess(backendName: string, backend: KernelBackend): BufferAccess {
  if (backendName === 'wasm') {
    const wasm = backend as unknown as WasmBackendLike;
    return {
      allocate: (shape, zeroed = false) => {
        const info = wasm.makeOutput(shape, 'float32');
        if (zeroed) wasm.typedArrayFromHeap(info).fill(0);
        return info;
      },
      view: (info) => wasm.typedArrayFromHeap(info),
      address: (info) => wasm.dataIdMap.get(info.dataId).memoryOffset,
      memory: wasm.wasm.asm.memory,
    };
  }
  if (backendName !== 'cpu') throw new Error(`JavaScript kernels run on wasm and cpu only, not on ${backendName}.`);
  const cpu = backend as unknown as CpuBackendLike;
  return {
    allocate: (shape) => cpu.makeTensorInfo(shape, 'float32', new Float32Array(tf.util.sizeFromShape(shape))),
    view: (info) => cpu.data.get(info.dataId).values,
    address: () => null,
    memory: null,
  };
}

/** Throws unless every input is float32, naming the kernel and the input. */
export function checkFloat32(kernelName: string, inputs: Record<string, TensorInfo | undefined>): void {
  for (const [name, info] of Object.entries(inputs)) {
    if (info && info.dtype !== 'float32') throw new Error(`${kernelName} needs float32 tensors, got ${info.dtype} for ${name}.`);
  }
}
