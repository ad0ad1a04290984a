import type { Manifest } from '../core/manifest.js';
import type { ArtifactStore } from './artifact-store.js';

/**
 * The newest serving image recorded for exactly this engine (cell id and engine fingerprint): the
 * image manifests of the cell's slot record the engine they bake among their inputs. Usually one
 * listing and one manifest read.
 */
export async function findEngineImage(store: ArtifactStore, engine: Pick<Manifest, 'id' | 'fingerprint' | 'version'>): Promise<string | undefined> {
  const listed = (await store.list('image', engine.id)).filter((a) => a.id === engine.id && a.version === engine.version);
  for (const artifact of listed.sort((a, b) => b.modified.getTime() - a.modified.getTime())) {
    const manifest = await store.readManifest(artifact);
    if (manifest.inputs['engine-fingerprint'] === engine.fingerprint && manifest.image !== undefined) return manifest.image;
  }
  return undefined;
}
