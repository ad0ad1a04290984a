import type { Manifest } from '../core/manifest.js';
import type { ArtifactStore } from './artifact-store.js';
import type { Channel } from './layout.js';
import { listVisible } from './visible.js';

/**
 * The stored checkpoint with exactly this fingerprint, under whichever model version made it (a
 * checkpoint's fingerprint leaves the version out, so a later version of the same revision reuses
 * it), or undefined. One listing narrowed to the checkpoint's id, then its manifest. On a pull
 * request (channel 'candidate') a candidate checkpoint its own checkpoints job stored counts too.
 */
export async function findCheckpoint(store: ArtifactStore, wanted: { id: string; fingerprint: string }, channel: Channel = 'published'): Promise<Manifest | undefined> {
  const stored = (await listVisible(store, 'checkpoint', wanted.id, channel)).find((a) => a.fingerprint === wanted.fingerprint);
  return stored === undefined ? undefined : store.readManifest(stored);
}
