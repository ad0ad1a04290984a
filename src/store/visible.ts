import type { ArtifactKind } from '../core/manifest.js';
import type { Channel } from './layout.js';
import type { Store, StoredArtifact } from './store.js';

/**
 * The artifacts of one id a run may build on: the published ones, and on a pull request (channel
 * 'candidate') also the candidates that pull request's own jobs stored — its engine images bake
 * its candidate engines, its engines its candidate checkpoints. Published ones come first.
 */
export async function listVisible(store: Store, kind: ArtifactKind, id: string, channel: Channel = 'published'): Promise<StoredArtifact[]> {
  const mine = (list: StoredArtifact[]) => list.filter((a) => a.id === id);
  const published = mine(await store.list(kind, id));
  return channel === 'candidate' ? [...published, ...mine(await store.list(kind, id, 'candidate'))] : published;
}
