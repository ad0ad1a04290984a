import type { Manifest } from '../core/manifest.js';
import type { ArtifactStore } from './artifact-store.js';

/**
 * The stored checkpoint with exactly this fingerprint, under whichever model version made it (a
 * checkpoint's fingerprint leaves the version out, so a later version of the same revision reuses
 * it), or undefined. One listing narrowed to the checkpoint's id, then its manifest.
 */
export async function findCheckpoint(store: ArtifactStore, wanted: { id: string; fingerprint: string }): Promise<Manifest | undefined> {
  const stored = (await store.list('checkpoint', wanted.id)).find((a) => a.id === wanted.id && a.fingerprint === wanted.fingerprint);
  return stored === undefined ? undefined : store.readManifest(stored);
}
