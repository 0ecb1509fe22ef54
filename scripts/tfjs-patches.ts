/**
 * A build plugin that rewrites a few lines of tfjs 4.22 so that Chromium's optimizing
 * compilers keep their code for tfjs's bookkeeping instead of discarding and rebuilding it
 * all through a search.
 *
 * Chromium 156's V8 deoptimizes a function when an array or object reaches it with a hidden
 * class its optimized code did not expect, and in these functions it then recompiles and
 * deoptimizes again in a loop. While one worker trained 24 spiral candidates, the unpatched
 * tfjs gave 12,000 deoptimizations, and a background compiler stayed busy on the other core.
 * With these patches there are about 500. Node 20's V8 has no such loop. The figures are in
 * docs/benchmarks.md.
 *
 * Two kinds of code set it off:
 * - Shape arrays. tfjs builds them as literals, with `slice`, and with `new Array(n)`
 *   filled in a loop, which V8 stores as packed or holey arrays of different hidden classes,
 *   and `sizeFromShape` and the WASM transpose see them all. The patches copy each shape into
 *   an array literal of its length where it enters tfjs's bookkeeping: in the Tensor
 *   constructor, where the WASM backend records a kernel's output, and at the start of the
 *   WASM transpose's shape helper. The Tensor constructor already copied its shape.
 * - `for (name in node.inputs)` in the gradient tape's two passes, whose input objects have
 *   one hidden class per kernel, and `for (key in spec.axes)` in tfjs-layers' input check, whose axis
 *   specs differ by layer. `Object.values` and `Object.entries` visit the same own
 *   properties in the same order.
 *
 * Two more patches save work rather than recompilation:
 * - `getKernel`, which every op calls, built a string key and hashed it. It now keeps what
 *   it found in a map by kernel and backend name, cleared when a kernel is registered or
 *   unregistered.
 * - The WASM kernels most used in training pass shapes to C++ as bytes, and each call
 *   allocated a typed array and its buffer per shape, all of it garbage at once. They now
 *   write each shape into a few preallocated buffers that the calls copy from.
 *
 * Every rewrite must match the installed source exactly. When a tfjs upgrade changes it, the
 * build fails and names the file, rather than dropping the patch without a word.
 *
 * NOTE: the CLI loads tfjs's CommonJS bundles, which these patches do not touch. Node 20 has
 * no such loop, but newer Node versions, with newer V8, were not measured.
 */

import type { Plugin } from 'vite';

/** Copies a shape or a permutation into an array literal of its length. Rare longer ones are sliced. */
export const PACKED_SHAPE = `
function packedShape(shape) {
  switch (shape.length) {
    case 0: return [];
    case 1: return [shape[0]];
    case 2: return [shape[0], shape[1]];
    case 3: return [shape[0], shape[1], shape[2]];
    case 4: return [shape[0], shape[1], shape[2], shape[3]];
    default: return shape.slice();
  }
}
`;

/**
 * Writes a shape into one of 8 preallocated buffers, in turn, and returns the bytes as the
 * WASM kernels pass them: what `new Uint8Array(new Int32Array(shape).buffer)` returns. The
 * kernels hand these bytes to functions made by Emscripten's `cwrap`, which copy them onto
 * the WASM stack at the call. No kernel encodes more than three shapes before its call, so a
 * buffer is free again by the time it comes round. Shapes of rank over 8 get a fresh array.
 */
export const SHAPE_BYTES = `
const shapeBytesRing = Array.from({ length: 8 }, () => {
  const buffer = new ArrayBuffer(32);
  return { ints: new Int32Array(buffer), views: Array.from({ length: 9 }, (_, rank) => new Uint8Array(buffer, 0, rank * 4)) };
});
let shapeBytesNext = 0;
function shapeBytes(shape) {
  const rank = shape.length;
  if (rank > 8) return new Uint8Array(new Int32Array(shape).buffer);
  const slot = shapeBytesRing[shapeBytesNext];
  shapeBytesNext = (shapeBytesNext + 1) % shapeBytesRing.length;
  for (let i = 0; i < rank; i++) slot.ints[i] = shape[i];
  return slot.views[rank];
}
`;

/** Functions a patch's edits call, appended to the patched module. */
const HELPERS = { packedShape: PACKED_SHAPE, shapeBytes: SHAPE_BYTES } as const;

export type Helper = keyof typeof HELPERS;

/** Replaces every shape's typed-array encoding in a WASM kernel with a `shapeBytes` call. */
const SHAPE_BYTES_EDIT: Edit = {
  find: /new Uint8Array\(new Int32Array\(([\w$.]+)\)\.buffer\)/g,
  replace: 'shapeBytes($1)',
};

/** The WASM kernels that training calls for every batch, and that encode shapes as bytes. */
const SHAPE_BYTES_KERNELS = ['binary_kernel', '_FusedMatMul', 'BatchMatMul', 'Tile', 'PadV2'];

interface Edit {
  readonly find: RegExp;
  readonly replace: string;
}

interface TfjsPatch {
  /** The module's path below node_modules, with forward slashes. */
  readonly file: string;
  readonly edits: readonly Edit[];
  /** The helpers the edits call, appended to the module. */
  readonly helpers: readonly Helper[];
}

/**
 * tfjs's `getFilteredNodesXToY`, rewritten: the tape nodes on a path from `xs` to `y`, each
 * copied with only its inputs that depend on `xs`. It returns what the original does, in the
 * same order. The original marked ids in plain objects, which V8 stores as hash tables once
 * ids run into millions; this one uses sets. It loops over inputs with `Object.values` and
 * `Object.entries`, and drops a redundant inner loop over `xs`.
 */
export const FILTERED_NODES = `export function getFilteredNodesXToY(tape, xs, y) {
    const tensorsFromX = new Set();
    const nodesFromX = new Set();
    for (let i = 0; i < xs.length; i++) {
        tensorsFromX.add(xs[i].id);
    }
    for (let i = 0; i < tape.length; i++) {
        const node = tape[i];
        for (const input of Object.values(node.inputs)) {
            if (tensorsFromX.has(input.id)) {
                for (let k = 0; k < node.outputs.length; k++) {
                    tensorsFromX.add(node.outputs[k].id);
                }
                nodesFromX.add(node.id);
                break;
            }
        }
    }
    const tensorsLeadToY = new Set([y.id]);
    const nodesToY = new Set();
    for (let i = tape.length - 1; i >= 0; i--) {
        const node = tape[i];
        for (let j = 0; j < node.outputs.length; j++) {
            if (tensorsLeadToY.has(node.outputs[j].id)) {
                for (const input of Object.values(node.inputs)) {
                    tensorsLeadToY.add(input.id);
                    nodesToY.add(node.id);
                }
                break;
            }
        }
    }
    const filteredTape = [];
    for (let i = 0; i < tape.length; i++) {
        const node = tape[i];
        if (nodesFromX.has(node.id) && nodesToY.has(node.id)) {
            const prunedInputs = {};
            for (const [inputName, input] of Object.entries(node.inputs)) {
                if (tensorsFromX.has(input.id)) {
                    prunedInputs[inputName] = input;
                }
            }
            const prunedNode = Object.assign({}, node);
            prunedNode.inputs = prunedInputs;
            prunedNode.outputs = node.outputs;
            filteredTape.push(prunedNode);
        }
    }
    return filteredTape;
}`;

export const TFJS_PATCHES: readonly TfjsPatch[] = [
  {
    file: '@tensorflow/tfjs-core/dist/tensor.js',
    helpers: ['packedShape'],
    edits: [
      {
        // Size and strides were derived from the caller's array, not from the copy.
        find: /this\.shape = shape\.slice\(\);(\s*)this\.dtype = dtype \|\| 'float32';(\s*)this\.size = util\.sizeFromShape\(shape\);(\s*)this\.strides = computeStrides\(shape\);/,
        replace:
          "this.shape = packedShape(shape);$1this.dtype = dtype || 'float32';$2this.size = util.sizeFromShape(this.shape);$3this.strides = computeStrides(this.shape);",
      },
    ],
  },
  {
    file: '@tensorflow/tfjs-backend-wasm/dist/backend_wasm.js',
    helpers: ['packedShape'],
    edits: [
      {
        // Every kernel's output passes here before it becomes a tensor.
        find: /makeOutput\(shape, dtype, memoryOffset, values\) \{/,
        replace: 'makeOutput(shape, dtype, memoryOffset, values) {\n        shape = packedShape(shape);',
      },
    ],
  },
  {
    file: '@tensorflow/tfjs-backend-wasm/dist/kernels/Transpose.js',
    helpers: ['packedShape', 'shapeBytes'],
    edits: [
      {
        find: /function removeOneSizeDims\(shape, perm\) \{/,
        replace: 'function removeOneSizeDims(shape, perm) {\n    shape = packedShape(shape);\n    perm = packedShape(perm);',
      },
      SHAPE_BYTES_EDIT,
    ],
  },
  {
    file: '@tensorflow/tfjs-backend-wasm/dist/kernels/Slice.js',
    helpers: [],
    edits: [
      {
        // The input was copied out of WASM memory whole for each slice, and SplitV slices it
        // once per part. A view of the input replaces the copy. It is taken after makeOutput,
        // because that allocation may grow the memory and detach earlier views.
        find: /(\s*)const xVals = backend\.readSync\(x\.dataId\);(\s*const out = backend\.makeOutput\(size_, x\.dtype\);)/,
        replace: "$2$1const xVals = x.dtype === 'string' ? backend.readSync(x.dataId) : backend.typedArrayFromHeap(x);",
      },
    ],
  },
  ...SHAPE_BYTES_KERNELS.map((kernel) => ({
    file: `@tensorflow/tfjs-backend-wasm/dist/kernels/${kernel}.js`,
    helpers: ['shapeBytes'] as const,
    edits: [SHAPE_BYTES_EDIT],
  })),
  {
    file: '@tensorflow/tfjs-core/dist/kernel_registry.js',
    helpers: [],
    edits: [
      {
        // Every op looks its kernel up here, and the key was a new string to hash each time.
        find: /export function getKernel\(kernelName, backendName\) \{(\s*)const key = makeKey\(kernelName, backendName\);(\s*)return kernelRegistry\.get\(key\);/,
        replace: `const kernelsByName = new Map();
export function getKernel(kernelName, backendName) {
    const byBackend = kernelsByName.get(kernelName);
    const found = byBackend === undefined ? undefined : byBackend.get(backendName);
    if (found !== undefined) return found;
    const config = kernelRegistry.get(makeKey(kernelName, backendName));
    // Misses are not kept: another copy of tfjs may register the kernel in the shared registry.
    if (config !== undefined) {
        if (byBackend === undefined) kernelsByName.set(kernelName, new Map([[backendName, config]]));
        else byBackend.set(backendName, config);
    }
    return config;`,
      },
      {
        find: /(export function registerKernel\(config\) \{)/,
        replace: '$1\n    kernelsByName.clear();',
      },
      {
        find: /(export function unregisterKernel\(kernelName, backendName\) \{)/,
        replace: '$1\n    kernelsByName.clear();',
      },
    ],
  },
  {
    file: '@tensorflow/tfjs-layers/dist/engine/topology.js',
    helpers: [],
    edits: [
      {
        // Each layer checks its inputs here at every batch. Axis specs differ in hidden class
        // from layer to layer, so the keyed load in the for-in loop kept deoptimizing.
        find: /for \(const key in spec\.axes\) \{(\s*)const axis = Number\(key\);(\s*)const value = spec\.axes\[key\];/,
        replace: 'for (const [key, value] of Object.entries(spec.axes)) {$1const axis = Number(key);',
      },
    ],
  },
  {
    file: '@tensorflow/tfjs-core/dist/tape.js',
    helpers: [],
    edits: [
      {
        // The whole function, up to its return: it runs before every gradient step.
        find: /export function getFilteredNodesXToY\(tape, xs, y\) \{[\s\S]*?\n {4}return filteredTape;\n\}/,
        replace: FILTERED_NODES,
      },
      {
        // The backward pass over the same nodes, once per gradient step.
        find: /for \(const inputName in node\.inputs\) \{([\s\S]*?)\n(\s*)const x = node\.inputs\[inputName\];/,
        replace: 'for (const [inputName, x] of Object.entries(node.inputs)) {$1',
      },
    ],
  },
];

/**
 * Applies the patch for the module `id` to its `code`: the patched code, or null when no
 * patch is for this module. Throws when the module has a patch that no longer matches.
 */
export function patchTfjs(id: string, code: string): string | null {
  const path = id.split('?')[0].replaceAll('\\', '/');
  const patch = TFJS_PATCHES.find((candidate) => path.endsWith(`/node_modules/${candidate.file}`));
  if (!patch) return null;
  let patched = code;
  for (const edit of patch.edits) {
    if (patched.search(edit.find) < 0) {
      throw new Error(
        `tfjs-patches: ${patch.file} no longer contains the code matched by ${edit.find}, so Chromium would keep recompiling it. Update TFJS_PATCHES in scripts/tfjs-patches.ts for the installed tfjs version.`,
      );
    }
    patched = patched.replace(edit.find, edit.replace);
  }
  return [patched, ...patch.helpers.map((helper) => HELPERS[helper])].join('\n');
}

/** Returns the plugin, for the app's build, its workers' build and the dev server's dependency bundle. */
export function tfjsPatches(): Plugin {
  return {
    name: 'tfjs-patches',
    enforce: 'pre',
    transform(code, id) {
      const patched = patchTfjs(id, code);
      return patched === null ? null : { code: patched, map: null };
    },
  };
}
