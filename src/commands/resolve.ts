import path from 'node:path';
import { chooseRuntime, compareAll, PREFERENCES } from '../core/compare.js';
import { quote, UserError } from '../errors.js';
import type { Settings } from '../inputs.js';
import { readBenchRecordsUnder } from '../store/bench-records.js';
import type { Store } from '../store/store.js';
import { openStore } from '../store/open.js';
import { downloadArtifact, parseModelSpec, resolveArtifact } from '../store/resolve-artifact.js';
import { abortOnSignals } from '../store/transfer/signals.js';
import type { CommandContext, CommandResult } from './context.js';

/** `resolve`: model@range on a GPU in a precision → the newest complete artifact; optionally download it verified. */
export async function resolveCommand({ settings, log }: CommandContext): Promise<CommandResult> {
  const tp = settings.string('tp') === undefined ? undefined : settings.int('tp', 1, { min: 1, max: 64 });
  const query = { model: settings.required('model'), gpu: settings.required('gpu'), precision: settings.required('precision'), tp, batch: settings.string('batch') };
  const store = await openStore(settings);
  const resolved = await resolveArtifact(store, query);
  const auto = await chooseRuntimeInput(settings, store, query, resolved.imageOnly ? undefined : resolved.artifact.id);
  if (auto) log.info(`runtime: ${auto.runtime} (${auto.why})`);
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
      ...(auto ? { runtime: auto.runtime, 'runtime-reason': auto.why } : {}),
    },
    text: [`${resolved.artifact.id}@${resolved.version}${resolved.imageOnly ? ' (vLLM image only: no engine)' : ''}`, `uri: ${resolved.uri}`, `manifest: ${resolved.manifestUri}`, ...(resolved.image ? [`image: ${resolved.image}`] : []), ...(downloaded ? [`downloaded: ${downloaded}`] : []), ...(auto ? [`runtime: ${auto.runtime} (${auto.why})`] : [])].join('\n'),
    json: { ...(auto ? { runtime: auto } : {}), id: resolved.artifact.id, version: resolved.version, uri: resolved.uri, manifestUri: resolved.manifestUri, image: resolved.image, download: downloaded, manifest: resolved.manifest },
  };
}

/**
 * `runtime: auto` (with `preference`: throughput, latency or cold-start): which runtime to serve,
 * from the benchmark records of the query's cells; undefined when `runtime` is not given.
 */
async function chooseRuntimeInput(settings: Settings, store: Store, query: { model: string; gpu: string; precision: string; tp: number | undefined }, cellId: string | undefined): Promise<{ runtime: string; why: string } | undefined> {
  const value = settings.string('runtime');
  if (value === undefined) return undefined;
  if (value !== 'auto') throw new UserError(`resolve: input 'runtime' takes only auto, to pick TensorRT-LLM or vLLM by the recorded benchmarks (got ${quote(value)})`);
  const preference = settings.oneOf('preference', PREFERENCES) ?? 'throughput';
  const { model } = parseModelSpec(query.model);
  const records = (await readBenchRecordsUnder(store)).filter((r) => r.model === model && r.gpu === query.gpu && r.precision === query.precision && (query.tp === undefined || r.tp === query.tp));
  return chooseRuntime(compareAll(records), preference, { ...(cellId !== undefined ? { cellId } : {}), hasEngine: cellId !== undefined });
}
