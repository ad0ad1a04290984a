import path from 'node:path';
import type { Settings } from '../inputs.js';
import type { ArtifactStore } from './artifact-store.js';
import { LocalArtifactStore } from './local-artifacts.js';

export const DEFAULT_LOCAL_STORE = '.engine-forge/store';

/** The store the `store` input names: `s3://bucket/prefix`, or a local directory (the default). */
export async function openStore(settings: Settings): Promise<ArtifactStore> {
  const location = settings.string('store') ?? DEFAULT_LOCAL_STORE;
  if (location.startsWith('s3://')) {
    const { openS3Store } = await import('./s3/open.js');
    return openS3Store(location, settings);
  }
  return new LocalArtifactStore(path.resolve(settings.workspace(), location));
}
