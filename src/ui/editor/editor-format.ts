/** Formatting of the editor's cost figures. */

const SCALES: readonly [number, string][] = [
  [1e12, 'T'],
  [1e9, 'G'],
  [1e6, 'M'],
  [1e3, 'k'],
];

/** Formats a count of floating-point operations, e.g. 1530 → "1.5 kFLOPs", 12 → "12 FLOPs". */
export function formatFlops(flops: number): string {
  if (!Number.isFinite(flops)) return '– FLOPs';
  for (const [scale, prefix] of SCALES) {
    if (flops >= scale) return `${(flops / scale).toFixed(1)} ${prefix}FLOPs`;
  }
  return `${Math.round(flops)} FLOPs`;
}

/**
 * Estimates the FLOPs to train on one example as three times the forward FLOPs, because the
 * backward pass of a dense or convolutional layer costs about twice its forward pass. It is
 * an estimate: activations, pooling and the optimizer step are not counted separately.
 */
export function trainingFlops(forwardFlops: number): number {
  return 3 * forwardFlops;
}
