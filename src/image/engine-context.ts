import { createHash } from 'node:crypto';
import type { EngineImageSpec } from '../core/engine-images.js';
import { UserError, quote } from '../errors.js';
import { DOCKERFILE, dockerfileString, type BuildContext, type ContextFile } from './context.js';
import type { ImageProvenance } from './recipe.js';
import { runpodLayers } from './runpod-worker.js';
import { bakedModelPath } from './serving.js';
import { ARTIFACT_MANIFEST_PATH, SERVING_FACTS_PATH, TRTLLM_SERVE_PATH, trtllmEntrypointScript } from './trtllm-entrypoint.js';

/** Where the artifact lives in the image, and in the build context the command fills from the store. */
export const ENGINE_DIR = '/engine';
export const ARTIFACT_CONTEXT_DIR = 'artifact';
export const CHECKPOINT_CONTEXT_DIR = 'checkpoint';
const LABEL_PREFIX = 'dev.engine-forge';
const DEFAULT_PORT = '8000';

/** What the entry point reads at start: the GPU it must find, and what trtllm-serve loads. */
export interface ServingFacts {
  schema: 'engine-forge/serving@1';
  cell: string;
  fingerprint: string;
  engine: { id: string; fingerprint: string };
  gpu: EngineImageSpec['gpuFacts'];
  tp: number;
  backend: EngineImageSpec['backend'];
  trtllm: string;
  /** trtllm-serve's MODEL argument: the engine dir, the baked checkpoint, or the Hugging Face id. */
  model: string;
  /** `fetch`: the entry point downloads the artifact into `model` first, verified against artifact.json. */
  artifact: EngineImageSpec['artifact'];
}

/** What an image that fetches its artifact at start carries of it: the engine's file list. */
export interface ArtifactFiles {
  id: string;
  fingerprint: string;
  /** Where the store keeps the files, for the message that asks for ENGINE_FORGE_ARTIFACT_URL. */
  uri?: string;
  files: { path: string; size: number; sha256: string }[];
}

/**
 * How trtllm-serve loads the artifact. The engine path serves the engine directory (tokenizer
 * beside the engines); the PyTorch path serves the weights its `engine-forge.json` names — the
 * baked checkpoint, or the pinned Hugging Face revision, downloaded at start — with `serve.yaml`.
 */
export function servingModel(spec: EngineImageSpec): string {
  if (spec.backend === 'tensorrt') return ENGINE_DIR;
  return spec.checkpoint !== undefined ? bakedModelPath(spec.source) : spec.source;
}

export function servingFacts(spec: EngineImageSpec): ServingFacts {
  return {
    schema: 'engine-forge/serving@1',
    cell: spec.id,
    fingerprint: spec.fingerprint,
    engine: spec.engine,
    gpu: spec.gpuFacts,
    tp: spec.tp,
    backend: spec.backend,
    trtllm: spec.trtllmVersion,
    model: servingModel(spec),
    artifact: spec.artifact,
  };
}

/**
 * The image's environment: trtllm-serve's settings, each overridable at `docker run -e` (an empty
 * value drops the flag). The engine path passes the engine's build sizes; the PyTorch path leaves
 * them to serve.yaml (flags would override it).
 */
export function engineServingEnvironment(spec: EngineImageSpec): Record<string, string> {
  const env: Record<string, string> = { HOST: '0.0.0.0', PORT: DEFAULT_PORT, BACKEND: spec.backend, TP_SIZE: String(spec.tp) };
  if (spec.backend === 'tensorrt') {
    Object.assign(env, { TOKENIZER: ENGINE_DIR, MAX_BATCH_SIZE: String(spec.batchMax), MAX_SEQ_LEN: String(spec.maxSeqLen), CONFIG: '', REVISION: '' });
  } else {
    Object.assign(env, { CONFIG: `${ENGINE_DIR}/serve.yaml`, REVISION: spec.checkpoint !== undefined ? '' : spec.revision });
    if (spec.checkpoint !== undefined) env.HF_HUB_OFFLINE = '1';
  }
  if (spec.artifact === 'fetch') env.ENGINE_FORGE_ARTIFACT_URL = '';
  if (spec.serverless !== undefined) env.ENGINE_FORGE_MODE = 'queue';
  return env;
}

export function engineImageLabels(spec: EngineImageSpec, provenance: ImageProvenance, artifactBytes?: number): Record<string, string> {
  const labels: Record<string, string> = {
    'org.opencontainers.image.title': `${spec.model} ${spec.version} (${spec.precision}, ${spec.gpu}, TP ${spec.tp}) on TensorRT-LLM ${spec.trtllmVersion}`,
    'org.opencontainers.image.version': spec.version,
    'org.opencontainers.image.base.name': spec.baseImage,
  };
  if (provenance.source !== undefined) labels['org.opencontainers.image.source'] = provenance.source;
  if (provenance.revision !== undefined) labels['org.opencontainers.image.revision'] = provenance.revision;
  Object.assign(labels, {
    [`${LABEL_PREFIX}.fingerprint`]: spec.fingerprint,
    [`${LABEL_PREFIX}.id`]: spec.id,
    [`${LABEL_PREFIX}.model`]: spec.model,
    [`${LABEL_PREFIX}.model.source`]: spec.source,
    [`${LABEL_PREFIX}.model.revision`]: spec.revision,
    [`${LABEL_PREFIX}.precision`]: spec.precision,
    [`${LABEL_PREFIX}.gpu`]: spec.gpu,
    [`${LABEL_PREFIX}.compute-capability`]: spec.gpuFacts.computeCapability,
    [`${LABEL_PREFIX}.tp`]: String(spec.tp),
    [`${LABEL_PREFIX}.trtllm.version`]: spec.trtllmVersion,
    [`${LABEL_PREFIX}.trtllm.backend`]: spec.backend,
    [`${LABEL_PREFIX}.engine`]: `${spec.engine.id}@${spec.engine.fingerprint}`,
    [`${LABEL_PREFIX}.serverless`]: spec.serverless ?? 'none',
    [`${LABEL_PREFIX}.artifact`]: spec.artifact === 'fetch' ? 'fetched-at-start' : 'baked',
  });
  if (artifactBytes !== undefined) labels[`${LABEL_PREFIX}.artifact.bytes`] = String(artifactBytes);
  return labels;
}

function baseReference(image: string): string {
  if (!/^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$/.test(image)) throw new UserError(`toolchains.trtllm image is not a valid image reference (got ${quote(image)})`);
  return image;
}

function keyValueLines(instruction: 'LABEL' | 'ENV', entries: Record<string, string>): string {
  return `${instruction} ${Object.entries(entries)
    .map(([k, v]) => `${k}=${dockerfileString(v, `${instruction} ${k}`)}`)
    .join(' \\\n    ')}`;
}

/**
 * The Dockerfile. The artifact is one COPY, so it lands in exactly one layer (nothing after it
 * touches those files: no chmod, no chown, which would copy them into a second layer). The Runpod
 * SDK layer comes first (it changes least), the artifact next, then the small files.
 */
export function renderEngineDockerfile(spec: EngineImageSpec, provenance: ImageProvenance): string {
  const worker = spec.serverless === 'runpod' ? runpodLayers() : undefined;
  const parts = [`# Generated by engine-forge for ${spec.id} (fingerprint ${spec.fingerprint}); do not edit.`, `FROM ${baseReference(spec.baseImage)}`];
  if (worker) parts.push(...worker.install);
  if (spec.artifact === 'fetch') {
    parts.push(`# The artifact ${spec.engine.id} (${spec.engine.fingerprint}) is fetched at start and verified against this list.`, `COPY artifact.json ${ARTIFACT_MANIFEST_PATH}`);
  } else {
    parts.push(`# The ${spec.backend} artifact ${spec.engine.id} (${spec.engine.fingerprint}) from the artifact store, verified.`, `COPY ${JSON.stringify([ARTIFACT_CONTEXT_DIR, ENGINE_DIR])}`);
  }
  if (spec.backend === 'pytorch' && spec.checkpoint !== undefined) {
    parts.push(`# The checkpoint ${spec.checkpoint} it serves, verified.`, `COPY ${JSON.stringify([CHECKPOINT_CONTEXT_DIR, bakedModelPath(spec.source)])}`);
  }
  parts.push(`COPY serving.json ${SERVING_FACTS_PATH}`, `COPY engine-forge-serve ${TRTLLM_SERVE_PATH}`);
  if (worker) parts.push(...worker.copy);
  parts.push(
    keyValueLines('ENV', engineServingEnvironment(spec)),
    `ENTRYPOINT ${JSON.stringify([worker ? worker.entrypoint : TRTLLM_SERVE_PATH])}`,
    'CMD []',
    keyValueLines('LABEL', engineImageLabels(spec, provenance)),
  );
  return `${parts.join('\n')}\n`;
}

/**
 * The build context. A baked artifact is a directory the caller fills (`artifactDir`); an image
 * that fetches it carries only its file list, `artifact` (required then).
 */
export function renderEngineBuildContext(spec: EngineImageSpec, provenance: ImageProvenance, artifact?: ArtifactFiles): BuildContext & { artifactDir?: string } {
  const files: ContextFile[] = [
    { path: DOCKERFILE, content: renderEngineDockerfile(spec, provenance), mode: 0o644 },
    { path: 'serving.json', content: `${JSON.stringify(servingFacts(spec), null, 2)}\n`, mode: 0o644 },
    { path: 'engine-forge-serve', content: trtllmEntrypointScript(), mode: 0o755 },
  ];
  if (spec.serverless === 'runpod') files.push(...runpodLayers().files);
  if (spec.artifact === 'fetch') {
    if (artifact === undefined) throw new Error(`renderEngineBuildContext: ${spec.id} fetches its artifact at start, but no file list was given`);
    files.push({ path: 'artifact.json', content: `${JSON.stringify(artifact, null, 2)}\n`, mode: 0o644 });
  }
  return {
    files,
    labels: engineImageLabels(spec, provenance),
    env: engineServingEnvironment(spec),
    secrets: [],
    ...(spec.artifact === 'bake' ? { artifactDir: ARTIFACT_CONTEXT_DIR } : {}),
    ...(spec.backend === 'pytorch' && spec.checkpoint !== undefined ? { checkpointDir: CHECKPOINT_CONTEXT_DIR } : {}),
  };
}

/** A digest of the engine image recipe, for a test that insists a change bumps ENGINE_IMAGE_RECIPE_VERSION. */
export function engineRecipeDigest(sample: EngineImageSpec): string {
  const hash = createHash('sha256');
  const list: ArtifactFiles = { id: sample.engine.id, fingerprint: sample.engine.fingerprint, files: [{ path: 'rank0.engine', size: 1, sha256: '2'.repeat(64) }] };
  for (const file of renderEngineBuildContext(sample, {}, list).files) hash.update(`${file.path}\0${file.mode.toString(8)}\0${file.content}\0`);
  return hash.digest('hex');
}
