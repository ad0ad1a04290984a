import type { EngineCell, ImageSpec } from './cells.js';
import { compareText } from './cells.js';
import { describeChanges, type Inputs, type Recorded } from './fingerprint.js';
import type { ArtifactKind } from './manifest.js';

export type Status = 'build' | 'skip' | 'unsupported';

/** What a listing says exists, reduced to what planning needs (no manifest bytes). */
export interface Existing {
  kind: ArtifactKind;
  id: string;
  version: string;
  fingerprint: string;
  key: string;
  modified: Date;
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
}

export interface Plan {
  engines: PlannedEngine[];
  images: PlannedImage[];
  counts: { build: number; skip: number; unsupported: number; imageBuild: number; imageSkip: number; imageUnsupported: number };
}

/** The manifests a plan needs to read: the newest artifact of each slot that has no exact match. */
export function artifactsToExplain(targets: readonly { id: string; fingerprint: string; unsupported?: string }[], existing: readonly Existing[]): Existing[] {
  const index = indexBySlot(existing);
  const wanted: Existing[] = [];
  for (const t of targets) {
    if (t.unsupported !== undefined) continue;
    const slot = index.get(t.id);
    if (!slot || slot.fingerprints.has(t.fingerprint)) continue;
    wanted.push(slot.newest);
  }
  return wanted;
}

/**
 * Decides, per cell and per image, build / skip / unsupported. Pure: the listing and the few
 * manifests it needs (store key → recorded inputs) are handed in.
 */
export function planAgainst(
  cells: { engines: readonly EngineCell[]; images: readonly ImageSpec[] },
  existing: readonly Existing[],
  previous: ReadonlyMap<string, Recorded>,
): Plan {
  const engineIndex = indexBySlot(existing.filter((e) => e.kind === 'engine'));
  const imageIndex = indexBySlot(existing.filter((e) => e.kind === 'image'));
  const engines = cells.engines.map((cell): PlannedEngine => ({ kind: 'engine', cell, ...decide(cell, engineIndex, previous) }));
  const images = cells.images.map((image): PlannedImage => ({ kind: 'image', image, ...decide(image, imageIndex, previous) }));
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
    },
  };
}

interface Slot {
  fingerprints: Map<string, Existing>;
  newest: Existing;
}

function indexBySlot(existing: readonly Existing[]): Map<string, Slot> {
  const index = new Map<string, Slot>();
  for (const e of existing) {
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
  target: { id: string; fingerprint: string; inputs: Inputs; digests: Record<string, string>; unsupported?: string },
  index: ReadonlyMap<string, Slot>,
  previous: ReadonlyMap<string, Recorded>,
): { id: string; status: Status; reason: string; fingerprint: string; changes?: string[]; artifact?: string } {
  const base = { id: target.id, fingerprint: target.fingerprint };
  if (target.unsupported !== undefined) return { ...base, status: 'unsupported', reason: target.unsupported };
  const slot = index.get(target.id);
  const match = slot?.fingerprints.get(target.fingerprint);
  if (match) return { ...base, status: 'skip', reason: `up to date (${target.inputs.version ?? ''} stored ${match.modified.toISOString().slice(0, 10)})`, artifact: match.key };
  if (!slot) return { ...base, status: 'build', reason: 'no artifact yet' };
  const before = previous.get(slot.newest.key);
  if (!before) return { ...base, status: 'build', reason: `inputs changed since ${slot.newest.version} (its manifest could not be read)` };
  const changes = describeChanges(before, target);
  return {
    ...base,
    status: 'build',
    reason: changes.length > 0 ? changes.join(', ') : `key schema changed since ${slot.newest.version}`,
    changes,
  };
}
