import path from 'node:path';
import { chooseRuntime, compareAll, PREFERENCES } from '../core/compare.js';
import { UserError } from '../errors.js';
import type { Settings } from '../inputs.js';
import { readBenchRecordsUnder } from '../store/bench-records.js';
import { findEngineImage } from '../store/engine-image-lookup.js';
import type { Store } from '../store/store.js';
import { openStore } from '../store/open.js';
import { downloadArtifact, parseModelSpec, resolveArtifact } from '../store/resolve-artifact.js';
import { abortOnSignals } from '../store/transfer/signals.js';
import type { CommandContext, CommandResult } from './context.js';

/**
 * Which runtime the deploy serves, and so which image the `image` output names: the engine's
 * TensorRT-LLM image, the vLLM image, or `auto` — by the recorded benchmarks and `preference`,
 * else the engine where one is stored.
 */
export const RESOLVE_RUNTIMES = ['trtllm', 'vllm', 'auto'] as const;

/** `resolve`: model@range on a GPU in a precision → the newest complete artifact; optionally download it verified. */
export async function resolveCommand({ settings, log }: CommandContext): Promise<CommandResult> {
  const tp = settings.string('tp') === undefined ? undefined : settings.int('tp', 1, { min: 1, max: 64 });
  // settings words the ambiguity message: `--tp 2` on the CLI, `'tp: 2'` in a workflow.
  const query = { model: settings.required('model'), gpu: settings.required('gpu'), precision: settings.required('precision'), tp, batch: settings.string('batch'), words: settings };
  const asked = settings.oneOf('runtime', RESOLVE_RUNTIMES) ?? 'auto';
  const store = await openStore(settings);
  const resolved = await resolveArtifact(store, query);
  const pick = asked === 'auto' ? await chooseByBenchmarks(settings, store, query, resolved.imageOnly ? undefined : resolved.artifact.id) : { runtime: asked, why: `asked for ${asked}` };
  log.info(`runtime: ${pick.runtime} (${pick.why})`);
  if (pick.runtime === 'trtllm' && resolved.imageOnly) {
    throw new UserError(`resolve: runtime trtllm, but no TensorRT-LLM engine is stored for ${query.model} on ${query.gpu} in ${query.precision} (only the vLLM image ${resolved.image})`);
  }
  if (pick.runtime === 'trtllm' && !resolved.imageOnly) {
    const engineImage = await findEngineImage(store, resolved.manifest);
    if (engineImage !== undefined) resolved.image = engineImage;
    else {
      log.warning(`no TensorRT-LLM image is stored for ${resolved.artifact.id}@${resolved.version} (${resolved.manifest.fingerprint.slice(0, 12)}): run image with its entry of the plan's engine-images output`);
      if (asked === 'trtllm') delete resolved.image;
    }
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
      runtime: pick.runtime,
      'runtime-reason': pick.why,
    },
    text: [
      `${resolved.artifact.id}@${resolved.version}${resolved.imageOnly ? ' (vLLM image only: no engine)' : ''}`,
      `uri: ${resolved.uri}`,
      `manifest: ${resolved.manifestUri}`,
      ...(resolved.image ? [`image: ${resolved.image}`] : []),
      ...(downloaded ? [`downloaded: ${downloaded}`] : []),
      `runtime: ${pick.runtime} (${pick.why})`,
    ].join('\n'),
    json: { runtime: pick, id: resolved.artifact.id, version: resolved.version, uri: resolved.uri, manifestUri: resolved.manifestUri, image: resolved.image, download: downloaded, manifest: resolved.manifest },
  };
}

/**
 * `runtime: auto` (with `preference`: throughput, latency or cold-start): TensorRT-LLM or vLLM by
 * the benchmark records of the query's cells; without records of both, the engine where one exists.
 */
async function chooseByBenchmarks(settings: Settings, store: Store, query: { model: string; gpu: string; precision: string; tp: number | undefined }, cellId: string | undefined): Promise<{ runtime: 'trtllm' | 'vllm'; why: string }> {
  const preference = settings.oneOf('preference', PREFERENCES) ?? 'throughput';
  const { model } = parseModelSpec(query.model);
  const records = (await readBenchRecordsUnder(store)).filter((r) => r.model === model && r.gpu === query.gpu && r.precision === query.precision && (query.tp === undefined || r.tp === query.tp));
  return chooseRuntime(compareAll(records), preference, { ...(cellId !== undefined ? { cellId } : {}), hasEngine: cellId !== undefined });
}
