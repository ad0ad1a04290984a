import type { ImageSpec } from '../core/cells.js';

/**
 * What image generation needs from an ImageSpec (src/core/cells.ts): its serving values, plus the
 * model's KV-cache type, which the spec carries only among its fingerprinted inputs.
 */
export type ImageRecipe = Pick<
  ImageSpec,
  | 'id'
  | 'model'
  | 'version'
  | 'source'
  | 'revision'
  | 'precision'
  | 'vendor'
  | 'baseImage'
  | 'vllmVersion'
  | 'maxModelLen'
  | 'maxNumSeqs'
  | 'tensorParallelSize'
  | 'bakeWeights'
  | 'trustRemoteCode'
  | 'fingerprint'
  | 'checkpoint'
  | 'serverless'
> & { kvCacheDtype?: 'auto' | 'fp8' | 'int8' };

export function recipeOf(spec: ImageSpec): ImageRecipe {
  const kv = spec.inputs['kv-cache-dtype'];
  return {
    id: spec.id,
    model: spec.model,
    version: spec.version,
    source: spec.source,
    revision: spec.revision,
    precision: spec.precision,
    vendor: spec.vendor,
    baseImage: spec.baseImage,
    vllmVersion: spec.vllmVersion,
    maxModelLen: spec.maxModelLen,
    maxNumSeqs: spec.maxNumSeqs,
    tensorParallelSize: spec.tensorParallelSize,
    bakeWeights: spec.bakeWeights,
    trustRemoteCode: spec.trustRemoteCode,
    fingerprint: spec.fingerprint,
    ...(spec.checkpoint !== undefined ? { checkpoint: spec.checkpoint } : {}),
    ...(spec.serverless !== undefined ? { serverless: spec.serverless } : {}),
    ...(kv === 'auto' || kv === 'fp8' || kv === 'int8' ? { kvCacheDtype: kv } : {}),
  };
}

/** Where the build came from: the OCI source/revision labels. Unknown fields are left out, never guessed. */
export interface ImageProvenance {
  /** Repository URL, e.g. https://github.com/acme/models. */
  source?: string;
  /** Commit of that repository. */
  revision?: string;
}
