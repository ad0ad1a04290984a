import type { EngineCell, ImageSpec } from './cells.js';
import { compareText } from './cells.js';
import { describeChanges, groupDigests, groupOf, INPUT_GROUPS, parseSignature, type InputGroup, type Inputs, type Recorded } from './fingerprint.js';
import type { ArtifactKind } from './manifest.js';

export type Status = 'build' | 'skip' | 'unsupported';

/** What a listing says exists, reduced to what planning needs (no manifest bytes). */
export interface Existing {
  kind: ArtifactKind;
  id: string;
  version: string;
  fingerprint: string;
  /** Group digests from the key (`m…t…c…`): which inputs moved, without reading the manifest. */
  signature: string;
  key: string;
  modified: Date;
  /** A pull request's build, not yet merged: satisfies a pull request's plan, never the default branch's. */
  channel?: 'published' | 'candidate';
}

export interface PlannedEngine {
  kind: 'engine';
  id: string;
  status: Status;
  reason: string;
  fingerprint: string;
  cell: EngineCell;
  /** Inputs that differ from the newest stored artifact of the same cell, when rebuilding. */
  changes?: string[];
  /** Store key of the artifact that satisfies a skipped cell. */
  artifact?: string;
  /** Satisfied by promoting a pull request's candidate in this run: no build. */
  promoted?: boolean;
}

export interface PlannedImage {
  kind: 'image';
  id: string;
  status: Status;
  reason: string;
  fingerprint: string;
  image: ImageSpec;
  changes?: string[];
  artifact?: string;
  promoted?: boolean;
}

export interface Plan {
  engines: PlannedEngine[];
  images: PlannedImage[];
  counts: { build: number; skip: number; unsupported: number; imageBuild: number; imageSkip: number; imageUnsupported: number; promoted: number };
}

type Target = { id: string; fingerprint: string; inputs: Inputs; digests: Record<string, string>; signature: string; unsupported?: string };

/**
 * The manifests a plan must read to explain its rebuilds: for every input group that moved
 * between a stale cell and its slot's newest artifact, one manifest holding that group's old
 * value. A toolchain bump over 10,000 cells needs one read, not 10,000.
 */
export function artifactsToExplain(targets: readonly Target[], existing: readonly Existing[]): Existing[] {
  const index = indexBySlot(existing);
  const chosen = new Map<string, Existing>();
  for (const t of targets) {
    if (t.unsupported !== undefined) continue;
    const slot = index.get(t.id);
    if (!slot || slot.fingerprints.has(t.fingerprint)) continue;
    for (const { needs } of movedGroups(t, slot.newest)) if (!chosen.has(needs)) chosen.set(needs, slot.newest);
  }
  return [...new Map([...chosen.values()].map((e) => [e.key, e])).values()];
}

/** Groups whose digest differs, each with the `group:oldDigest` whose values explain it. */
function movedGroups(target: Target, newest: Existing): { group: InputGroup; needs: string }[] {
  const before = parseSignature(newest.signature);
  const now = parseSignature(target.signature) ?? groupDigests(target.digests);
  if (!before) return INPUT_GROUPS.map((group) => ({ group, needs: `${group}:${newest.key}` }));
  return INPUT_GROUPS.filter((g) => before[g] !== now[g]).map((group) => ({ group, needs: `${group}:${before[group]}` }));
}

/**
 * The candidates a default-branch plan promotes: for each target that no published artifact
 * satisfies, a pull request's candidate of the same slot and fingerprint (the newest, if several).
 */
export function promotable(targets: readonly Target[], published: readonly Existing[], candidates: readonly Existing[]): Existing[] {
  const have = new Set(published.map((e) => `${e.kind}:${e.id}#${e.fingerprint}`));
  const byTarget = new Map<string, Existing>();
  for (const c of candidates) {
    const key = `${c.id}#${c.fingerprint}`;
    const seen = byTarget.get(key);
    if (!have.has(`${c.kind}:${key}`) && (!seen || c.modified > seen.modified)) byTarget.set(key, c);
  }
  return targets.flatMap((t) => (t.unsupported === undefined ? (byTarget.get(`${t.id}#${t.fingerprint}`) ?? []) : []));
}

/**
 * Decides, per cell and per image, build / skip / unsupported. Pure: the listing (published, plus
 * candidates on a pull request), the few manifests it needs (store key → recorded inputs) and the
 * promotions this run made (published key → why) are handed in.
 */
export function planAgainst(
  cells: { engines: readonly EngineCell[]; images: readonly ImageSpec[] },
  existing: readonly Existing[],
  previous: ReadonlyMap<string, Recorded>,
  promoted: ReadonlyMap<string, string> = new Map(),
): Plan {
  const engineIndex = indexBySlot(existing.filter((e) => e.kind === 'engine'));
  const imageIndex = indexBySlot(existing.filter((e) => e.kind === 'image'));
  const known = knownGroupValues(existing, previous);
  const engines = cells.engines.map((cell): PlannedEngine => ({ kind: 'engine', cell, ...decide(cell, engineIndex, known, promoted) }));
  const images = cells.images.map((image): PlannedImage => ({ kind: 'image', image, ...decide(image, imageIndex, known, promoted) }));
  const count = (list: readonly { status: Status }[], status: Status) => list.filter((x) => x.status === status).length;
  return {
    engines,
    images,
    counts: {
      build: count(engines, 'build'),
      skip: count(engines, 'skip'),
      unsupported: count(engines, 'unsupported'),
      imageBuild: count(images, 'build'),
      imageSkip: count(images, 'skip'),
      imageUnsupported: count(images, 'unsupported'),
      promoted: [...engines, ...images].filter((x) => x.promoted).length,
    },
  };
}

/** `group:digest` (and `group:key` for unsigned keys) → a read manifest holding that group's values. */
function knownGroupValues(existing: readonly Existing[], previous: ReadonlyMap<string, Recorded>): Map<string, Recorded> {
  const known = new Map<string, Recorded>();
  const byKey = new Map(existing.map((e) => [e.key, e]));
  for (const [key, recorded] of previous) {
    const signature = parseSignature(byKey.get(key)?.signature ?? '');
    for (const group of INPUT_GROUPS) {
      known.set(`${group}:${key}`, recorded);
      if (signature && !known.has(`${group}:${signature[group]}`)) known.set(`${group}:${signature[group]}`, recorded);
    }
  }
  return known;
}

/** The inputs (and digests) of one group only. */
function pick(recorded: Recorded, groups: ReadonlySet<InputGroup>): Recorded {
  const inputs: Inputs = {};
  const digests: Record<string, string> = {};
  for (const [name, value] of Object.entries(recorded.inputs)) if (groups.has(groupOf(name))) inputs[name] = value;
  for (const [name, digest] of Object.entries(recorded.digests ?? {})) if (groups.has(groupOf(name))) digests[name] = digest;
  return { inputs, digests };
}

interface Slot {
  fingerprints: Map<string, Existing>;
  newest: Existing;
}

function indexBySlot(existing: readonly Existing[]): Map<string, Slot> {
  const index = new Map<string, Slot>();
  // Published after candidates: where both hold a fingerprint, the published one is the answer.
  for (const e of [...existing].sort((a, b) => Number(b.channel === 'candidate') - Number(a.channel === 'candidate'))) {
    const slot = index.get(e.id);
    if (!slot) {
      index.set(e.id, { fingerprints: new Map([[e.fingerprint, e]]), newest: e });
      continue;
    }
    slot.fingerprints.set(e.fingerprint, e);
    if (e.modified > slot.newest.modified || (+e.modified === +slot.newest.modified && compareText(e.key, slot.newest.key) > 0)) slot.newest = e;
  }
  return index;
}

function decide(
  target: Target,
  index: ReadonlyMap<string, Slot>,
  known: ReadonlyMap<string, Recorded>,
  promoted: ReadonlyMap<string, string>,
): { id: string; status: Status; reason: string; fingerprint: string; changes?: string[]; artifact?: string; promoted?: boolean } {
  const base = { id: target.id, fingerprint: target.fingerprint };
  if (target.unsupported !== undefined) return { ...base, status: 'unsupported', reason: target.unsupported };
  const slot = index.get(target.id);
  const match = slot?.fingerprints.get(target.fingerprint);
  const promotion = match ? promoted.get(match.key) : undefined;
  if (match && promotion !== undefined) return { ...base, status: 'skip', reason: promotion, artifact: match.key, promoted: true };
  if (match?.channel === 'candidate') {
    return { ...base, status: 'skip', reason: `built for a pull request (candidate ${match.modified.toISOString().slice(0, 10)}); promoted, not rebuilt, once merged`, artifact: match.key };
  }
  if (match) return { ...base, status: 'skip', reason: `up to date (${target.inputs.version ?? ''} stored ${match.modified.toISOString().slice(0, 10)})`, artifact: match.key };
  if (!slot) return { ...base, status: 'build', reason: 'no artifact yet' };
  const moved = movedGroups(target, slot.newest);
  const before: Recorded = { inputs: {}, digests: {} };
  for (const { group, needs } of moved) {
    const recorded = known.get(needs);
    if (!recorded) return { ...base, status: 'build', reason: `inputs changed since ${slot.newest.version} (its manifest could not be read)` };
    const part = pick(recorded, new Set([group]));
    Object.assign(before.inputs, part.inputs);
    Object.assign(before.digests!, part.digests);
  }
  const changes = describeChanges(before, pick(target, new Set(moved.map((m) => m.group))));
  return {
    ...base,
    status: 'build',
    reason: changes.length > 0 ? changes.join(', ') : `key schema changed since ${slot.newest.version}`,
    changes,
  };
}
