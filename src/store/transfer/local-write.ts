const MESSAGES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EFBIG: 'a file is larger than this process may write (ulimit -f)',
};

/**
 * A write to the local file system failed (no space, quota, read-only, I/O error). Nothing the
 * network did, so retrying the range cannot help: the download stops and says so.
 */
export class LocalWriteError extends Error {
  readonly code: string | undefined;

  constructor(cause: unknown) {
    const errno = cause as NodeJS.ErrnoException;
    super(MESSAGES[errno.code ?? ''] ?? errno.message, { cause });
    this.name = 'LocalWriteError';
    this.code = errno.code;
  }
}

/** Errors of a full or read-only disk, from any writer (the local store's copy streams too). */
const LOCAL_WRITE_CODES = new Set(['ENOSPC', 'EDQUOT', 'EROFS', 'EFBIG']);

/** `error` as a LocalWriteError when it is one, or a disk error that should have been. */
export function asLocalWriteError(error: unknown): LocalWriteError | undefined {
  if (error instanceof LocalWriteError) return error;
  return LOCAL_WRITE_CODES.has((error as NodeJS.ErrnoException | null)?.code ?? '') ? new LocalWriteError(error) : undefined;
}
