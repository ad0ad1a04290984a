import semver from 'semver';
import type { ArtifactKind } from '../core/manifest.js';
import type { ArtifactStore, OrphanData, PendingUpload } from './artifact-store.js';
import { manifestKey } from './layout.js';
import type { StoredArtifact } from './store.js';

export interface GcPolicy {
  /** Newest model versions to keep per model and kind. */
  keepVersions: number;
  /** Manifest keys the current matrix still plans to use: never deleted. */
  protect: ReadonlySet<string>;
}

/**
 * Pure: which artifacts go. Versions are ranked by semver per model and kind; every artifact of
 * the newest `keepVersions` versions stays, and so does anything protected. A version that is not
 * semver is kept (we cannot rank it, and deleting is the irreversible side).
 */
export function planGc(artifacts: readonly StoredArtifact[], policy: GcPolicy): { remove: StoredArtifact[]; keep: StoredArtifact[] } {
  const groups = new Map<string, StoredArtifact[]>();
  for (const a of artifacts) {
    const group = `${a.kind}:${a.id.split('/')[0]}`;
    groups.set(group, [...(groups.get(group) ?? []), a]);
  }
  const remove: StoredArtifact[] = [];
  const keep: StoredArtifact[] = [];
  for (const members of groups.values()) {
    const versions = [...new Set(members.map((a) => a.version).filter((v) => semver.valid(v) !== null))].sort(semver.rcompare);
    const kept = new Set(versions.slice(0, Math.max(0, policy.keepVersions)));
    for (const a of members) {
      if (semver.valid(a.version) === null || kept.has(a.version) || policy.protect.has(manifestKey(a))) keep.push(a);
      else remove.push(a);
    }
  }
  return { remove, keep };
}

export interface GcOptions extends GcPolicy {
  /** Only uploads and orphan data older than this are swept: younger ones may be a publish in progress. */
  olderThanHours: number;
  dryRun: boolean;
  now?: Date;
  log?: (line: string) => void;
}

export interface GcReport {
  dryRun: boolean;
  removed: StoredArtifact[];
  kept: number;
  aborted: PendingUpload[];
  orphans: OrphanData[];
}

export async function collectGarbage(store: ArtifactStore, options: GcOptions): Promise<GcReport> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? new Date();
  const cutoff = now.getTime() - options.olderThanHours * 3_600_000;
  const verb = options.dryRun ? 'would delete' : 'deleting';
  const removed: StoredArtifact[] = [];
  let kept = 0;
  for (const kind of ['engine', 'image'] as ArtifactKind[]) {
    const plan = planGc(await store.list(kind), options);
    kept += plan.keep.length;
    for (const a of plan.remove) {
      log(`${verb} ${kind} ${a.id}@${a.version} (${a.fingerprint.slice(0, 12)})`);
      if (!options.dryRun) await store.deleteArtifact(a);
      removed.push(a);
    }
  }
  const aborted = (await store.listPendingUploads()).filter((u) => u.initiated.getTime() < cutoff);
  for (const u of aborted) {
    log(`${options.dryRun ? 'would abort' : 'aborting'} incomplete upload of ${u.key} started ${u.initiated.toISOString()}`);
    if (!options.dryRun) await store.abortPendingUpload(u);
  }
  const orphans = (await store.listOrphanData()).filter((o) => o.newest.getTime() < cutoff);
  for (const o of orphans) {
    log(`${verb} unreferenced data ${o.prefix} (${o.objects} objects, ${o.bytes} bytes)`);
    if (!options.dryRun) await store.deleteData(o.prefix);
  }
  return { dryRun: options.dryRun, removed, kept, aborted, orphans };
}
