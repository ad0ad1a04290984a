/**
 * The one rule for an artifact's file paths, checked where a path enters the store (publish,
 * before any upload) and where it leaves (download, before any byte moves): a name the store
 * accepts is a name download hands back.
 */

/** Linux and macOS file systems refuse longer names (NAME_MAX), so download would fail. */
const MAX_NAME_BYTES = 255;

/** Why `relative` ('/'-separated) cannot be an artifact file path, or undefined when it can. */
export function filePathProblem(relative: string): string | undefined {
  if (relative === '') return 'is empty';
  if (relative.includes('\\')) return "contains a backslash ('\\'), a path separator on Windows and an escape in many tools";
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(relative)) return 'contains a control character (a line break, tab, NUL or the like)';
  const parts = relative.split('/');
  if (relative.startsWith('/') || parts.some((p) => p === '' || p === '.' || p === '..')) {
    return "would escape the download directory (absolute, or with an empty, '.' or '..' segment)";
  }
  const long = parts.find((p) => Buffer.byteLength(p, 'utf8') > MAX_NAME_BYTES);
  if (long !== undefined) return `has a name of ${Buffer.byteLength(long, 'utf8')} bytes; file systems refuse names over ${MAX_NAME_BYTES}`;
  return undefined;
}

/** A path for an error message, its control characters made visible rather than obeyed. */
export function printablePath(relative: string): string {
  // eslint-disable-next-line no-control-regex
  return relative.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
