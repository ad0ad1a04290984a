/**
 * Ordering of PEP 440 versions as TensorRT-LLM publishes them (1.2.0, 1.3.0rc20, 1.0.0.post1,
 * 0.21.0.dev2025). semver cannot parse these: `1.3.0rc20` is not semver, and rc20 must sort after rc3.
 */
export interface Pep440 {
  release: number[];
  /** Pre-release: a < b < rc; absent sorts after every pre-release. */
  pre?: { phase: 0 | 1 | 2; n: number };
  post?: number;
  dev?: number;
}

const PATTERN = /^v?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:[-_.]?(?:post|rev|r)[-_.]?(\d*))?(?:[-_.]?dev[-_.]?(\d*))?(?:\+[a-z0-9.]+)?$/i;

export function parsePep440(text: string): Pep440 | undefined {
  const m = PATTERN.exec(text.trim());
  if (!m) return undefined;
  const version: Pep440 = { release: m[1]!.split('.').map(Number) };
  if (m[2] !== undefined) {
    const tag = m[2].toLowerCase();
    const phase = tag.startsWith('a') ? 0 : tag.startsWith('b') ? 1 : 2;
    version.pre = { phase, n: Number(m[3] || 0) };
  }
  if (m[4] !== undefined) version.post = Number(m[4] || 0);
  if (m[5] !== undefined) version.dev = Number(m[5] || 0);
  return version;
}

/** Negative when a < b, zero when equal, positive when a > b. */
export function comparePep440(a: Pep440, b: Pep440): number {
  const length = Math.max(a.release.length, b.release.length);
  for (let i = 0; i < length; i++) {
    const diff = (a.release[i] ?? 0) - (b.release[i] ?? 0);
    if (diff !== 0) return diff;
  }
  // Within one release: X.devN < X.aN < X.bN < X.rcN < X < X.postN.
  const rank = (v: Pep440): number[] => [
    v.pre ? v.pre.phase : v.dev !== undefined && v.post === undefined ? -1 : 3,
    v.pre ? v.pre.n : 0,
    v.post ?? -1,
    v.dev ?? Infinity,
  ];
  const ra = rank(a);
  const rb = rank(b);
  for (let i = 0; i < ra.length; i++) {
    if (ra[i]! < rb[i]!) return -1;
    if (ra[i]! > rb[i]!) return 1;
  }
  return 0;
}
