import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Manifest } from '../core/manifest.js';
import { quote, UserError } from '../errors.js';
import type { ArtifactStore } from '../store/artifact-store.js';
import { manifestDataPrefix, manifestKey, type Channel } from '../store/layout.js';
import { downloadArtifact } from '../store/resolve-artifact.js';
import { listVisible } from '../store/visible.js';

/**
 * A quantized checkpoint from the store, kept in cache-dir across jobs:
 * `<cache-dir>/checkpoints/<id>/<fingerprint>/`. downloadArtifact verifies every file against the
 * manifest in a temporary sibling and renames it into place, so the directory's presence means
 * "complete and verified": the second engine cell of a model and precision on a runner fetches nothing.
 */
export interface CachedCheckpoint {
  dir: string;
  cached: boolean;
  manifest: Manifest | undefined;
  /** The stored artifact's data and manifest, for the PyTorch artifact's reference. */
  uri: string | undefined;
  manifestUri: string | undefined;
}

export interface CheckpointRef {
  id: string;
  fingerprint: string;
}

export function checkpointDir(cacheDir: string, ref: CheckpointRef): string {
  return path.join(cacheDir, 'checkpoints', ...ref.id.split('/'), ref.fingerprint);
}

/** `channel` 'candidate' (a pull request's build) may use the candidate its own checkpoints job stored. */
export async function fetchCheckpoint(store: ArtifactStore, ref: CheckpointRef, cacheDir: string, signal: AbortSignal, channel: Channel = 'published'): Promise<CachedCheckpoint> {
  const dir = checkpointDir(cacheDir, ref);
  const stored = (await listVisible(store, 'checkpoint', ref.id, channel)).filter((a) => a.fingerprint === ref.fingerprint);
  // A published one first, else the newest complete one (a re-run that lost no race leaves exactly one).
  const artifact = stored.find((a) => a.channel !== 'candidate') ?? stored.sort((a, b) => b.modified.getTime() - a.modified.getTime())[0];
  if ((await stat(dir).catch(() => undefined))?.isDirectory()) {
    const manifest = artifact ? await store.readManifest(artifact) : undefined;
    return { dir, cached: true, manifest, ...uris(store, artifact, manifest) };
  }
  if (!artifact) {
    throw new UserError(
      `checkpoint ${quote(ref.id)} (fingerprint ${ref.fingerprint.slice(0, 12)}) is not in ${store.location}: the plan's checkpoints job makes it; ` +
        "run that job first ('needs: checkpoints' on the engines job) and check that it succeeded",
    );
  }
  const manifest = await store.readManifest(artifact);
  await downloadArtifact(store, manifest, dir, { signal });
  return { dir, cached: false, manifest, ...uris(store, artifact, manifest) };
}

function uris(store: ArtifactStore, artifact: Parameters<typeof manifestKey>[0] | undefined, manifest: Manifest | undefined): { uri: string | undefined; manifestUri: string | undefined } {
  if (!artifact || !manifest) return { uri: undefined, manifestUri: undefined };
  return { uri: store.uri(manifestDataPrefix(artifact, manifest.data)), manifestUri: store.uri(manifestKey(artifact)) };
}
