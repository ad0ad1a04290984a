import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { EngineImageSpec } from '../core/engine-images.js';
import { buildAndPush, type BuilderName, type Exec } from './builders.js';
import { DOCKERFILE } from './context.js';
import { renderEngineBuildContext, type ArtifactFiles } from './engine-context.js';
import type { ImageProvenance } from './recipe.js';
import { imageTags } from './tags.js';
import type { BuiltImage } from './build.js';

/**
 * The tags of an engine image: `<model>-<version>-<precision>-<gpu>-tp<N>-b<min>-<max>` moves with
 * each rebuild of the cell's image; the same plus the fingerprint's first 12 digits never moves.
 */
export function engineImageTags(spec: Pick<EngineImageSpec, 'id' | 'model' | 'version' | 'precision' | 'fingerprint'>): { moving: string; immutable: string } {
  // The cell id's GPU, TP and batch parts take the place of the vLLM tag's vendor.
  const [, gpu = '', , tp = '', batch = ''] = spec.id.split('/');
  return imageTags({ model: spec.model, version: spec.version, precision: spec.precision, vendor: `${gpu}-${tp}-${batch}`, fingerprint: spec.fingerprint });
}

export function engineImageReferences(repository: string, spec: Parameters<typeof engineImageTags>[0]): string[] {
  const tags = engineImageTags(spec);
  return [`${repository}:${tags.immutable}`, `${repository}:${tags.moving}`];
}

export interface BuildEngineImageOptions {
  /** Whether to move the cell's tag too (default true); a pull request's image pushes only its fingerprint tag. */
  movingTag?: boolean;
  repository: string;
  builder: BuilderName;
  provenance: ImageProvenance;
  exec: Exec;
  log: (line: string) => void;
  tmpDir?: string;
  /** The artifact's file list (its manifest's), baked into an image that fetches it at start. */
  artifact: ArtifactFiles;
  /** Fills a new directory with the cell's artifact, verified against its manifest (baked images). */
  fetchArtifact: (dir: string) => Promise<void>;
  /** Fills a new directory with the checkpoint a PyTorch-backend cell serves, verified. */
  fetchCheckpoint?: (dir: string) => Promise<void>;
}

/** Writes the context, fetches the artifact (and checkpoint) into it, builds and pushes both tags. */
export async function buildEngineImage(spec: EngineImageSpec, options: BuildEngineImageOptions): Promise<BuiltImage> {
  const context = renderEngineBuildContext(spec, options.provenance, options.artifact);
  const references = engineImageReferences(options.repository, spec).slice(0, options.movingTag === false ? 1 : 2);
  const base = options.tmpDir ?? tmpdir();
  const contextDir = await mkdtemp(join(base, 'engine-forge-engine-image-'));
  const workDir = await mkdtemp(join(base, 'engine-forge-build-'));
  try {
    for (const file of context.files) {
      const path = join(contextDir, file.path);
      await writeFile(path, file.content, { mode: file.mode });
      await chmod(path, file.mode);
    }
    if (context.artifactDir !== undefined) {
      options.log(`Fetching artifact ${spec.engine.id} (${spec.engine.fingerprint.slice(0, 12)}) into the build context`);
      await mkdir(join(contextDir, context.artifactDir));
      await options.fetchArtifact(join(contextDir, context.artifactDir));
    }
    if (context.checkpointDir !== undefined) {
      if (options.fetchCheckpoint === undefined) throw new Error(`buildEngineImage: ${spec.id} serves checkpoint ${spec.checkpoint}, but no fetchCheckpoint was given`);
      options.log(`Fetching checkpoint ${spec.checkpoint} into the build context`);
      await mkdir(join(contextDir, context.checkpointDir));
      await options.fetchCheckpoint(join(contextDir, context.checkpointDir));
    }
    options.log(`Building ${references.join(', ')} from ${spec.baseImage} with ${options.builder}`);
    const digest = await buildAndPush(options.builder, { contextDir, dockerfile: DOCKERFILE, references, secrets: {}, workDir }, options.exec, options.log);
    return { image: `${options.repository}@${digest}`, digest, references };
  } finally {
    await rm(workDir, { recursive: true, force: true });
    await rm(contextDir, { recursive: true, force: true });
  }
}
