import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DOCKERFILE, renderBuildContext } from './context.js';
import type { BuilderName, Exec } from './builders.js';
import { buildAndPush } from './builders.js';
import type { ImageProvenance, ImageRecipe } from './recipe.js';
import { HF_TOKEN_SECRET } from './scripts.js';
import { imageReferences } from './tags.js';

export interface BuildImageOptions {
  /** Validated repository (parseRepository). */
  repository: string;
  builder: BuilderName;
  provenance: ImageProvenance;
  /** Hugging Face token for weight baking; handed to the builder as a secret file, nothing else. */
  hfToken?: string;
  exec: Exec;
  log: (line: string) => void;
  /** Parent of the temporary directories (default: the OS's). */
  tmpDir?: string;
  /**
   * Whether to move the model version's tag too (default true). A pull request's image pushes only
   * its immutable fingerprint tag: a deploy pulling the moving tag must never get unmerged work.
   */
  movingTag?: boolean;
  /** Fills a new directory with the recipe's checkpoint, verified (required when the recipe has one). */
  fetchCheckpoint?: (dir: string) => Promise<void>;
}

export interface BuiltImage {
  /** `repository@sha256:…`, the output `image`. */
  image: string;
  digest: string;
  /** The tags pushed, immutable first. */
  references: string[];
}

/**
 * Writes the build context to a fresh directory, builds and pushes it. The token file lives in a
 * separate private directory (never in the context, which builders may send or cache whole) and
 * both are removed afterwards, whatever happens.
 */
export async function buildImage(recipe: ImageRecipe, options: BuildImageOptions): Promise<BuiltImage> {
  const context = renderBuildContext(recipe, options.provenance);
  const references = imageReferences(options.repository, recipe).slice(0, options.movingTag === false ? 1 : 2);
  const base = options.tmpDir ?? tmpdir();
  const contextDir = await mkdtemp(join(base, 'engine-forge-image-'));
  const workDir = await mkdtemp(join(base, 'engine-forge-build-'));
  try {
    await chmod(workDir, 0o700);
    for (const file of context.files) {
      const path = join(contextDir, file.path);
      await writeFile(path, file.content, { mode: file.mode });
      await chmod(path, file.mode); // writeFile's mode is filtered by the umask; COPY keeps this one
    }
    if (context.checkpointDir !== undefined) {
      if (options.fetchCheckpoint === undefined) throw new Error(`buildImage: ${recipe.id} serves a checkpoint, but no fetchCheckpoint was given`);
      options.log(`Fetching checkpoint ${recipe.checkpoint!.id} (${recipe.checkpoint!.fingerprint.slice(0, 12)}) into the build context`);
      await options.fetchCheckpoint(join(contextDir, context.checkpointDir));
    }
    const secrets: Record<string, string> = {};
    if (context.secrets.includes(HF_TOKEN_SECRET) && options.hfToken !== undefined && options.hfToken !== '') {
      const file = join(workDir, HF_TOKEN_SECRET);
      await writeFile(file, options.hfToken, { mode: 0o600 });
      secrets[HF_TOKEN_SECRET] = file;
    }
    options.log(`Building ${references.join(', ')} from ${recipe.baseImage} with ${options.builder}`);
    const digest = await buildAndPush(options.builder, { contextDir, dockerfile: DOCKERFILE, references, secrets, workDir }, options.exec, options.log);
    return { image: `${options.repository}@${digest}`, digest, references };
  } finally {
    await rm(workDir, { recursive: true, force: true });
    await rm(contextDir, { recursive: true, force: true });
  }
}
