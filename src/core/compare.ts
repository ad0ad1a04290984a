import { RUNTIME_NAMES, type BenchRecord, type LevelRecord, type Runtime } from './bench-record.js';

/**
 * TensorRT-LLM vs vLLM for one cell, from benchmark records, and the verdict the seed article's
 * criteria give: TensorRT-LLM when traffic is high and steady enough that a double-digit
 * throughput gain saves GPUs; vLLM when that gain is small, or when cold starts matter.
 */

/** "Double-digit": the gain the article says pays for TensorRT-LLM's build step. */
export const THROUGHPUT_GAIN_THRESHOLD = 0.1;
/** A cold-start gap worth stating: one runtime takes at least this much longer to serve. */
const COLD_START_RATIO = 1.25;

export interface RuntimeFigures {
  runtime: Runtime;
  record: BenchRecord;
  peakTokensPerS: number;
  peakConcurrency: number;
  /** TTFT at the typical load (see `typicalConcurrency`), ms. */
  ttftP50Ms: number | null;
  ttftP99Ms: number | null;
  /** Process start → first token, s; null when the run measured an already-running endpoint. */
  coldStartS: number | null;
  tokensPerGpuHour: number;
  errors: number;
  /** output tokens/s by concurrency. */
  curve: { concurrency: number; tokensPerS: number }[];
}

export type Preference = 'throughput' | 'latency' | 'cold-start';
export const PREFERENCES: readonly Preference[] = ['throughput', 'latency', 'cold-start'];

export interface Comparison {
  cell: string;
  model: string;
  gpu: string;
  precision: string;
  tp: number;
  /** The concurrency TTFT is compared at. */
  typicalConcurrency: number;
  trtllm?: RuntimeFigures;
  vllm?: RuntimeFigures;
  verdict: { pick?: Runtime; headline: string; reasons: string[] };
  /** Settings or GPU differ between the two records: the numbers are not like for like. */
  caveats: string[];
}

/** The cell's typical load: half its batch ceiling (a cell sized for 64 streams mostly runs about 32). */
export function typicalConcurrency(batchMax: number, measured: readonly number[]): number {
  const target = Math.max(1, batchMax / 2);
  let best = measured[0] ?? 1;
  for (const c of measured) if (Math.abs(c - target) < Math.abs(best - target) || (Math.abs(c - target) === Math.abs(best - target) && c > best)) best = c;
  return best;
}

function figures(record: BenchRecord, typical: number): RuntimeFigures {
  const ok = record.levels.filter((l) => l.completed > 0);
  let peak: LevelRecord | undefined;
  for (const l of ok) if (peak === undefined || l.outputTokensPerS > peak.outputTokensPerS) peak = l;
  const at = record.levels.find((l) => l.concurrency === typical);
  return {
    runtime: record.runtime,
    record,
    peakTokensPerS: peak?.outputTokensPerS ?? 0,
    peakConcurrency: peak?.concurrency ?? 0,
    ttftP50Ms: at?.ttftMs.p50 ?? null,
    ttftP99Ms: at?.ttftMs.p99 ?? null,
    coldStartS: record.coldStart?.firstTokenS ?? null,
    tokensPerGpuHour: ((peak?.outputTokensPerS ?? 0) * 3600) / record.gpuCount,
    errors: record.levels.reduce((n, l) => n + l.errors, 0),
    curve: record.levels.map((l) => ({ concurrency: l.concurrency, tokensPerS: l.outputTokensPerS })),
  };
}

/** The newest record of each runtime for a cell (records of other settings are older runs). */
function newest(records: readonly BenchRecord[], runtime: Runtime): BenchRecord | undefined {
  return records.filter((r) => r.runtime === runtime).sort((a, b) => a.finishedAt.localeCompare(b.finishedAt)).at(-1);
}

const pct = (x: number): string => `${x >= 0 ? '+' : ''}${Math.round(x * 100)}%`;
const s = (x: number): string => `${x < 10 ? x.toFixed(1) : Math.round(x)} s`;

/** One cell's comparison; `records` are that cell's (any runtime, any key). */
export function compareCell(records: readonly BenchRecord[]): Comparison {
  const first = records[0]!;
  const t = newest(records, 'trtllm');
  const v = newest(records, 'vllm');
  const both = t && v ? t.levels.map((l) => l.concurrency).filter((c) => v.levels.some((m) => m.concurrency === c)) : (t ?? v)!.levels.map((l) => l.concurrency);
  const typical = typicalConcurrency(first.batchMax, both);
  const trtllm = t && figures(t, typical);
  const vllm = v && figures(v, typical);
  const caveats: string[] = [];
  if (t && v) {
    if (t.gpuModel !== v.gpuModel || t.gpuCount !== v.gpuCount) caveats.push(`measured on different GPUs: TensorRT-LLM on ${t.gpuCount}× ${t.gpuModel}, vLLM on ${v.gpuCount}× ${v.gpuModel}`);
    if (JSON.stringify({ ...t.settings, concurrencies: [] }) !== JSON.stringify({ ...v.settings, concurrencies: [] })) caveats.push('measured with different bench settings (dataset, output length or requests per level)');
  }
  return { cell: first.cell, model: first.model, gpu: first.gpu, precision: first.precision, tp: first.tp, typicalConcurrency: typical, ...(trtllm ? { trtllm } : {}), ...(vllm ? { vllm } : {}), verdict: verdict(trtllm, vllm), caveats };
}

function verdict(t: RuntimeFigures | undefined, v: RuntimeFigures | undefined): Comparison['verdict'] {
  if (!t || !v) {
    const only = (t ?? v)!;
    const missing: Runtime = only.runtime === 'trtllm' ? 'vllm' : 'trtllm';
    return { headline: `only ${RUNTIME_NAMES[only.runtime]} measured: run bench with runtimes '${missing}' for a verdict`, reasons: [] };
  }
  const reasons: string[] = [];
  for (const f of [t, v]) if (f.errors > 0) reasons.push(`${RUNTIME_NAMES[f.runtime]} failed ${f.errors} request${f.errors === 1 ? '' : 's'} during the sweep`);
  if (t.peakTokensPerS === 0 || v.peakTokensPerS === 0) {
    const served = t.peakTokensPerS > 0 ? t : v.peakTokensPerS > 0 ? v : undefined;
    return served ? { pick: served.runtime, headline: `${RUNTIME_NAMES[served.runtime]}: the other runtime completed no request`, reasons } : { headline: 'neither runtime completed a request', reasons };
  }
  const gain = t.peakTokensPerS / v.peakTokensPerS - 1;
  const throughput = `TensorRT-LLM ${pct(gain)} tokens/s at peak (${Math.round(t.peakTokensPerS)} at ${t.peakConcurrency} streams vs ${Math.round(v.peakTokensPerS)} at ${v.peakConcurrency})`;
  let cold: string | undefined;
  let vllmStartsFaster = false;
  if (t.coldStartS !== null && v.coldStartS !== null) {
    vllmStartsFaster = t.coldStartS > v.coldStartS * COLD_START_RATIO;
    const trtFaster = v.coldStartS > t.coldStartS * COLD_START_RATIO;
    cold = vllmStartsFaster ? `vLLM starts in ${s(v.coldStartS)} vs ${s(t.coldStartS)}` : trtFaster ? `TensorRT-LLM starts in ${s(t.coldStartS)} vs ${s(v.coldStartS)}` : `cold starts alike (${s(t.coldStartS)} vs ${s(v.coldStartS)})`;
  }
  if (gain >= THROUGHPUT_GAIN_THRESHOLD) {
    reasons.unshift(throughput, ...(cold ? [cold] : []));
    const headline = `TensorRT-LLM for high, steady traffic: ${pct(gain)} tokens/s at ${t.peakConcurrency} streams${vllmStartsFaster ? `; vLLM where cold starts matter (${cold})` : ''}`;
    return { pick: 'trtllm', headline, reasons };
  }
  reasons.unshift(gain >= 0 ? `${throughput}: below the double-digit gain that pays for a build` : `vLLM ${pct(-gain / (1 + gain))} tokens/s at peak (${Math.round(v.peakTokensPerS)} vs ${Math.round(t.peakTokensPerS)})`, ...(cold ? [cold] : []));
  return { pick: 'vllm', headline: `vLLM: TensorRT-LLM's gain is ${pct(gain)} tokens/s${cold ? `; ${cold}` : ''}`, reasons };
}

/** The runtime a preference picks from one comparison, and why; undefined when a side is missing its figure. */
export function pickByPreference(c: Comparison, preference: Preference): { runtime: Runtime; why: string } | undefined {
  const { trtllm: t, vllm: v } = c;
  if (!t || !v) return undefined;
  if (preference === 'throughput') {
    const r = t.peakTokensPerS >= v.peakTokensPerS ? t : v;
    return { runtime: r.runtime, why: `peak ${Math.round(t.peakTokensPerS)} tokens/s (TensorRT-LLM, ${t.peakConcurrency} streams) vs ${Math.round(v.peakTokensPerS)} (vLLM, ${v.peakConcurrency} streams)` };
  }
  if (preference === 'latency') {
    if (t.ttftP50Ms === null || v.ttftP50Ms === null) return undefined;
    const r = t.ttftP50Ms <= v.ttftP50Ms ? t : v;
    return { runtime: r.runtime, why: `TTFT p50 at ${c.typicalConcurrency} streams ${Math.round(t.ttftP50Ms)} ms (TensorRT-LLM) vs ${Math.round(v.ttftP50Ms)} ms (vLLM)` };
  }
  if (t.coldStartS === null || v.coldStartS === null) return undefined;
  const r = t.coldStartS <= v.coldStartS ? t : v;
  return { runtime: r.runtime, why: `cold start to first token ${s(t.coldStartS)} (TensorRT-LLM) vs ${s(v.coldStartS)} (vLLM)` };
}

/** Records of many cells → one comparison per cell, in cell order. */
export function compareAll(records: readonly BenchRecord[]): Comparison[] {
  const byCell = new Map<string, BenchRecord[]>();
  for (const r of records) byCell.set(r.cell, [...(byCell.get(r.cell) ?? []), r]);
  return [...byCell.keys()].sort().map((cell) => compareCell(byCell.get(cell)!));
}

/**
 * `resolve` with `runtime: auto`: the runtime to serve, by the recorded benchmarks and a preference.
 * `cellId` (the resolved engine's cell) is preferred among the comparisons; without a comparison
 * of both runtimes, the engine when one exists, else vLLM, and the reason says what is missing.
 */
export function chooseRuntime(comparisons: readonly Comparison[], preference: Preference, opts: { cellId?: string; hasEngine: boolean }): { runtime: Runtime; why: string } {
  const complete = comparisons.filter((c) => c.trtllm && c.vllm);
  const c = complete.find((x) => x.cell === opts.cellId) ?? complete[0];
  const fallback = opts.hasEngine ? 'trtllm' : 'vllm';
  if (!c) {
    const measured = comparisons.map((x) => x.cell).join(', ');
    return { runtime: fallback, why: `no benchmark of both runtimes${measured ? ` (only one runtime measured for ${measured})` : ''}: ${opts.hasEngine ? 'the engine exists, so TensorRT-LLM' : 'no engine, so vLLM'}; run bench for the cell to decide by measurement` };
  }
  const picked = pickByPreference(c, preference);
  if (!picked) return { runtime: fallback, why: `the benchmarks of ${c.cell} lack the ${preference} figure (an endpoint run records no cold start); ${RUNTIME_NAMES[fallback]} by default` };
  if (picked.runtime === 'trtllm' && !opts.hasEngine) return { runtime: 'vllm', why: `${preference} favours TensorRT-LLM on ${c.cell} (${picked.why}), but no engine is stored for this query: vLLM` };
  return { runtime: picked.runtime, why: `${preference}: ${RUNTIME_NAMES[picked.runtime]} on ${c.cell}: ${picked.why}` };
}
