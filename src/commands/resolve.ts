import path from 'node:path';
import { UserError } from '../errors.js';
import { openStore } from '../store/open.js';
import { findEngineImage } from '../store/engine-image-lookup.js';
import { downloadArtifact, resolveArtifact } from '../store/resolve-artifact.js';
import { abortOnSignals } from '../store/transfer/signals.js';
import type { CommandContext, CommandResult } from './context.js';

/** Which serving image the `image` output names: the engine's TensorRT-LLM image, the vLLM image, or the first there is. */
export const RESOLVE_RUNTIMES = ['trtllm', 'vllm', 'auto'] as const;

/** `resolve`: model@range on a GPU in a precision → the newest complete artifact; optionally download it verified. */
export async function resolveCommand({ settings, log }: CommandContext): Promise<CommandResult> {
  const tp = settings.string('tp') === undefined ? undefined : settings.int('tp', 1, { min: 1, max: 64 });
  // settings words the ambiguity message: `--tp 2` on the CLI, `'tp: 2'` in a workflow.
  const query = { model: settings.required('model'), gpu: settings.required('gpu'), precision: settings.required('precision'), tp, batch: settings.string('batch'), words: settings };
  const runtime = settings.oneOf('runtime', RESOLVE_RUNTIMES) ?? 'auto';
  const store = await openStore(settings);
  const resolved = await resolveArtifact(store, query);
  if (runtime !== 'vllm' && !resolved.imageOnly) {
    const engineImage = await findEngineImage(store, resolved.manifest);
    if (engineImage !== undefined) resolved.image = engineImage;
    else if (runtime === 'trtllm') {
      log.warning(`no TensorRT-LLM image is stored for ${resolved.artifact.id}@${resolved.version} (${resolved.manifest.fingerprint.slice(0, 12)}): run image with its entry of the plan's engine-images output`);
      delete resolved.image;
    }
  }
  if (runtime === 'trtllm' && resolved.imageOnly) {
    throw new UserError(`resolve: runtime trtllm, but no TensorRT-LLM engine is stored for ${query.model} on ${query.gpu} in ${query.precision} (only the vLLM image ${resolved.image})`);
  }
  const download = settings.string('download');
  if (resolved.imageOnly) {
    log.warning(`no TensorRT-LLM engine for ${query.model} on ${query.gpu} in ${query.precision}: the vLLM image ${resolved.image} (${resolved.version}) serves it`);
    if (download !== undefined) throw new UserError(`resolve: nothing to download for ${query.model} on ${query.gpu} in ${query.precision}: no engine is stored, only the vLLM image ${resolved.image}`);
  } else log.info(`${query.model} on ${query.gpu} in ${query.precision} → ${resolved.artifact.id}@${resolved.version} (${resolved.uri})`);
  let downloaded: string | undefined;
  if (download !== undefined) {
    const interrupt = abortOnSignals();
    try {
      downloaded = await downloadArtifact(store, resolved.manifest, path.resolve(settings.workspace(), download), { signal: interrupt.signal });
    } catch (error) {
      const signal = interrupt.received();
      if (signal) throw new UserError(`download interrupted by ${signal}; nothing was left at ${download}`);
      throw error;
    } finally {
      interrupt.dispose();
    }
    const bytes = resolved.manifest.files.reduce((n, f) => n + f.size, 0);
    log.info(`downloaded ${resolved.manifest.files.length} files (${bytes} bytes), every one verified against its SHA-256, into ${downloaded}`);
  }
  return {
    outputs: {
      uri: resolved.uri,
      manifest: resolved.manifestUri,
      version: resolved.version,
      image: resolved.image ?? '',
    },
    text: [`${resolved.artifact.id}@${resolved.version}${resolved.imageOnly ? ' (vLLM image only: no engine)' : ''}`, `uri: ${resolved.uri}`, `manifest: ${resolved.manifestUri}`, ...(resolved.image ? [`image: ${resolved.image}`] : []), ...(downloaded ? [`downloaded: ${downloaded}`] : [])].join('\n'),
    json: { id: resolved.artifact.id, version: resolved.version, uri: resolved.uri, manifestUri: resolved.manifestUri, image: resolved.image, download: downloaded, manifest: resolved.manifest },
  };
}
