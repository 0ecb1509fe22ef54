/**
 * Checks on the --json output path, made before any data loads, so that a path the CLI
 * cannot write fails at once instead of after the search, when its results would be lost.
 */

import { accessSync, constants, statSync, type Stats } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Returns the file's status, or null when nothing exists at `path`. */
function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function isWritable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Returns what stops the CLI from writing a file at `path`, the value of `flag`, or null
 * when it can: `path` is not a folder, its folder exists, and both allow writing.
 */
export function outputPathProblem(flag: string, path: string): string | null {
  const resolved = resolve(path);
  const target = statOrNull(resolved);
  if (target?.isDirectory()) return `--${flag} ${path} is a folder. Give a file path such as ${join(resolved, 'result.json')}.`;
  if (target && !isWritable(resolved)) return `--${flag} ${path}: the file ${resolved} is read-only. Make it writable or choose another output path.`;

  const folder = dirname(resolved);
  const parent = statOrNull(folder);
  if (!parent) return `The folder ${folder} of --${flag} ${path} is not found. Create it or choose an output path in an existing folder.`;
  if (!parent.isDirectory()) return `--${flag} ${path}: ${folder} is a file, not a folder. Choose an output path in an existing folder.`;
  if (!target && !isWritable(folder)) return `--${flag} ${path}: the folder ${folder} does not allow writing. Choose an output path in a folder you can write to.`;
  return null;
}

/**
 * Returns a problem when the output `path` of `flag` names the same file as one of `inputs`
 * (input flag to path), by resolved path or, for files that exist, by device and inode, which
 * also catches links.
 */
export function overwrittenInputProblem(flag: string, path: string, inputs: Readonly<Record<string, string | null>>): string | null {
  const resolved = resolve(path);
  const target = statOrNull(resolved);
  for (const [inputFlag, inputPath] of Object.entries(inputs)) {
    if (inputPath === null) continue;
    const input = statOrNull(resolve(inputPath));
    const sameFile = target !== null && input !== null && target.dev === input.dev && target.ino === input.ino;
    if (resolve(inputPath) === resolved || sameFile) {
      return `--${flag} and --${inputFlag} name the same file, ${resolved}. Writing the result would overwrite that input, so choose another output path for --${flag}.`;
    }
  }
  return null;
}
