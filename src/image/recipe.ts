/**
 * What image generation needs from an ImageSpec (src/core/cells.ts). Kept as its own structural type
 * so src/image/ stays a pure layer that any ImageSpec satisfies.
 */
export type ImagePrecision = 'fp16' | 'bf16' | 'fp8' | 'int8_sq' | 'int8_wo' | 'int4_wo' | 'int4_awq' | 'w4a8_awq' | 'nvfp4';
export type ImageVendor = 'nvidia' | 'amd';

export interface ImageRecipe {
  id: string;
  model: string;
  version: string;
  /** Hugging Face repository id of the weights. */
  source: string;
  revision: string;
  precision: ImagePrecision;
  vendor: ImageVendor;
  baseImage: string;
  vllmVersion: string;
  maxModelLen: number;
  maxNumSeqs: number;
  tensorParallelSize: number;
  bakeWeights: boolean;
  fingerprint: string;
}

/** Where the build came from: the OCI source/revision labels. Unknown fields are left out, never guessed. */
export interface ImageProvenance {
  /** Repository URL, e.g. https://github.com/acme/models. */
  source?: string;
  /** Commit of that repository. */
  revision?: string;
}
