import { randomUUID } from 'node:crypto';
import { copyFile, mkdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Puts a copy of `source` at `target` whole or not at all: the bytes go to a temporary file in
 * the target's directory, which rename(2) then swaps in. A reader sees the old file or the new
 * one, never a partial one; concurrent writers replace each other, the last rename wins.
 */
export async function replaceFile(source: string, target: string): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true });
  const temporary = `${target}.${randomUUID()}.tmp`;
  try {
    await copyFile(source, temporary);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

/** replaceFile when `source` exists; false (and `target` untouched) when it does not. */
export async function copyIfExists(source: string, target: string): Promise<boolean> {
  try {
    await replaceFile(source, target);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && (error as NodeJS.ErrnoException).path === source) return false;
    throw error;
  }
}
