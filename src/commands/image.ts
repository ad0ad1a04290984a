import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { deriveCells, type ImageSpec } from '../core/cells.js';
import { deriveEngineImages, type EngineImageSpec } from '../core/engine-images.js';
import { CHECKPOINT_REQUIRED_FILES, quantConfigProblem } from '../core/checkpoints.js';
import { VLLM_MODELOPT } from '../core/precision.js';
import { MANIFEST_SCHEMA, type Manifest } from '../core/manifest.js';
import { DEFAULT_MAX_CELLS } from '../core/parse.js';
import { quote, UserError } from '../errors.js';
import { buildImage } from '../image/build.js';
import { BUILDERS, builderVersion, detectBuilder, processExec, type Exec } from '../image/builders.js';
import { recipeOf, type ImageProvenance } from '../image/recipe.js';
import { parseRepository } from '../image/tags.js';
import type { Settings } from '../inputs.js';
import { loadMatrixFile } from '../matrix-file.js';
import { openStore } from '../store/open.js';
import type { ArtifactStore } from '../store/artifact-store.js';
import type { Channel } from '../store/layout.js';
import { findCheckpoint } from '../store/checkpoint-artifact.js';
import { downloadArtifact } from '../store/resolve-artifact.js';
import { assertVersionOpenTo } from '../store/version-claim.js';
import { channelOf } from './channel.js';
import type { CommandContext, CommandResult } from './context.js';
import { collectProvenance } from './provenance.js';
import { engineImageCommand } from './engine-image.js';

/** The `cell` input of `image`: one entry of the plan's `images` output (other keys are ignored). */
const ImageEntry = z.looseObject({
  id: z.string().min(1),
  fingerprint: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits'),
});

export interface ImageDeps {
  /** Runs the builder; default: real processes with the settings' environment. */
  exec?: Exec;
  now?: () => Date;
}

/** What an entry of `images` or `engine-images` names: a vLLM image, or an engine cell's TensorRT-LLM image. */
export type ServingImageSpec = { kind: 'vllm'; spec: ImageSpec } | { kind: 'engine'; spec: EngineImageSpec };

/**
 * Reloads the matrix and finds the image the entry names. The entry's fingerprint must equal the
 * recomputed one: a plan made from another matrix (or a hand-edited entry) must not push an image
 * under a fingerprint whose inputs it does not have. A bare image id (as `publish` takes a bare
 * cell id) means the image the matrix gives now, so there is no plan to disagree with.
 */
export async function findImageSpec(settings: Settings): Promise<ServingImageSpec> {
  const input = settings.label('cell');
  const text = settings.required('cell').trim();
  let entry: { id: string; fingerprint?: string };
  if (text.startsWith('{')) {
    const raw = settings.json('cell');
    const parsed = ImageEntry.safeParse(raw);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      const where = settings.source.kind === 'cli' ? "jobs.images or jobs['engine-images'] of 'plan --json'" : "the plan's images or engine-images output";
      throw new UserError(`${input} is not an entry of ${where} (nor an image id): ${issue.path.join('.') || '(top level)'} ${issue.message} (got ${quote(raw)})`);
    }
    entry = parsed.data;
  } else {
    entry = { id: text };
  }
  const loaded = await loadMatrixFile(settings.required('matrix'), { workspace: settings.workspace(), maxCells: settings.int('max-cells', DEFAULT_MAX_CELLS, { min: 1 }) });
  const { images, engines } = deriveCells(loaded.matrix);
  const vllm = images.find((i) => i.id === entry.id);
  const engine = vllm === undefined ? deriveEngineImages(loaded.matrix, engines).find((i) => i.id === entry.id) : undefined;
  const found: ServingImageSpec | undefined = vllm !== undefined ? { kind: 'vllm', spec: vllm } : engine !== undefined ? { kind: 'engine', spec: engine } : undefined;
  if (found === undefined) {
    throw new UserError(
      `${input} names image ${quote(entry.id)}, which ${loaded.file} does not produce (it has ${images.length} vLLM images: ${quote(images.map((i) => i.id).join(', '))}, and one engine image per engine cell)`,
    );
  }
  const spec = found.spec;
  if (spec.unsupported !== undefined) throw new UserError(`image ${quote(spec.id)} cannot be built: ${spec.unsupported}`);
  if (entry.fingerprint !== undefined && spec.fingerprint !== entry.fingerprint) {
    throw new UserError(
      `${input} has fingerprint ${entry.fingerprint.slice(0, 12)} for image ${quote(spec.id)}, but ${loaded.file} now gives ${spec.fingerprint.slice(0, 12)}: the matrix changed since the plan; run plan again`,
    );
  }
  return found;
}

/** Source and commit for the OCI labels, from the runner's environment; absent outside Actions. */
export function labelProvenance(env: NodeJS.ProcessEnv): ImageProvenance {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return {
    ...(env.GITHUB_REPOSITORY ? { source: `${server}/${env.GITHUB_REPOSITORY}` } : {}),
    ...(env.GITHUB_SHA ? { revision: env.GITHUB_SHA } : {}),
  };
}

/**
 * The image manifest already in the store for this fingerprint, if any: published, else (on a
 * pull request) this channel's candidate.
 */
export async function storedImage(store: ArtifactStore, spec: Pick<ImageSpec, 'id' | 'version' | 'fingerprint'>, channel: Channel = 'published'): Promise<Manifest | undefined> {
  for (const where of channel === 'candidate' ? (['published', 'candidate'] as const) : (['published'] as const)) {
    const found = (await store.list('image', spec.id, where)).find((a) => a.id === spec.id && a.version === spec.version && a.fingerprint === spec.fingerprint);
    if (found) return store.readManifest(found);
  }
  return undefined;
}

/**
 * For an image that serves a checkpoint: finds that checkpoint (this exact fingerprint) in the
 * store, refuses one that is not a unified export, and returns how to fetch it into the build
 * context — downloaded, verified against its manifest, and its quant_algo checked, so the image
 * can never carry other weights than its label says.
 */
export async function checkpointFetcher(store: ArtifactStore, spec: ImageSpec, channel: Channel = 'published'): Promise<((dir: string) => Promise<void>) | undefined> {
  const wanted = spec.checkpoint;
  if (wanted === undefined) return undefined;
  const manifest = await findCheckpoint(store, wanted, channel);
  if (manifest === undefined) {
    throw new UserError(
      `image ${quote(spec.id)} serves checkpoint ${quote(wanted.id)} (${wanted.fingerprint.slice(0, 12)}), which ${store.location} does not hold yet: ` +
        "its job in the plan's checkpoints output must publish it first (the plan holds this image back until then)",
    );
  }
  const missing = CHECKPOINT_REQUIRED_FILES.filter((name) => !manifest.files.some((f) => f.path === name));
  if (missing.length > 0) {
    throw new UserError(`checkpoint ${quote(wanted.id)} (${wanted.fingerprint.slice(0, 12)}) has no ${missing.join(' or ')}: it is not a ModelOpt unified export, so vLLM could not load it as ${spec.precision}`);
  }
  const algo = VLLM_MODELOPT[spec.precision]!.quantAlgo;
  return async (dir) => {
    await downloadArtifact(store, manifest, dir);
    const problem = quantConfigProblem(await readFile(join(dir, 'hf_quant_config.json'), 'utf8'), algo);
    if (problem !== undefined) throw new UserError(`checkpoint ${quote(wanted.id)} (${wanted.fingerprint.slice(0, 12)}) is not a ${spec.precision} export: ${problem}`);
  };
}

function result(image: string, text: string, built: boolean, spec: ImageSpec): CommandResult {
  return {
    outputs: { image },
    text,
    summary: `### vLLM image ${spec.id}\n\n${built ? 'Built and pushed' : 'Already in the store'}: \`${image}\`\n`,
    json: { image, id: spec.id, fingerprint: spec.fingerprint, built },
  };
}

export function makeImageCommand(deps: ImageDeps = {}) {
  return async function imageCommand({ settings, log }: CommandContext): Promise<CommandResult> {
    const found = await findImageSpec(settings);
    if (found.kind === 'engine') return engineImageCommand(settings, log, found.spec, deps);
    const spec = found.spec;
    const repository = parseRepository(settings.required('registry'), settings.label('registry'));
    const store = await openStore(settings);
    const { channel, pullRequest, why } = await channelOf(settings);
    if (channel === 'candidate') log.info(`recording the image as a pull-request candidate (${why}): resolve never returns it; the default branch's plan promotes it once merged`);

    // A re-run of a job whose image is already recorded reports that image instead of pushing another.
    const existing = await storedImage(store, spec, channel);
    if (existing?.image !== undefined) {
      log.info(`${spec.id} ${spec.version} (${spec.fingerprint.slice(0, 12)}) is already in ${store.location}: ${existing.image}`);
      return result(existing.image, existing.image, false, spec);
    }
    // Before any build or push: the version's tags must not move to another model.
    await assertVersionOpenTo(store, { ...spec, provenance: {} });

    // Before any builder runs: an image whose checkpoint is missing or malformed is refused.
    const fetchCheckpoint = await checkpointFetcher(store, spec, channel);
    const exec = deps.exec ?? processExec(settings.env as Record<string, string>);
    const builder = settings.oneOf('builder', BUILDERS) ?? (await detectBuilder(exec));
    const hfToken = settings.env.HF_TOKEN;
    if (spec.bakeWeights && !spec.checkpoint && !hfToken) log.info('HF_TOKEN is not set: baking the weights without a token (public models only)');

    const now = deps.now ?? (() => new Date());
    const createdAt = now().toISOString();
    const built = await buildImage(recipeOf(spec), {
      repository,
      builder,
      provenance: labelProvenance(settings.env),
      ...(hfToken ? { hfToken } : {}),
      ...(fetchCheckpoint ? { fetchCheckpoint } : {}),
      exec,
      log: (line) => log.info(line),
    });
    const manifest: Manifest = {
      schema: MANIFEST_SCHEMA,
      kind: 'image',
      id: spec.id,
      model: spec.model,
      version: spec.version,
      fingerprint: spec.fingerprint,
      inputs: spec.inputs,
      digests: spec.digests,
      files: [],
      toolchain: {
        vllm: spec.vllmVersion,
        'vllm-image': spec.baseImage,
        builder: await builderVersion(builder, exec),
        ...(spec.checkpoint ? { checkpoint: `${spec.checkpoint.id}@${spec.checkpoint.fingerprint}` } : {}),
      },
      // The image is GPU-independent: the build machine's GPU (if any) says nothing about it.
      provenance: { ...(await collectProvenance(settings.env, async () => undefined)), ...(channel === 'candidate' && pullRequest !== undefined ? { pullRequest } : {}) },
      image: built.image,
      createdAt,
      completedAt: now().toISOString(),
    };
    const committed = await store.commitManifest(manifest, channel);
    if (!committed.created) {
      // Another job recorded this fingerprint first; both images are equivalent, the store's one is the answer.
      const winner = committed.existing.image ?? built.image;
      log.notice(`${spec.id} ${spec.fingerprint.slice(0, 12)} was recorded by another run first; using its image ${winner}`);
      return result(winner, winner, false, spec);
    }
    log.info(`Pushed ${built.references.join(', ')} as ${built.image}; recorded in ${store.location}`);
    return result(built.image, built.image, true, spec);
  };
}

export const imageCommand = makeImageCommand();
