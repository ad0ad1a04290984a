import { canonicalJson, sha256Hex } from './canonical.js';

/**
 * Bump when what goes into a fingerprint changes meaning, so old artifacts are rebuilt rather
 * than matched by accident.
 */
export const KEY_SCHEMA_VERSION = 1;

export type Inputs = Record<string, unknown>;

export interface Fingerprint {
  fingerprint: string;
  /** input name → sha256 of its canonical value (nx-style), so a plan can say which input moved. */
  digests: Record<string, string>;
}

/** Digests by canonical text: a 10,000-cell matrix has only a few hundred distinct input values. */
const digestCache = new Map<string, string>();

function digestOf(value: unknown): string {
  const canonical = canonicalJson(value);
  let digest = digestCache.get(canonical);
  if (digest === undefined) {
    digest = sha256Hex(canonical);
    if (digestCache.size > 100_000) digestCache.clear();
    digestCache.set(canonical, digest);
  }
  return digest;
}

export function fingerprint(kind: 'engine' | 'image', inputs: Inputs): Fingerprint {
  const digests: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) if (value !== undefined) digests[name] = digestOf(value);
  return { fingerprint: sha256Hex(canonicalJson({ 'key-schema': KEY_SCHEMA_VERSION, kind, inputs })), digests };
}

/** Inputs as a manifest records them: values, and each value's digest. */
export interface Recorded {
  inputs: Inputs;
  digests?: Record<string, string>;
}

/** Human lines naming each input that differs: "trtllm 1.1.0 → 1.2.0", "revision 0e9e39f → 5f0b02c". */
export function describeChanges(before: Recorded, after: Recorded): string[] {
  const names = [...new Set([...Object.keys(after.inputs), ...Object.keys(before.inputs)])];
  const changes: string[] = [];
  for (const name of names) {
    const a = before.inputs[name];
    const b = after.inputs[name];
    // Equal digests settle it without re-serialising; they are only absent for hand-made records.
    const da = before.digests?.[name];
    const db = after.digests?.[name];
    if (da !== undefined && db !== undefined ? da === db : canonicalJson(a) === canonicalJson(b)) continue;
    changes.push(`${name} ${show(name, a)} → ${show(name, b)}`);
  }
  return changes;
}

function show(name: string, value: unknown): string {
  if (value === undefined) return '(none)';
  if (typeof value === 'string') return name === 'revision' && /^[0-9a-f]{40}$/.test(value) ? value.slice(0, 7) : value;
  return canonicalJson(value);
}
