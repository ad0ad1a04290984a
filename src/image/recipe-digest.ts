import { createHash } from 'node:crypto';
import { renderBuildContext } from './context.js';
import type { ImageRecipe } from './recipe.js';

/**
 * A digest of how engine-forge builds images, for the image fingerprint: the build context rendered
 * for a fixed sample, so any change to the Dockerfile layout, the entry point or the fetch step
 * rebuilds every image, while the spec's own values are fingerprinted as inputs of their own.
 */
const SAMPLE: ImageRecipe = {
  id: 'sample/bf16/nvidia',
  model: 'sample',
  version: '0.0.0',
  source: 'org/sample',
  revision: '0000000000000000000000000000000000000000',
  precision: 'bf16',
  vendor: 'nvidia',
  baseImage: 'registry.invalid/base:0',
  vllmVersion: '0.0.0',
  maxModelLen: 1,
  maxNumSeqs: 1,
  tensorParallelSize: 1,
  bakeWeights: true,
  trustRemoteCode: true,
  kvCacheDtype: 'fp8',
  fingerprint: '0'.repeat(64),
};

/** The same sample serving a checkpoint: the other way an image gets its weights. */
const CHECKPOINT_SAMPLE: ImageRecipe = { ...SAMPLE, id: 'sample/fp8/nvidia', precision: 'fp8', checkpoint: { id: 'sample/fp8', fingerprint: '1'.repeat(64) } };

export function imageRecipeDigest(): string {
  const hash = createHash('sha256');
  for (const sample of [SAMPLE, CHECKPOINT_SAMPLE]) {
    for (const file of renderBuildContext(sample, {}).files) {
      hash.update(`${file.path}\0${file.mode.toString(8)}\0${file.content}\0`);
    }
  }
  return hash.digest('hex');
}
