import { randomBytes } from 'node:crypto';
import type { ArtifactKind, Manifest } from '../core/manifest.js';
import { UserError, quote } from '../errors.js';
import { scanArtifactDir } from './artifact-dir.js';
import type { ArtifactStore } from './artifact-store.js';
import { addressOf, attemptDataPrefix, manifestKey, type Channel } from './layout.js';
import { assertVersionOpenTo } from './version-claim.js';

/** What is being published: the cell (or image) and everything its manifest records about it. */
export interface PublishTarget {
  kind: ArtifactKind;
  id: string;
  model: string;
  version: string;
  fingerprint: string;
  inputs: Record<string, unknown>;
  digests: Record<string, string>;
  toolchain: Record<string, unknown>;
  provenance: Manifest['provenance'];
  image?: string;
}

/** The target of a cell or checkpoint built with `toolchain`: its identity, inputs and digests as the plan derived them. */
export function cellTarget(
  kind: ArtifactKind,
  cell: Pick<PublishTarget, 'id' | 'model' | 'version' | 'fingerprint' | 'inputs' | 'digests'>,
  toolchain: Record<string, unknown>,
  provenance: Manifest['provenance'] = {},
): PublishTarget {
  return { kind, id: cell.id, model: cell.model, version: cell.version, fingerprint: cell.fingerprint, inputs: cell.inputs, digests: cell.digests, toolchain, provenance };
}

export interface PublishOptions {
  signal?: AbortSignal;
  /** Publish even where the store ignores create-only writes (racing runs may then overwrite each other). */
  allowUnsafe?: boolean;
  log?: (line: string) => void;
  now?: () => Date;
  /** 'candidate' for a pull request's build: stored beside, never as, the published artifact. */
  channel?: Channel;
}

/** `channel`: where the result's manifest lives ('candidate' only on a pull request's publish). */
export type PublishResult =
  | { created: true; manifest: Manifest; uri: string; channel: Channel }
  | { created: false; existing: Manifest; uri: string; channel: Channel; reason: 'already-published' | 'lost-race' };

/**
 * Stores a directory as an artifact. Files go to a prefix of their own, the manifest is written
 * last and create-only, so the artifact appears complete or not at all, and of two racing
 * publishers exactly one wins; the other removes its files and reports the winner.
 */
export async function publishArtifact(store: ArtifactStore, target: PublishTarget, dir: string, options: PublishOptions = {}): Promise<PublishResult> {
  const log = options.log ?? (() => undefined);
  const now = options.now ?? (() => new Date());
  const channel = options.channel ?? 'published';
  const uri = store.uri(manifestKey({ ...addressOf(target), ...(channel === 'candidate' ? { channel } : {}) }));
  const probe = await store.conditionalWrites();
  if (!probe.honoured) {
    if (!options.allowUnsafe) {
      throw new UserError(
        `store ${quote(store.location)} does not honour create-only writes (${probe.detail}); two runs publishing the same cell could ` +
          'overwrite each other, so publish refuses. Use a store that supports If-None-Match (AWS S3, Ceph RGW, R2), or set ' +
          "'allow-unsafe-store: true' to accept the risk",
      );
    }
    log(`warning: store ${store.location} does not honour create-only writes (${probe.detail}); publishing anyway (allow-unsafe-store)`);
  }
  // One listing (not a GET that each store reports differently when missing): is it there already?
  const stored = (await store.list(target.kind, target.id)).find(
    (a) => a.id === target.id && a.version === target.version && a.fingerprint === target.fingerprint,
  );
  const existing = stored ? await store.readManifest(stored) : undefined;
  if (stored && existing) {
    log(`${target.id}@${target.version} is already published (${describeWinner(existing)}); nothing to do`);
    return { created: false, existing, uri: store.uri(stored.key), channel: 'published', reason: 'already-published' };
  }
  // A pull request's build: another run (or push) of a pull request may have stored it already.
  const candidate = channel === 'candidate' ? await storedCandidate(store, target) : undefined;
  if (candidate) {
    log(`${target.id}@${target.version} is already stored as a pull-request candidate (${describeWinner(candidate)}); nothing to do`);
    return { created: false, existing: candidate, uri, channel, reason: 'already-published' };
  }

  // Refuse a second model under this version before moving any byte; commitManifest claims the
  // version for real (create-only), which settles a race between first publishers.
  await assertVersionOpenTo(store, target);

  const files = await scanArtifactDir(dir);
  const createdAt = now().toISOString();
  const data = attemptDataPrefix(target, newAttemptId());
  let committed = false;
  try {
    const stored = await store.putFiles(target, data, files, options.signal ? { signal: options.signal } : {});
    options.signal?.throwIfAborted();
    const manifest: Manifest = {
      schema: 'engine-forge/manifest@1',
      kind: target.kind,
      id: target.id,
      model: target.model,
      version: target.version,
      fingerprint: target.fingerprint,
      inputs: target.inputs,
      digests: target.digests,
      files: stored,
      data,
      toolchain: target.toolchain,
      provenance: target.provenance,
      ...(target.image ? { image: target.image } : {}),
      createdAt,
      completedAt: now().toISOString(),
    };
    const result = await store.commitManifest(manifest, channel);
    // The winner's manifest pointing at our attempt's files is our own write (its reply was lost):
    // deleting them would leave a committed manifest without data.
    if (result.created || result.existing.data === data) {
      committed = true;
      return { created: true, manifest, uri, channel };
    }
    log(`${target.id}@${target.version} was ${channel === 'candidate' ? 'stored' : 'published'} by another run first (${describeWinner(result.existing)}); discarding this copy`);
    return { created: false, existing: result.existing, uri, channel, reason: 'lost-race' };
  } catch (error) {
    // The SDK reports its own "Request aborted"; the signal's reason says why (SIGINT, SIGTERM).
    throw options.signal?.aborted ? options.signal.reason : error;
  } finally {
    // A loser, a failure or an interrupt leaves no files behind (gc sweeps what a crash leaves).
    if (!committed) await store.deleteData(data).catch(() => undefined);
  }
}

async function storedCandidate(store: ArtifactStore, target: PublishTarget): Promise<Manifest | undefined> {
  const found = (await store.list(target.kind, target.id, 'candidate')).find((a) => a.id === target.id && a.version === target.version && a.fingerprint === target.fingerprint);
  return found ? store.readManifest(found) : undefined;
}

/** Unique per publish attempt and sortable by time, so racing writers never share a prefix. */
function newAttemptId(): string {
  return `${Date.now().toString(36)}-${randomBytes(6).toString('hex')}`;
}

export function describeWinner(m: Manifest): string {
  const who = [m.provenance.runUrl, m.provenance.commit ? `commit ${m.provenance.commit}` : undefined, m.provenance.publisher].filter(Boolean);
  return `${who.length > 0 ? who.join(', ') : 'unknown publisher'}, completed ${m.completedAt}`;
}
