import semver from 'semver';
import type { EngineCell, ImageSpec } from './cells.js';
import { compareText } from './cells.js';
import type { CheckpointCell } from './checkpoints.js';
import type { EngineImageSpec } from './engine-images.js';
import { describeChanges, groupDigests, groupOf, INPUT_GROUPS, parseSignature, type InputGroup, type Inputs, type Recorded } from './fingerprint.js';
import type { ArtifactKind } from './manifest.js';

/**
 * `waiting`: an image whose checkpoint is not in the store yet. It is not built in this run (its
 * job could start before the checkpoint job ends); a plan run after the checkpoint is published
 * builds it.
 */
export type Status = 'build' | 'skip' | 'unsupported' | 'waiting';

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

/** The TensorRT-LLM serving image of one engine cell (`waiting` while its engine is not stored). */
export interface PlannedEngineImage {
  kind: 'engine-image';
  id: string;
  status: Status;
  reason: string;
  fingerprint: string;
  image: EngineImageSpec;
  changes?: string[];
  artifact?: string;
  promoted?: boolean;
}

export interface PlannedCheckpoint {
  kind: 'checkpoint';
  id: string;
  status: Exclude<Status, 'waiting'>;
  reason: string;
  fingerprint: string;
  checkpoint: CheckpointCell;
  changes?: string[];
  artifact?: string;
  promoted?: boolean;
}

export interface Plan {
  engines: PlannedEngine[];
  images: PlannedImage[];
  checkpoints: PlannedCheckpoint[];
  engineImages: PlannedEngineImage[];
  counts: {
    build: number;
    skip: number;
    unsupported: number;
    imageBuild: number;
    imageSkip: number;
    imageUnsupported: number;
    imageWaiting: number;
    checkpointBuild: number;
    checkpointSkip: number;
    checkpointUnsupported: number;
    engineImageBuild: number;
    engineImageSkip: number;
    engineImageUnsupported: number;
    engineImageWaiting: number;
    /** Artifacts of any kind this run promoted from a pull request's candidate. */
    promoted: number;
  };
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

/**
 * Groups whose digest differs, each with the `group:oldDigest` whose values explain it and the
 * target's own digest of that group: together they fix what the change says.
 */
function movedGroups(target: Target, newest: Existing): { group: InputGroup; needs: string; now: string }[] {
  const before = parseSignature(newest.signature);
  const now = parseSignature(target.signature) ?? groupDigests(target.digests);
  if (!before) return INPUT_GROUPS.map((group) => ({ group, needs: `${group}:${newest.key}`, now: now[group] }));
  return INPUT_GROUPS.filter((g) => before[g] !== now[g]).map((group) => ({ group, needs: `${group}:${before[group]}`, now: now[group] }));
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
  cells: { engines: readonly EngineCell[]; images: readonly ImageSpec[]; checkpoints?: readonly CheckpointCell[]; engineImages?: readonly EngineImageSpec[] },
  existing: readonly Existing[],
  previous: ReadonlyMap<string, Recorded>,
  promoted: ReadonlyMap<string, string> = new Map(),
): Plan {
  const engineIndex = indexBySlot(existing.filter((e) => e.kind === 'engine'));
  const imageIndex = indexBySlot(existing.filter((e) => e.kind === 'image'));
  const checkpointIndex = indexBySlot(existing.filter((e) => e.kind === 'checkpoint'));
  const known = knownGroupValues(existing, previous);
  // A toolchain bump gives thousands of cells the same change: describe it once, share the text.
  const described = new Map<string, { reason: string; changes: string[] }>();
  const decideIn = (target: Target, index: ReadonlyMap<string, Slot>) => decide(target, index, known, described, promoted);
  const engines = cells.engines.map((cell): PlannedEngine => ({ kind: 'engine', cell, ...decideIn(cell, engineIndex) }));
  const checkpoints = (cells.checkpoints ?? []).map((checkpoint): PlannedCheckpoint => ({ kind: 'checkpoint', checkpoint, ...decideIn(checkpoint, checkpointIndex) }));
  const images = cells.images.map((image): PlannedImage => ({ kind: 'image', image, ...holdForCheckpoint(image, decideIn(image, imageIndex), checkpointIndex) }));
  const engineImages = (cells.engineImages ?? []).map(
    (image): PlannedEngineImage => ({ kind: 'engine-image', image, ...holdForEngine(image, decideIn(image, imageIndex), engineIndex) }),
  );
  const count = (list: readonly { status: Status }[], status: Status) => list.filter((x) => x.status === status).length;
  return {
    engines,
    images,
    checkpoints,
    engineImages,
    counts: {
      build: count(engines, 'build'),
      skip: count(engines, 'skip'),
      unsupported: count(engines, 'unsupported'),
      imageBuild: count(images, 'build'),
      imageSkip: count(images, 'skip'),
      imageUnsupported: count(images, 'unsupported'),
      imageWaiting: count(images, 'waiting'),
      checkpointBuild: count(checkpoints, 'build'),
      checkpointSkip: count(checkpoints, 'skip'),
      checkpointUnsupported: count(checkpoints, 'unsupported'),
      engineImageBuild: count(engineImages, 'build'),
      engineImageSkip: count(engineImages, 'skip'),
      engineImageUnsupported: count(engineImages, 'unsupported'),
      engineImageWaiting: count(engineImages, 'waiting'),
      promoted: [...engines, ...checkpoints, ...images, ...engineImages].filter((x) => x.promoted).length,
    },
  };
}

/**
 * An image that serves a checkpoint is built only once that checkpoint (this exact fingerprint)
 * is in the store: the image bakes it from there. Until then it waits, and says for what.
 */
function holdForCheckpoint(image: ImageSpec, decision: Decision, checkpoints: ReadonlyMap<string, Slot>): Decision<Status> {
  if (decision.status !== 'build' || image.checkpoint === undefined) return decision;
  if (checkpoints.get(image.checkpoint.id)?.fingerprints.has(image.checkpoint.fingerprint)) return decision;
  const { changes: _changes, ...rest } = decision;
  return { ...rest, status: 'waiting', reason: `waiting for checkpoint ${image.checkpoint.id} (${image.checkpoint.fingerprint.slice(0, 12)}); the plan after it is stored builds this image` };
}

/**
 * An engine image bakes its engine from the store (this exact fingerprint): until the engine is
 * stored — it may be building in this very run — the image waits, and says for what.
 */
function holdForEngine(image: EngineImageSpec, decision: Decision, engines: ReadonlyMap<string, Slot>): Decision<Status> {
  if (decision.status !== 'build') return decision;
  if (engines.get(image.engine.id)?.fingerprints.has(image.engine.fingerprint)) {
    if (!decision.changes) return decision;
    // Turning serverless on brings its worker along: one cause, said once.
    const serverlessMoved = decision.changes.some((c) => c.startsWith('serverless '));
    const causes = decision.changes.filter((c) => !(serverlessMoved && c.startsWith('worker '))).map(engineImageChange);
    return { ...decision, reason: causes.join(', ') || decision.reason };
  }
  const { changes: _changes, ...rest } = decision;
  return { ...rest, status: 'waiting', reason: `waiting for engine ${image.engine.id} (${image.engine.fingerprint.slice(0, 12)}); the plan after it is stored builds this image` };
}

/** What moved, in the words of an engine image: a new engine, a new base image, a new recipe. */
const ENGINE_IMAGE_CAUSES: Readonly<Record<string, string>> = {
  'engine-fingerprint': 'a new engine',
  'trtllm-image': 'a new base image',
  recipe: 'a new image recipe',
  serverless: 'serverless workers',
  worker: 'a new serverless worker',
  artifact: 'the artifact fetched at start',
};

function engineImageChange(change: string): string {
  const name = change.slice(0, change.indexOf(' '));
  const cause = ENGINE_IMAGE_CAUSES[name];
  return cause === undefined ? change : `${cause} (${change})`;
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
  /** The highest version stored for the slot: what `resolve` prefers, whatever the matrix says now. */
  highest: string;
}

function indexBySlot(existing: readonly Existing[]): Map<string, Slot> {
  const index = new Map<string, Slot>();
  // Published after candidates: where both hold a fingerprint, the published one is the answer.
  for (const e of [...existing].sort((a, b) => Number(b.channel === 'candidate') - Number(a.channel === 'candidate'))) {
    const slot = index.get(e.id);
    // Resolve never returns a candidate, so only published versions can make a cell go backwards.
    const version = e.channel === 'candidate' ? '' : e.version;
    if (!slot) {
      index.set(e.id, { fingerprints: new Map([[e.fingerprint, e]]), newest: e, highest: version });
      continue;
    }
    slot.fingerprints.set(e.fingerprint, e);
    if (version !== '' && (slot.highest === '' || isNewer(version, slot.highest))) slot.highest = version;
    if (e.modified > slot.newest.modified || (+e.modified === +slot.newest.modified && compareText(e.key, slot.newest.key) > 0)) slot.newest = e;
  }
  return index;
}

type Decision<S extends Status = Exclude<Status, 'waiting'>> = {
  id: string;
  status: S;
  reason: string;
  fingerprint: string;
  changes?: string[];
  artifact?: string;
  promoted?: boolean;
};

function decide(
  target: Target,
  index: ReadonlyMap<string, Slot>,
  known: ReadonlyMap<string, Recorded>,
  described: Map<string, { reason: string; changes: string[] }>,
  promoted: ReadonlyMap<string, string>,
): Decision {
  const base = { id: target.id, fingerprint: target.fingerprint };
  if (target.unsupported !== undefined) return { ...base, status: 'unsupported', reason: target.unsupported };
  const slot = index.get(target.id);
  if (!slot) return { ...base, status: 'build', reason: 'no artifact yet' };
  const match = slot.fingerprints.get(target.fingerprint);
  const promotion = match ? promoted.get(match.key) : undefined;
  const decided =
    match && promotion !== undefined
      ? { status: 'skip' as const, reason: promotion, artifact: match.key, promoted: true }
      : match?.channel === 'candidate'
        ? { status: 'skip' as const, reason: `built for a pull request (candidate ${match.modified.toISOString().slice(0, 10)}); promoted, not rebuilt, once merged`, artifact: match.key }
        : match
          ? { status: 'skip' as const, reason: `up to date (${match.version} stored ${match.modified.toISOString().slice(0, 10)})`, artifact: match.key }
          : build(target, slot, known, described);
  const version = String(target.inputs.version ?? '');
  if (!isNewer(slot.highest, version)) return { ...base, ...decided };
  // Built or not, a deploy asking for a range gets the higher stored version, not the matrix's.
  const warning = `goes backwards: the store already has ${slot.highest}, newer than ${version}, and resolve prefers it for any range holding both`;
  return { ...base, ...decided, reason: `${warning}; ${decided.reason}` };
}

/** `a` > `b` as semver; cached, since thousands of cells ask the same question. */
const newerCache = new Map<string, boolean>();
function isNewer(a: string, b: string): boolean {
  if (a === b) return false;
  const key = `${a} ${b}`;
  let answer = newerCache.get(key);
  if (answer === undefined) {
    answer = semver.valid(a) !== null && semver.valid(b) !== null && semver.gt(a, b);
    if (newerCache.size > 10_000) newerCache.clear();
    newerCache.set(key, answer);
  }
  return answer;
}

function build(
  target: Target,
  slot: Slot,
  known: ReadonlyMap<string, Recorded>,
  described: Map<string, { reason: string; changes: string[] }>,
): { status: 'build'; reason: string; changes?: string[] } {
  const moved = movedGroups(target, slot.newest);
  // The old values (needs) and the new group digests (now) decide the description entirely.
  const memo = moved.map((m) => `${m.needs}>${m.now}`).join(';');
  const shared = described.get(memo);
  if (shared) return { status: 'build', ...describe(shared.changes, shared.reason, slot.newest.version) };
  const before: Recorded = { inputs: {}, digests: {} };
  for (const { group, needs } of moved) {
    const recorded = known.get(needs);
    if (!recorded) return { status: 'build', reason: `inputs changed since ${slot.newest.version} (its manifest could not be read)` };
    const part = pick(recorded, new Set([group]));
    Object.assign(before.inputs, part.inputs);
    Object.assign(before.digests!, part.digests);
  }
  const changes = describeChanges(before, pick(target, new Set(moved.map((m) => m.group))));
  const reason = changes.join(', ');
  described.set(memo, { changes, reason });
  return { status: 'build', ...describe(changes, reason, slot.newest.version) };
}

function describe(changes: string[], reason: string, since: string): { reason: string; changes: string[] } {
  return { reason: changes.length > 0 ? reason : `key schema changed since ${since}`, changes };
}
