import path from 'node:path';
import { UserError } from '../errors.js';
import { openStore } from '../store/open.js';
import { downloadArtifact, resolveArtifact } from '../store/resolve-artifact.js';
import { abortOnSignals } from '../store/transfer/signals.js';
import type { CommandContext, CommandResult } from './context.js';

/** `resolve`: model@range on a GPU in a precision → the newest complete artifact; optionally download it verified. */
export async function resolveCommand({ settings, log }: CommandContext): Promise<CommandResult> {
  const tp = settings.string('tp') === undefined ? undefined : settings.int('tp', 1, { min: 1, max: 64 });
  const query = { model: settings.required('model'), gpu: settings.required('gpu'), precision: settings.required('precision'), tp, batch: settings.string('batch') };
  const store = await openStore(settings);
  const resolved = await resolveArtifact(store, query);
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
