import semver from 'semver';
import { ArtifactKind, type Manifest } from '../core/manifest.js';
import { forEachLimit } from './transfer/limits.js';
import type { ArtifactStore, DataObject, OrphanData, PendingUpload } from './artifact-store.js';
import { attemptPrefixOf, dataPrefix, manifestDataPrefix } from './layout.js';
import type { StoredArtifact } from './store.js';

/**
 * The shortest age at which gc may abort an upload or delete unreferenced data (and expire a
 * candidate). Anything younger may be a publish still uploading: a multi-GB engine on a slow link
 * runs for hours, within an AWS role session, which IAM caps at 12 hours. Aborting it would fail
 * that publish, and deleting its files before its manifest lands would commit a broken artifact.
 */
export const MIN_SWEEP_AGE_HOURS = 12;

/** Manifest reads and deletes in flight at once: enough to hide S3's latency, few enough to stay under its request rate. */
const PARALLEL_REQUESTS = 32;

/**
 * One slot of the current matrix: an engine cell, a checkpoint, a vLLM image, an engine cell's
 * TensorRT-LLM image. `kind` keeps an engine and its engine image (one id, two kinds) apart.
 */
export interface MatrixTarget {
  kind: ArtifactKind;
  id: string;
  version: string;
  fingerprint: string;
}

export interface GcPolicy {
  /** Newest versions kept per cell (per kind and id): every fingerprint of them. */
  keepVersions: number;
  /** The current matrix's targets; undefined when gc runs without a matrix (then it may only report). */
  matrix?: readonly MatrixTarget[] | undefined;
}

/** Why an artifact stays, for the log: the first reason that applies. */
export type KeepReason = 'current' | 'resolved' | 'newest' | 'unranked' | 'referenced';

/**
 * Pure: the store keys the matrix still needs. For every slot of the matrix: the artifact of its
 * current fingerprint, and what `resolve` returns for it today under the ranges a deploy of that
 * version would use (`=V`, `~M.m`, `^M`, `*`): the newest complete artifact of the highest version
 * in range — which is older than the current fingerprint while a bump is still building. For a
 * resolved engine, also what `resolve` returns beside it: the NVIDIA vLLM image of the same model,
 * precision and version, and the engine's own TensorRT-LLM images of that version (resolve picks
 * the one whose manifest names the engine; gc keeps them all rather than read each).
 */
export function matrixProtection(published: readonly StoredArtifact[], matrix: readonly MatrixTarget[]): Set<string> {
  const bySlot = groupBy(published, (a) => `${a.kind}:${a.id}`);
  const current = new Set(matrix.map((t) => `${t.kind}:${t.id}#${t.fingerprint}`));
  const keys = new Set<string>();
  for (const a of published) if (current.has(`${a.kind}:${a.id}#${a.fingerprint}`)) keys.add(a.key);
  for (const t of matrix) {
    const slot = bySlot.get(`${t.kind}:${t.id}`) ?? [];
    for (const range of rangesOf(t.version)) {
      const chosen = resolvePick(slot, range);
      if (!chosen) continue;
      keys.add(chosen.key);
      if (chosen.kind !== 'engine') continue;
      const [model, , precision] = chosen.id.split('/');
      const image = newest((bySlot.get(`image:${model}/${precision}/nvidia`) ?? []).filter((i) => i.version === chosen.version));
      if (image) keys.add(image.key);
      for (const engineImage of bySlot.get(`image:${chosen.id}`) ?? []) if (engineImage.version === chosen.version) keys.add(engineImage.key);
    }
  }
  return keys;
}

/** The ranges a deploy of version V plausibly asks for; only exactly V when V is not semver. */
function rangesOf(version: string): string[] {
  const v = semver.parse(version);
  if (!v) return [`=${version}`];
  return [`=${v.version}`, `~${v.major}.${v.minor}`, `^${v.major}`, '*'];
}

/** resolve's choice within one slot: the highest version in range, then the newest manifest of it. */
function resolvePick(slot: readonly StoredArtifact[], range: string): StoredArtifact | undefined {
  if (range.startsWith('=') && semver.valid(range.slice(1)) === null) return newest(slot.filter((a) => a.version === range.slice(1)));
  const inRange = slot.filter((a) => semver.valid(a.version) !== null && semver.satisfies(a.version, range));
  const version = semver.maxSatisfying(
    inRange.map((a) => a.version),
    range,
  );
  return version === null ? undefined : newest(inRange.filter((a) => a.version === version));
}

/**
 * Pure: which published artifacts go. Per cell (kind and id, not per model: a TP-2 cell's only
 * version must not go because TP 1 has newer ones), every artifact of the newest `keepVersions`
 * versions stays; so does anything the matrix needs (see matrixProtection) and any version that
 * is not semver (it cannot be ranked, and deleting is the irreversible side).
 */
export function planGc(published: readonly StoredArtifact[], policy: GcPolicy): { remove: StoredArtifact[]; keep: { artifact: StoredArtifact; reason: KeepReason }[] } {
  const protect = policy.matrix ? matrixProtection(published, policy.matrix) : new Set<string>();
  const current = new Set((policy.matrix ?? []).map((t) => `${t.kind}:${t.id}#${t.fingerprint}`));
  const remove: StoredArtifact[] = [];
  const keep: { artifact: StoredArtifact; reason: KeepReason }[] = [];
  for (const members of groupBy(published, (a) => `${a.kind}:${a.id}`).values()) {
    const versions = [...new Set(members.map((a) => a.version).filter((v) => semver.valid(v) !== null))].sort(semver.rcompare);
    const kept = new Set(versions.slice(0, Math.max(0, policy.keepVersions)));
    for (const a of members) {
      const reason: KeepReason | undefined = current.has(`${a.kind}:${a.id}#${a.fingerprint}`)
        ? 'current'
        : protect.has(a.key)
          ? 'resolved'
          : semver.valid(a.version) === null
            ? 'unranked'
            : kept.has(a.version)
              ? 'newest'
              : undefined;
      if (reason) keep.push({ artifact: a, reason });
      else remove.push(a);
    }
  }
  return { remove, keep };
}

/**
 * Pure: of the artifacts `planGc` would delete, the checkpoints and engines a surviving artifact
 * was made from stay. A checkpoint's fingerprint leaves the model version out, so version 1.3's
 * engines may start from the checkpoint stored under 1.0; an engine image that fetches its engine
 * at start needs that engine's files. Keeping K versions per cell alone could take either away.
 */
export function spareReferenced(
  plan: { remove: StoredArtifact[]; keep: { artifact: StoredArtifact; reason: KeepReason }[] },
  referenced: ReadonlySet<string>,
): { remove: StoredArtifact[]; keep: { artifact: StoredArtifact; reason: KeepReason }[] } {
  const spared = plan.remove.filter((a) => a.kind !== 'image' && referenced.has(a.fingerprint));
  if (spared.length === 0) return plan;
  return { remove: plan.remove.filter((a) => !spared.includes(a)), keep: [...plan.keep, ...spared.map((artifact) => ({ artifact, reason: 'referenced' as const }))] };
}

/** The fingerprints an engine or image records having been made from: its checkpoint, its engine. */
export function madeFrom(manifest: Pick<Manifest, 'inputs'>): string[] {
  return [manifest.inputs['checkpoint-fingerprint'], manifest.inputs['engine-fingerprint']].filter((f): f is string => typeof f === 'string');
}

/**
 * Pure: which candidate manifests go. One older than the cutoff has outlived its pull request's
 * chance to merge; one whose artifact is published (promoted, or built again on the default branch)
 * is redundant, and must go before gc may delete the published artifact's data, which it shares.
 */
export function planCandidates(candidates: readonly StoredArtifact[], published: readonly StoredArtifact[], cutoff: number): { expire: StoredArtifact[]; live: StoredArtifact[] } {
  const publishedAt = new Set(published.map(addressId));
  const expire: StoredArtifact[] = [];
  const live: StoredArtifact[] = [];
  for (const c of candidates) (c.modified.getTime() < cutoff || publishedAt.has(addressId(c)) ? expire : live).push(c);
  return { expire, live };
}

/**
 * Pure and linear: data objects grouped by attempt prefix, minus what a manifest references, what
 * belongs to an artifact being deleted (reported with it), what an upload still open writes to,
 * and anything changed since the cutoff. `referenced` holds attempt prefixes and whole-fingerprint
 * prefixes (a manifest without `data`, or one that could not be read); each object costs two set
 * lookups, never a scan of the references.
 */
export function findOrphans(objects: readonly DataObject[], referenced: ReadonlySet<string>, cutoff: number): OrphanData[] {
  const groups = new Map<string, OrphanData>();
  for (const object of objects) {
    const prefix = attemptPrefixOf(object.key);
    if (!prefix) continue;
    if (referenced.has(prefix) || referenced.has(fingerprintPrefixOf(prefix))) continue;
    let group = groups.get(prefix);
    if (!group) groups.set(prefix, (group = { prefix, objects: 0, bytes: 0, newest: new Date(0) }));
    group.objects++;
    group.bytes += object.size;
    if (object.modified > group.newest) group.newest = object.modified;
  }
  return [...groups.values()].filter((g) => g.newest.getTime() < cutoff);
}

export interface GcOptions extends GcPolicy {
  /** Only uploads and orphan data older than this are swept: younger ones may be a publish in progress. */
  olderThanHours: number;
  /** Candidates (pull-request builds) older than this expire. */
  candidatesOlderThanHours: number;
  dryRun: boolean;
  now?: Date;
  log?: (line: string) => void;
}

export interface GcReport {
  dryRun: boolean;
  removed: StoredArtifact[];
  kept: number;
  /** Candidate manifests removed (expired, or redundant with a published artifact). */
  expiredCandidates: StoredArtifact[];
  liveCandidates: number;
  aborted: PendingUpload[];
  orphans: OrphanData[];
}

/**
 * Lists every manifest once per kind and channel and the data once, reads (32 at a time) only the
 * manifests whose fingerprint holds several attempts, and matches the data against them in one pass.
 * Order matters for safety: candidate manifests go before the published artifacts whose data they
 * share, and data of a candidate expired in this run is left to the next run, so a promotion that
 * read the candidate just before it expired has long landed (and is listed) by then.
 */
export async function collectGarbage(store: ArtifactStore, options: GcOptions): Promise<GcReport> {
  if (!options.dryRun && options.matrix === undefined) throw new Error('gc: refusing to delete without the matrix');
  const log = options.log ?? (() => undefined);
  const now = (options.now ?? new Date()).getTime();
  const cutoff = now - options.olderThanHours * 3_600_000;
  const verb = options.dryRun ? 'would delete' : 'deleting';
  const kinds = ArtifactKind.options;
  const listAll = async (channel: 'published' | 'candidate'): Promise<StoredArtifact[]> => (await Promise.all(kinds.map((k) => store.list(k, '', channel)))).flat();
  const [published, candidates] = await Promise.all([listAll('published'), listAll('candidate')]);

  const { expire, live } = planCandidates(candidates, published, now - options.candidatesOlderThanHours * 3_600_000);
  const plan = await withReferenced(store, planGc(published, options), live);
  await forEachLimit(expire, PARALLEL_REQUESTS, async (c) => {
    log(`${options.dryRun ? 'would expire' : 'expiring'} candidate ${c.kind} ${c.id}@${c.version} (${c.fingerprint.slice(0, 12)}, from ${c.modified.toISOString()})`);
    if (!options.dryRun) await store.deleteManifest(c);
  });
  await forEachLimit(plan.remove, 8, async (a) => {
    log(`${verb} ${a.kind} ${a.id}@${a.version} (${a.fingerprint.slice(0, 12)})`);
    if (!options.dryRun) await store.deleteArtifact(a);
  });

  const uploads = await store.listPendingUploads();
  const aborted = uploads.filter((u) => u.initiated.getTime() < cutoff);
  await forEachLimit(aborted, PARALLEL_REQUESTS, async (u) => {
    log(`${options.dryRun ? 'would abort' : 'aborting'} incomplete upload of ${u.key} started ${u.initiated.toISOString()}`);
    if (!options.dryRun) await store.abortPendingUpload(u);
  });

  // What stays referenced: every surviving manifest's data (read in parallel), the whole prefix of
  // what is being deleted (reported above), of expired candidates (next run), of open uploads.
  const removed = new Set(plan.remove.map((a) => a.key));
  const survivors = [...published.filter((a) => !removed.has(a.key)), ...live];
  const referenced = new Set<string>();
  for (const a of [...plan.remove, ...expire]) referenced.add(dataPrefix(a));
  for (const u of uploads) if (!aborted.includes(u)) referenced.add(attemptPrefixOf(u.key) ?? u.key);
  const objects = await store.listDataObjects();
  const attempts = attemptsPerFingerprint(objects);
  await forEachLimit(survivors, PARALLEL_REQUESTS, async (a) => {
    // Only a fingerprint with several attempts (a lost race, a crash) needs the manifest to tell
    // its attempt from the leftovers; one attempt is kept whole without a GET. An unreadable
    // manifest protects its whole fingerprint prefix too: deleting is the irreversible side.
    if ((attempts.get(dataPrefix(a))?.size ?? 0) <= 1) return void referenced.add(dataPrefix(a));
    const manifest = await store.readManifest(a).catch(() => undefined);
    referenced.add(manifest ? manifestDataPrefix(a, manifest.data) : dataPrefix(a));
  });
  const orphans = findOrphans(objects, referenced, cutoff);
  await forEachLimit(orphans, 8, async (o) => {
    log(`${verb} unreferenced data ${o.prefix} (${o.objects} objects, ${o.bytes} bytes)`);
    if (!options.dryRun) await store.deleteData(o.prefix);
  });
  return { dryRun: options.dryRun, removed: plan.remove, kept: plan.keep.length, expiredCandidates: expire, liveCandidates: live.length, aborted, orphans };
}

/**
 * Reads the manifests that may be made from a checkpoint or engine planGc would delete — the
 * surviving engines and images (and live candidates) of that model, nothing else — and spares what
 * they name; then the same for engines so spared (their checkpoint). Nothing to spare, no read.
 */
async function withReferenced(store: ArtifactStore, plan: ReturnType<typeof planGc>, live: readonly StoredArtifact[]): Promise<ReturnType<typeof planGc>> {
  const models = new Set(plan.remove.filter((a) => a.kind !== 'image').map((a) => modelOf(a.id)));
  if (models.size === 0) return plan;
  const referenced = new Set<string>();
  const read = async (users: readonly StoredArtifact[]): Promise<void> =>
    forEachLimit(users, PARALLEL_REQUESTS, async (a) => {
      const manifest = await store.readManifest(a).catch(() => undefined);
      if (manifest) for (const f of madeFrom(manifest)) referenced.add(f);
      // An unreadable manifest could name any of them: deleting is the irreversible side.
      else for (const r of plan.remove) if (r.kind !== 'image' && modelOf(r.id) === modelOf(a.id)) referenced.add(r.fingerprint);
    });
  await read([...plan.keep.map((k) => k.artifact), ...live].filter((a) => a.kind !== 'checkpoint' && models.has(modelOf(a.id))));
  const spared = spareReferenced(plan, referenced);
  const sparedEngines = spared.keep.filter((k) => k.reason === 'referenced' && k.artifact.kind === 'engine').map((k) => k.artifact);
  if (sparedEngines.length === 0) return spared;
  await read(sparedEngines);
  return spareReferenced(spared, referenced);
}

function modelOf(id: string): string {
  return id.split('/')[0] ?? id;
}

/** Fingerprint prefix → its attempt prefixes, from one data listing. */
function attemptsPerFingerprint(objects: readonly DataObject[]): Map<string, Set<string>> {
  const map = new Map<string, Set<string>>();
  for (const o of objects) {
    const attempt = attemptPrefixOf(o.key);
    if (!attempt) continue;
    const fingerprint = fingerprintPrefixOf(attempt);
    const set = map.get(fingerprint);
    if (set) set.add(attempt);
    else map.set(fingerprint, new Set([attempt]));
  }
  return map;
}

function fingerprintPrefixOf(attempt: string): string {
  return attempt.slice(0, attempt.slice(0, -1).lastIndexOf('/') + 1);
}

/** Every data prefix that no manifest (published or candidate) references, whatever its age. */
export async function unreferencedData(store: ArtifactStore): Promise<OrphanData[]> {
  const manifests = (await Promise.all(ArtifactKind.options.flatMap((k) => [store.list(k), store.list(k, '', 'candidate')]))).flat();
  const referenced = new Set<string>();
  await forEachLimit(manifests, PARALLEL_REQUESTS, async (a) => {
    const manifest = await store.readManifest(a).catch(() => undefined);
    referenced.add(manifest ? manifestDataPrefix(a, manifest.data) : dataPrefix(a));
  });
  return findOrphans(await store.listDataObjects(), referenced, Infinity);
}

function addressId(a: StoredArtifact): string {
  return `${a.kind}:${a.id}@${a.version}#${a.fingerprint}`;
}

function newest(list: readonly StoredArtifact[]): StoredArtifact | undefined {
  let best: StoredArtifact | undefined;
  for (const a of list) if (!best || a.modified > best.modified) best = a;
  return best;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
