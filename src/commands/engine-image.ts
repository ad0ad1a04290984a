import type { EngineImageSpec } from '../core/engine-images.js';
import { MANIFEST_SCHEMA, type Manifest } from '../core/manifest.js';
import { quote, UserError } from '../errors.js';
import { BUILDERS, builderVersion, detectBuilder, processExec } from '../image/builders.js';
import { buildEngineImage } from '../image/engine-build.js';
import { parseRepository } from '../image/tags.js';
import type { Settings } from '../inputs.js';
import type { ArtifactStore } from '../store/artifact-store.js';
import { findCheckpoint } from '../store/checkpoint-artifact.js';
import { manifestDataPrefix, type Channel } from '../store/layout.js';
import { openStore } from '../store/open.js';
import { downloadArtifact } from '../store/resolve-artifact.js';
import { listVisible } from '../store/visible.js';
import { channelOf } from './channel.js';
import type { CommandContext, CommandResult } from './context.js';
import { labelProvenance, storedImage, type ImageDeps } from './image.js';
import { collectProvenance } from './provenance.js';

/**
 * The stored engine this image bakes: exactly the fingerprint the matrix gives the cell now. On a
 * pull request (channel 'candidate') the candidate engine its own engines job stored counts too.
 */
export async function findEngine(store: ArtifactStore, spec: EngineImageSpec, channel: Channel = 'published'): Promise<Manifest> {
  const stored = (await listVisible(store, 'engine', spec.engine.id, channel)).filter((a) => a.fingerprint === spec.engine.fingerprint);
  const newest = stored.find((a) => a.channel !== 'candidate') ?? stored.sort((a, b) => b.modified.getTime() - a.modified.getTime())[0];
  if (newest === undefined) {
    throw new UserError(
      `image ${quote(spec.id)} bakes engine ${quote(spec.engine.id)} (${spec.engine.fingerprint.slice(0, 12)}), which ${store.location} does not hold yet: ` +
        "its job in the plan's engines output must build it first (the plan holds this image back until then)",
    );
  }
  return store.readManifest(newest);
}

/** The checkpoint a PyTorch-backend cell serves, from the engine's own record of it. */
async function checkpointFetcher(store: ArtifactStore, spec: EngineImageSpec, engine: Manifest, channel: Channel): Promise<((dir: string) => Promise<void>) | undefined> {
  if (spec.backend !== 'pytorch' || spec.checkpoint === undefined) return undefined;
  const fingerprint = engine.inputs['checkpoint-fingerprint'];
  if (typeof fingerprint !== 'string') throw new UserError(`engine ${quote(spec.engine.id)} records no checkpoint-fingerprint, so its checkpoint ${quote(spec.checkpoint)} cannot be found`);
  const manifest = await findCheckpoint(store, { id: spec.checkpoint, fingerprint }, channel);
  if (manifest === undefined) throw new UserError(`image ${quote(spec.id)} serves checkpoint ${quote(spec.checkpoint)} (${fingerprint.slice(0, 12)}), which ${store.location} does not hold`);
  return async (dir) => {
    await downloadArtifact(store, manifest, dir);
  };
}

const bytesOf = (manifest: Manifest | undefined): number => (manifest?.files ?? []).reduce((n, f) => n + f.size, 0);

function result(image: string, built: boolean, spec: EngineImageSpec, artifactBytes: number): CommandResult {
  return {
    outputs: { image },
    text: image,
    summary: `### TensorRT-LLM image ${spec.id}\n\n${built ? 'Built and pushed' : 'Already in the store'}: \`${image}\` (artifact ${artifactBytes} bytes, baked in one layer)\n`,
    json: { image, id: spec.id, fingerprint: spec.fingerprint, engine: spec.engine, built, artifactBytes },
  };
}

/**
 * `image` for an entry of `engine-images`: fetches the cell's engine (and its checkpoint, on the
 * PyTorch path) from the store, verified against their manifests, into the build context; builds
 * FROM the cell's TensorRT-LLM image; pushes both tags; records the digest in the store.
 */
export async function engineImageCommand(settings: Settings, log: CommandContext['log'], spec: EngineImageSpec, deps: ImageDeps): Promise<CommandResult> {
  const repository = parseRepository(settings.required('registry'), settings.source.kind === 'cli' ? '--registry' : "input 'registry'");
  const store = await openStore(settings);
  const { channel, pullRequest, why } = await channelOf(settings);
  if (channel === 'candidate') log.info(`recording the image as a pull-request candidate (${why}): resolve never returns it; the default branch's plan promotes it once merged`);
  const engine = await findEngine(store, spec, channel);
  const existing = await storedImage(store, spec, channel);
  if (existing?.image !== undefined) {
    log.info(`${spec.id} ${spec.version} (${spec.fingerprint.slice(0, 12)}) is already in ${store.location}: ${existing.image}`);
    return result(existing.image, false, spec, bytesOf(engine));
  }
  const fetchCheckpoint = await checkpointFetcher(store, spec, engine, channel);
  const checkpointBytes = fetchCheckpoint ? bytesOf(await findCheckpoint(store, { id: spec.checkpoint!, fingerprint: String(engine.inputs['checkpoint-fingerprint']) }, channel)) : 0;
  const exec = deps.exec ?? processExec(settings.env as Record<string, string>);
  const builder = settings.oneOf('builder', BUILDERS) ?? (await detectBuilder(exec));
  const now = deps.now ?? (() => new Date());
  const createdAt = now().toISOString();
  const built = await buildEngineImage(spec, {
    repository,
    builder,
    provenance: labelProvenance(settings.env),
    exec,
    log: (line) => log.info(line),
    artifact: { id: engine.id, fingerprint: engine.fingerprint, uri: store.uri(manifestDataPrefix(engine, engine.data)), files: engine.files },
    fetchArtifact: async (dir) => {
      await downloadArtifact(store, engine, dir);
    },
    ...(fetchCheckpoint ? { fetchCheckpoint } : {}),
  });
  const artifactBytes = bytesOf(engine) + checkpointBytes;
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
      trtllm: spec.trtllmVersion,
      'trtllm-image': spec.baseImage,
      backend: spec.backend,
      builder: await builderVersion(builder, exec),
      engine: `${spec.engine.id}@${spec.engine.fingerprint}`,
      ...(spec.serverless ? { serverless: spec.serverless } : {}),
    },
    provenance: {
      ...(await collectProvenance(settings.env, async () => undefined)),
      bytes: artifactBytes,
      ...(channel === 'candidate' && pullRequest !== undefined ? { pullRequest } : {}),
    },
    image: built.image,
    createdAt,
    completedAt: now().toISOString(),
  };
  const committed = await store.commitManifest(manifest, channel);
  if (!committed.created) {
    const winner = committed.existing.image ?? built.image;
    log.notice(`${spec.id} ${spec.fingerprint.slice(0, 12)} was recorded by another run first; using its image ${winner}`);
    return result(winner, false, spec, artifactBytes);
  }
  log.info(`Pushed ${built.references.join(', ')} as ${built.image} (artifact ${artifactBytes} bytes in one layer); recorded in ${store.location}`);
  return result(built.image, true, spec, artifactBytes);
}
