import { z } from 'zod';
import { deriveCells, type ImageSpec } from '../core/cells.js';
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
import { channelOf } from './channel.js';
import type { CommandContext, CommandResult } from './context.js';
import { collectProvenance } from './provenance.js';

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

/**
 * Reloads the matrix and finds the image the entry names. The entry's fingerprint must equal the
 * recomputed one: a plan made from another matrix (or a hand-edited entry) must not push an image
 * under a fingerprint whose inputs it does not have.
 */
export async function findImageSpec(settings: Settings): Promise<ImageSpec> {
  const raw = settings.json('cell');
  const parsed = ImageEntry.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new UserError(`input 'cell' is not an entry of the plan's images output: ${issue.path.join('.') || '(top level)'} ${issue.message} (got ${quote(raw)})`);
  }
  const entry = parsed.data;
  const loaded = await loadMatrixFile(settings.required('matrix'), { workspace: settings.workspace(), maxCells: settings.int('max-cells', DEFAULT_MAX_CELLS, { min: 1 }) });
  const { images } = deriveCells(loaded.matrix);
  const spec = images.find((i) => i.id === entry.id);
  if (spec === undefined) {
    throw new UserError(`input 'cell' names image ${quote(entry.id)}, which ${loaded.file} does not produce (it has ${images.length} images: ${quote(images.map((i) => i.id).join(', '))})`);
  }
  if (spec.unsupported !== undefined) throw new UserError(`image ${quote(spec.id)} cannot be built: ${spec.unsupported}`);
  if (spec.fingerprint !== entry.fingerprint) {
    throw new UserError(
      `input 'cell' has fingerprint ${entry.fingerprint.slice(0, 12)} for image ${quote(spec.id)}, but ${loaded.file} now gives ${spec.fingerprint.slice(0, 12)}: the matrix changed since the plan; run plan again`,
    );
  }
  return spec;
}

/** Source and commit for the OCI labels, from the runner's environment; absent outside Actions. */
export function labelProvenance(env: NodeJS.ProcessEnv): ImageProvenance {
  const server = env.GITHUB_SERVER_URL || 'https://github.com';
  return {
    ...(env.GITHUB_REPOSITORY ? { source: `${server}/${env.GITHUB_REPOSITORY}` } : {}),
    ...(env.GITHUB_SHA ? { revision: env.GITHUB_SHA } : {}),
  };
}

/** The image manifest already in the store for this fingerprint, if any (published, else this channel's candidate). */
async function storedImage(store: ArtifactStore, spec: ImageSpec, channel: Channel): Promise<Manifest | undefined> {
  for (const where of channel === 'candidate' ? (['published', 'candidate'] as const) : (['published'] as const)) {
    const found = (await store.list('image', spec.id, where)).find((a) => a.id === spec.id && a.version === spec.version && a.fingerprint === spec.fingerprint);
    if (found) return store.readManifest(found);
  }
  return undefined;
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
    const spec = await findImageSpec(settings);
    const repository = parseRepository(settings.required('registry'), settings.source.kind === 'cli' ? '--registry' : "input 'registry'");
    const store = await openStore(settings);
    const { channel, pullRequest, why } = await channelOf(settings);
    if (channel === 'candidate') log.info(`recording the image as a pull-request candidate (${why}): resolve never returns it; the default branch's plan promotes it once merged`);

    // A re-run of a job whose image is already recorded reports that image instead of pushing another.
    const existing = await storedImage(store, spec, channel);
    if (existing?.image !== undefined) {
      log.info(`${spec.id} ${spec.version} (${spec.fingerprint.slice(0, 12)}) is already in ${store.location}: ${existing.image}`);
      return result(existing.image, existing.image, false, spec);
    }

    const exec = deps.exec ?? processExec(settings.env as Record<string, string>);
    const builder = settings.oneOf('builder', BUILDERS) ?? (await detectBuilder(exec));
    const hfToken = settings.env.HF_TOKEN;
    if (spec.bakeWeights && !hfToken) log.info('HF_TOKEN is not set: baking the weights without a token (public models only)');

    const now = deps.now ?? (() => new Date());
    const createdAt = now().toISOString();
    const built = await buildImage(recipeOf(spec), {
      repository,
      builder,
      provenance: labelProvenance(settings.env),
      ...(hfToken ? { hfToken } : {}),
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
      toolchain: { vllm: spec.vllmVersion, 'vllm-image': spec.baseImage, builder: await builderVersion(builder, exec) },
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
