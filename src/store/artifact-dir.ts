import { lstat, readdir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import path from 'node:path';
import { UserError, quote } from '../errors.js';
import { filePathProblem, printablePath } from './file-names.js';

/** One regular file of an artifact directory, as it was when scanned. */
export interface LocalFile {
  /** Relative, '/'-separated: the manifest's `path`. */
  path: string;
  /** What to open (a symlink's target inside the directory). */
  absolute: string;
  size: number;
  mtimeMs: number;
  ino: number;
}

/**
 * Lists an artifact directory for publishing. Refuses, naming the entry: symlinks that leave the
 * directory, anything that is not a regular file or a directory, and an empty artifact. Symlinks
 * to regular files inside it are stored as the file they point at.
 */
export async function scanArtifactDir(dir: string, input = 'artifact-dir'): Promise<LocalFile[]> {
  let root: string;
  try {
    root = await realpath(dir);
    if (!(await stat(root)).isDirectory()) throw new Error('not a directory');
  } catch {
    throw new UserError(`${input}: ${quote(dir)} is not a readable directory`);
  }
  const files: LocalFile[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(root, relative), { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const rel = relative === '' ? entry.name : `${relative}/${entry.name}`;
      const absolute = path.join(root, rel);
      let info: Stats = await lstat(absolute);
      let target = absolute;
      if (info.isSymbolicLink()) {
        target = await realpath(absolute).catch(() => {
          throw new UserError(`${input}: symlink ${quote(rel)} points at nothing`);
        });
        if (!isInside(root, target)) {
          throw new UserError(`${input}: symlink ${quote(rel)} leaves the directory (points at ${quote(target)})`);
        }
        info = await stat(target);
        if (info.isDirectory()) throw new UserError(`${input}: symlink ${quote(rel)} points at a directory; only file symlinks are stored`);
      }
      if (info.isDirectory()) {
        await walk(rel);
      } else if (info.isFile()) {
        const problem = filePathProblem(rel);
        if (problem) {
          throw new UserError(`${input}: file ${quote(printablePath(rel))} ${problem}; the store could not hand it back on download, so rename it before publishing`);
        }
        files.push({ path: rel, absolute: target, size: info.size, mtimeMs: info.mtimeMs, ino: info.ino });
      } else {
        throw new UserError(`${input}: ${quote(rel)} is not a regular file (sockets, pipes and devices cannot be stored)`);
      }
    }
  };
  await walk('');
  if (files.length === 0) throw new UserError(`${input}: ${quote(dir)} holds no files`);
  return files;
}

/** Throws when a file changed between the scan and the end of its read. */
export function assertUnchanged(file: LocalFile, now: Stats, bytesRead: number): void {
  if (now.size !== file.size || now.mtimeMs !== file.mtimeMs || now.ino !== file.ino || bytesRead !== file.size) {
    throw new UserError(
      `artifact-dir: ${quote(file.path)} changed while it was being read (size ${file.size} → ${now.size}); ` +
        'publish only after the build step has finished writing',
    );
  }
}

export function isInside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/**
 * A manifest path as a safe relative path under `dir`, or a UserError: manifests come from a store
 * that someone else may write to, so `../x`, `/etc/x` and `a/../../x` are refused (file-names.ts).
 */
export function safeJoin(dir: string, manifestPath: string): string {
  const problem = filePathProblem(manifestPath);
  if (problem) throw new UserError(`manifest: file path ${quote(printablePath(manifestPath))} ${problem}; refusing it`);
  return path.join(dir, ...manifestPath.split('/'));
}
