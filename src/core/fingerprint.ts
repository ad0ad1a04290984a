import { canonicalJson, sha256Hex } from './canonical.js';
import type { ArtifactKind } from './manifest.js';

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
  /** Group digests as a store key carries them (see signatureOf). */
  signature: string;
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

export function fingerprint(kind: ArtifactKind, inputs: Inputs): Fingerprint {
  const digests: Record<string, string> = {};
  for (const [name, value] of Object.entries(inputs)) if (value !== undefined) digests[name] = digestOf(value);
  // Hashing the digests rather than the values again: each digest already stands for one canonical value.
  return { fingerprint: sha256Hex(canonicalJson({ 'key-schema': KEY_SCHEMA_VERSION, kind, digests })), digests, signature: signatureOf(digests) };
}

/**
 * Inputs fall into three groups that change for different reasons: the model (a version bump),
 * the toolchain (an upgrade of TensorRT-LLM or vLLM, for every cell at once) and the cell itself.
 * A store key carries one short digest per group, so a plan can tell from a listing alone which
 * group moved, and needs one manifest per distinct old group value to say from what.
 */
export type InputGroup = 'model' | 'toolchain' | 'cell';
export const INPUT_GROUPS: readonly InputGroup[] = ['model', 'toolchain', 'cell'];

const GROUP_OF: Readonly<Record<string, InputGroup>> = {
  source: 'model',
  revision: 'model',
  version: 'model',
  'max-input-len': 'model',
  'max-seq-len': 'model',
  'kv-cache-dtype': 'model',
  calibration: 'model',
  'trust-remote-code': 'model',
  // The checkpoint an engine or image starts from moves with the model (and with the quantizer,
  // which changes for every checkpoint at once): one value per model × precision, so a toolchain
  // bump still needs only a handful of manifests to explain it.
  checkpoint: 'model',
  'checkpoint-fingerprint': 'model',
  trtllm: 'toolchain',
  'trtllm-image': 'toolchain',
  backend: 'toolchain',
  'build-flags': 'toolchain',
  vllm: 'toolchain',
  'vllm-image': 'toolchain',
  recipe: 'toolchain',
  'bake-weights': 'toolchain',
};

export function groupOf(input: string): InputGroup {
  return GROUP_OF[input] ?? 'cell';
}

/** Group → short digest of that group's `{input → digest}`. */
export function groupDigests(digests: Readonly<Record<string, string>>): Record<InputGroup, string> {
  const members: Record<InputGroup, Record<string, string>> = { model: {}, toolchain: {}, cell: {} };
  for (const [name, digest] of Object.entries(digests)) members[groupOf(name)][name] = digest;
  return { model: shortDigestOf(members.model), toolchain: shortDigestOf(members.toolchain), cell: shortDigestOf(members.cell) };
}

/** Cached like digestOf: every cell of a model shares its model and toolchain groups, and the one string. */
const shortDigestCache = new Map<string, string>();

function shortDigestOf(members: Record<string, string>): string {
  const canonical = canonicalJson(members);
  let digest = shortDigestCache.get(canonical);
  if (digest === undefined) {
    digest = sha256Hex(canonical).slice(0, 10);
    if (shortDigestCache.size > 100_000) shortDigestCache.clear();
    shortDigestCache.set(canonical, digest);
  }
  return digest;
}

/** `m<10 hex>t<10 hex>c<10 hex>`: the group digests as they appear in a manifest key. */
export function signatureOf(digests: Readonly<Record<string, string>>): string {
  const g = groupDigests(digests);
  return `m${g.model}t${g.toolchain}c${g.cell}`;
}

export const SIGNATURE_PATTERN = /^m([0-9a-f]{10})t([0-9a-f]{10})c([0-9a-f]{10})$/;

export function parseSignature(signature: string): Record<InputGroup, string> | undefined {
  const m = SIGNATURE_PATTERN.exec(signature);
  return m ? { model: m[1]!, toolchain: m[2]!, cell: m[3]! } : undefined;
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
  if (typeof value === 'string') {
    if (name === 'revision' && /^[0-9a-f]{40}$/.test(value)) return value.slice(0, 7);
    if ((name === 'checkpoint-fingerprint' || name === 'engine-fingerprint') && /^[0-9a-f]{64}$/.test(value)) return value.slice(0, 12);
    return value;
  }
  return canonicalJson(value);
}
