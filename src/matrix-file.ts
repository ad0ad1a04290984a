import { readFile, realpath } from 'node:fs/promises';
import path from 'node:path';
import { quote, UserError } from './errors.js';
import { DEFAULT_MAX_CELLS, parseMatrix } from './core/parse.js';
import type { Matrix } from './core/schema.js';

export interface LoadedMatrix {
  /** The path as the user gave it, for messages. */
  file: string;
  matrix: Matrix;
  text: string;
}

/**
 * Reads and validates a matrix file. The path must resolve (symlinks too) inside the workspace:
 * a workflow input must not make the action read arbitrary files on a shared runner.
 */
export async function loadMatrixFile(file: string, opts: { workspace?: string; maxCells?: number } = {}): Promise<LoadedMatrix> {
  const workspace = opts.workspace ?? process.cwd();
  const absolute = path.resolve(workspace, file);
  let real: string;
  let root: string;
  try {
    root = await realpath(workspace);
    real = await realpath(absolute);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? `matrix file ${quote(file)} does not exist (looked in ${workspace})` : `matrix file ${quote(file)} cannot be read: ${(error as Error).message}`);
  }
  const relative = path.relative(root, real);
  if (relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new UserError(`matrix file ${quote(file)} is outside the workspace ${root}; keep matrix files in the repository`);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(real);
  } catch (error) {
    throw new UserError(`matrix file ${quote(file)} cannot be read: ${(error as Error).message}`);
  }
  const text = decodeUtf8(file, bytes);
  const result = parseMatrix(file, text, opts.maxCells ?? DEFAULT_MAX_CELLS);
  if (!result.matrix) {
    const n = result.problems.length;
    throw new UserError(`${file} has ${n} problem${n === 1 ? '' : 's'}:`, result.problems);
  }
  return { file, matrix: result.matrix, text };
}

/** Strict UTF-8: a Latin-1 file would otherwise parse into silently different model names. */
export function decodeUtf8(file: string, bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Binary search for the first bad byte (a streaming decode of a prefix only fails on bad bytes).
    const valid = (end: number): boolean => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end), { stream: true });
        return true;
      } catch {
        return false;
      }
    };
    let lo = 0;
    let hi = bytes.length;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (valid(mid)) lo = mid;
      else hi = mid - 1;
    }
    // The longest valid prefix may end inside the bad sequence's first bytes: back up to a boundary.
    let offset = lo;
    const complete = (end: number): boolean => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, end));
        return true;
      } catch {
        return false;
      }
    };
    while (offset > 0 && lo - offset < 3 && !complete(offset)) offset--;
    const line = bytes.subarray(0, offset).reduce((n, b) => n + (b === 10 ? 1 : 0), 1);
    throw new UserError(`${file}:${line}: not UTF-8 text (invalid byte at offset ${offset}); save the file as UTF-8`);
  }
}
