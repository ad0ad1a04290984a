import { describe, expect, it } from 'vitest';
import { IMAGE_RECIPE_VERSION } from '../src/core/cells.js';
import { imageRecipeDigest } from '../src/image/recipe-digest.js';

/**
 * Exact rebuilds: an image's fingerprint holds IMAGE_RECIPE_VERSION, not the generated files, so
 * a change to the Dockerfile layout, the entry point or the fetch step must come with a bump of
 * the version (which rebuilds every image). Each version pins the build context it stands for.
 */
const RECIPES: Record<number, string> = {
  1: '3ebbcc95d9da435c2b0f3889f17c2a4f62a1708e1f3a5d83bb3d94904862f390',
  // 2: FP8/NVFP4 images on NVIDIA bake engine-forge's ModelOpt checkpoint from the store; the checkpoint label names it.
  2: 'ee3a29b484c3e7c9066981d6acd6ccc3b101a69ba1fd67973ce1df32b8c27fc0',
};

describe('image recipe', () => {
  it('matches the build context pinned for IMAGE_RECIPE_VERSION', () => {
    const pinned = RECIPES[IMAGE_RECIPE_VERSION];
    expect(
      imageRecipeDigest(),
      `src/image/ renders a different build context than recipe ${IMAGE_RECIPE_VERSION} pinned: bump IMAGE_RECIPE_VERSION in src/core/cells.ts and pin the new digest here`,
    ).toBe(pinned);
  });
});
