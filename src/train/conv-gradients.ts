/**
 * Convolution gradients for the wasm and cpu backends, written as forward convolutions.
 *
 * tfjs-backend-wasm 4.22 has no Conv2DBackpropFilter kernel, and its Conv2DBackpropInput
 * loops over every input position and filter tap. For a [64, 14, 14, 32] output gradient and
 * a 3×3×16×32 filter it took 45 ms, against 4 ms for the forward convolution of the same
 * size (development machine, busy). Both gradients are convolutions themselves, which wasm
 * runs with XNNPACK.
 */

import * as tf from '@tensorflow/tfjs-core';
import { backend_util, type KernelConfig, type KernelFunc, type NamedAttrMap, type TensorInfo } from '@tensorflow/tfjs-core';
import { bufferAccess, type BufferAccess } from './backend-buffers';
import { disposeIntermediates, runKernel, type KernelArgs } from './kernel-calls';

type Conv2DInfo = backend_util.Conv2DInfo;
type Run = (kernelName: string, inputs: Record<string, TensorInfo>, attrs: NamedAttrMap) => TensorInfo;

/**
 * Filter gradient as a forward convolution: dW[i, j, c, o] = Σ_{n, p, q} x[n, p·s + i,
 * q·s + j, c] · dy[n, p, q, o]. Taking the input channels as the batch and the examples as
 * the channels, that sum is a convolution of the padded input with dy as the filter, dilated
 * by the stride.
 */
function filterGradientByConvolution(run: Run, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo[] {
  const { top, bottom, left, right } = info.padInfo;
  const channelsAsBatch = run('Transpose', { x }, { perm: [3, 1, 2, 0] });
  const dyAsFilter = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] });
  const full = run(
    'Conv2D',
    { x: channelsAsBatch, filter: dyAsFilter },
    { strides: [1, 1], pad: [[0, 0], [top, bottom], [left, right], [0, 0]], dataFormat: 'NHWC', dilations: [info.strideHeight, info.strideWidth] },
  );
  // Rows and columns past the kernel size pair dy with input positions no window reached.
  const [inChannels, , , outChannels] = full.shape;
  const cropped = run('Slice', { x: full }, { begin: [0, 0, 0, 0], size: [inChannels, info.filterHeight, info.filterWidth, outChannels] });
  const filterGradient = run('Transpose', { x: cropped }, { perm: [1, 2, 0, 3] });
  return [filterGradient, channelsAsBatch, dyAsFilter, full, cropped];
}

/**
 * Copies the input patches of every output position into a [kh·kw·cin, n·oh·ow] matrix.
 * Rows follow the filter's order (i, j, c), and positions in the padding stay zero.
 */
function patchMatrix(access: BufferAccess, x: TensorInfo, info: Conv2DInfo): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth, padInfo } = info;
  const positions = batchSize * outHeight * outWidth;
  const patches = access.allocate([filterHeight * filterWidth * inChannels, positions], true);
  const [from, to] = [access.view(x), access.view(patches)];
  let row = 0;
  for (let i = 0; i < filterHeight; i++) {
    for (let j = 0; j < filterWidth; j++) {
      for (let c = 0; c < inChannels; c++, row++) {
        let at = row * positions;
        for (let n = 0; n < batchSize; n++) {
          for (let p = 0; p < outHeight; p++) {
            const xR = p * strideHeight + i - padInfo.top;
            if (xR < 0 || xR >= inHeight) {
              at += outWidth;
              continue;
            }
            const rowBase = (n * inHeight + xR) * inWidth;
            for (let q = 0; q < outWidth; q++, at++) {
              const xC = q * strideWidth + j - padInfo.left;
              if (xC >= 0 && xC < inWidth) to[at] = from[(rowBase + xC) * inChannels + c];
            }
          }
        }
      }
    }
  }
  return patches;
}

/**
 * Filter gradient as one matrix product: the patch matrix [kh·kw·cin, n·oh·ow] times dy
 * seen as [n·oh·ow, cout]. It copies kh·kw·cin values per output position, so it suits
 * layers with few input channels (a first layer on images), where the convolution form
 * pays most for packing dy as a large filter.
 */
function filterGradientByPatches(run: Run, access: BufferAccess, x: TensorInfo, dy: TensorInfo, info: Conv2DInfo): TensorInfo[] {
  const patches = patchMatrix(access, x, info);
  const positions = patches.shape[1];
  const dyMatrix = run('Reshape', { x: dy }, { shape: [positions, info.outChannels] });
  const product = run('BatchMatMul', { a: patches, b: dyMatrix }, { transposeA: false, transposeB: false });
  const filterGradient = run('Reshape', { x: product }, { shape: [info.filterHeight, info.filterWidth, info.inChannels, info.outChannels] });
  return [filterGradient, patches, dyMatrix, product];
}

/**
 * Patch matrices of at most this many rows (kh·kw·cin) go through `filterGradientByPatches`.
 * Measured on the development machine with 3×3 filters, batch 64, 'same' padding: 2.5 ms
 * against 7.1 ms at cin 1 (28×28), but 3.6 against 2.3 ms at cin 8 and 10 against 7 ms at
 * cin 16 (14×14). The threshold between 9 and 72 rows is a guess.
 */
const MAX_PATCH_ROWS = 32;

function conv2dBackpropFilterKernel(backendName: string): KernelConfig {
  const kernelFunc = (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const x = inputs.x!;
    const dy = inputs.dy!;
    const run: Run = (kernelName, kernelInputs, kernelAttrs) => runKernel(backendName, kernelName, { inputs: kernelInputs, backend, attrs: kernelAttrs });

    if (attrs.dataFormat === 'NCHW') {
      throw new Error(`Conv2DBackpropFilter on ${backendName} supports only NHWC data, got NCHW.`);
    }
    const info = backend_util.computeConv2DInfo(
      x.shape as [number, number, number, number],
      attrs.filterShape as [number, number, number, number],
      attrs.strides as [number, number] | number,
      1,
      attrs.pad as 'valid' | 'same',
      attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    );
    const patchRows = info.filterHeight * info.filterWidth * info.inChannels;
    const [filterGradient, ...intermediates] =
      patchRows <= MAX_PATCH_ROWS
        ? filterGradientByPatches(run, bufferAccess(backendName, backend), x, dy, info)
        : filterGradientByConvolution(run, x, dy, info);
    disposeIntermediates(backend, [x, dy], intermediates);
    return filterGradient;
  };
  return { kernelName: tf.Conv2DBackpropFilter, backendName, kernelFunc: kernelFunc as unknown as KernelFunc };
}

/** Explicit NHWC paddings as Conv2D and PadV2 take them: [[0, 0], [top, bottom], [left, right], [0, 0]]. */
type Paddings = [[number, number], [number, number], [number, number], [number, number]];

/**
 * Spreads `dy` [n, h, w, c] over a zeroed [n, (h − 1)·sh + 1, (w − 1)·sw + 1, c] tensor,
 * one value every `strides` rows and columns. The result is the output gradient of a strided
 * convolution seen as the output of a stride-1 one.
 */
function spreadByStrides(backendName: string, backend: KernelArgs['backend'], dy: TensorInfo, strides: [number, number]): TensorInfo {
  const access = bufferAccess(backendName, backend);
  const [batch, height, width, channels] = dy.shape;
  const [strideHeight, strideWidth] = strides;
  const spreadHeight = (height - 1) * strideHeight + 1;
  const spreadWidth = (width - 1) * strideWidth + 1;
  const spread = access.allocate([batch, spreadHeight, spreadWidth, channels], true);
  const [from, to] = [access.view(dy), access.view(spread)];
  for (let n = 0; n < batch; n++) {
    for (let p = 0; p < height; p++) {
      for (let q = 0; q < width; q++) {
        const source = ((n * height + p) * width + q) * channels;
        const target = ((n * spreadHeight + p * strideHeight) * spreadWidth + q * strideWidth) * channels;
        to.set(from.subarray(source, source + channels), target);
      }
    }
  }
  return spread;
}

/**
 * Input gradient of a convolution, written as a forward convolution: dx is the stride-1
 * convolution of dy (spread out by the strides) with the filter turned by 180° and its
 * input and output channels swapped. Padding dy by kernel − 1 − pad on each side gives dx
 * its input size, so rows that no window reached get zeros. NCHW data, and paddings that
 * would be negative (no registry layer makes them), go to the backend's own kernel.
 */
function conv2dBackpropInputKernel(backendName: string): KernelConfig | null {
  const original = tf.getKernel(tf.Conv2DBackpropInput, backendName);
  if (!original) return null;
  const kernelFunc = (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const dy = inputs.dy!;
    const filter = inputs.filter!;
    const inputShape = attrs.inputShape as [number, number, number, number];
    if (attrs.dataFormat === 'NCHW') return original.kernelFunc(args as never) as TensorInfo;
    const info = backend_util.computeConv2DInfo(
      inputShape,
      filter.shape as [number, number, number, number],
      attrs.strides as [number, number] | number,
      1,
      attrs.pad as 'valid' | 'same',
      attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    );
    const { filterHeight, filterWidth, strideHeight, strideWidth, outHeight, outWidth, inHeight, inWidth, padInfo } = info;
    const spreadHeight = (outHeight - 1) * strideHeight + 1;
    const spreadWidth = (outWidth - 1) * strideWidth + 1;
    const top = filterHeight - 1 - padInfo.top;
    const left = filterWidth - 1 - padInfo.left;
    const paddings: Paddings = [
      [0, 0],
      [top, inHeight + filterHeight - 1 - spreadHeight - top],
      [left, inWidth + filterWidth - 1 - spreadWidth - left],
      [0, 0],
    ];
    if (paddings.flat().some((pad) => pad < 0)) return original.kernelFunc(args as never) as TensorInfo;

    const run = (kernelName: string, kernelInputs: Record<string, TensorInfo>, kernelAttrs: NamedAttrMap) =>
      runKernel(backendName, kernelName, { inputs: kernelInputs, backend, attrs: kernelAttrs });
    const spread = strideHeight * strideWidth > 1 ? spreadByStrides(backendName, backend, dy, [strideHeight, strideWidth]) : dy;
    const turned = run('Reverse', { x: filter }, { dims: [0, 1] });
    const swapped = run('Transpose', { x: turned }, { perm: [0, 1, 3, 2] });
    const dx = run('Conv2D', { x: spread, filter: swapped }, { strides: [1, 1], pad: paddings, dataFormat: 'NHWC', dilations: [1, 1] });

    disposeIntermediates(backend, [dy, filter], [spread, turned, swapped]);
    return dx;
  };
  return { kernelName: tf.Conv2DBackpropInput, backendName, kernelFunc: kernelFunc as unknown as KernelFunc };
}

/** Builds the convolution gradient kernels of a backend ('wasm' or 'cpu'). */
export function convGradientKernels(backendName: string): KernelConfig[] {
  const input = conv2dBackpropInputKernel(backendName);
  return [conv2dBackpropFilterKernel(backendName), ...(input ? [input] : [])];
}
