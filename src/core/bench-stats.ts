/**
 * The statistics of a serving benchmark, pure: samples in, figures out. Definitions are the ones
 * `vllm bench serve`, AIPerf and guidellm share, so figures compare across tools:
 *   TTFT  request start → first streamed token
 *   ITL   gap between consecutive streamed token chunks of one request
 *   TPOT  (E2E − TTFT) / (output tokens − 1), per request
 *   E2E   request start → end of the stream
 *   output tokens/s = all output tokens / wall time of the level
 * Times are milliseconds from any common origin.
 */

/** One request as the load generator saw it. */
export interface RequestSample {
  /** When the request was sent. */
  readonly start: number;
  /** When the stream ended (or the request failed). */
  readonly end: number;
  /** Arrival times of the chunks that carried output text, in order. */
  readonly tokenTimes: readonly number[];
  /** Output tokens: the server's exact usage count, else the count of text chunks. */
  readonly outputTokens: number;
  readonly inputTokens: number;
  /** Set when the request failed: what went wrong, short (`HTTP 503`, `stream cut after 12 tokens`). */
  readonly error?: string;
}

export interface Percentiles {
  readonly mean: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
}

export interface LevelStats {
  readonly concurrency: number;
  readonly requests: number;
  readonly completed: number;
  /** Failed requests; never averaged into the latencies. */
  readonly errors: number;
  /** Each distinct error with its count, most frequent first. */
  readonly errorKinds: readonly { readonly error: string; readonly count: number }[];
  readonly durationS: number;
  readonly ttftMs: Percentiles;
  readonly itlMs: Percentiles;
  readonly tpotMs: Percentiles;
  readonly e2eMs: Percentiles;
  readonly outputTokens: number;
  readonly inputTokens: number;
  readonly outputTokensPerS: number;
  readonly requestsPerS: number;
}

/** The p-th percentile (0–100) with linear interpolation between ranks (numpy's default). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

export function percentiles(values: readonly number[]): Percentiles {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.length === 0 ? NaN : sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { mean, p50: percentile(sorted, 50), p90: percentile(sorted, 90), p99: percentile(sorted, 99) };
}

/** TTFT of one successful request, or undefined when no token arrived. */
export function ttft(s: RequestSample): number | undefined {
  return s.tokenTimes.length > 0 ? s.tokenTimes[0]! - s.start : undefined;
}

/** TPOT of one request; undefined with fewer than two output tokens (no decode step to time). */
export function tpot(s: RequestSample): number | undefined {
  const first = ttft(s);
  if (first === undefined || s.outputTokens < 2) return undefined;
  return (s.end - s.start - first) / (s.outputTokens - 1);
}

/**
 * Figures for one concurrency level. `wallMs` is the level's wall time (first send → last end),
 * the denominator of both rates; failed requests count in `errors` and nowhere else.
 */
export function summarizeLevel(concurrency: number, samples: readonly RequestSample[], wallMs: number): LevelStats {
  const ok = samples.filter((s) => s.error === undefined);
  const ttfts: number[] = [];
  const itls: number[] = [];
  const tpots: number[] = [];
  const e2es: number[] = [];
  let outputTokens = 0;
  let inputTokens = 0;
  for (const s of ok) {
    const first = ttft(s);
    if (first !== undefined) ttfts.push(first);
    for (let i = 1; i < s.tokenTimes.length; i++) itls.push(s.tokenTimes[i]! - s.tokenTimes[i - 1]!);
    const perToken = tpot(s);
    if (perToken !== undefined) tpots.push(perToken);
    e2es.push(s.end - s.start);
    outputTokens += s.outputTokens;
    inputTokens += s.inputTokens;
  }
  const counts = new Map<string, number>();
  for (const s of samples) if (s.error !== undefined) counts.set(s.error, (counts.get(s.error) ?? 0) + 1);
  const errorKinds = [...counts].map(([error, count]) => ({ error, count })).sort((a, b) => b.count - a.count || a.error.localeCompare(b.error));
  const seconds = wallMs / 1000;
  return {
    concurrency,
    requests: samples.length,
    completed: ok.length,
    errors: samples.length - ok.length,
    errorKinds,
    durationS: seconds,
    ttftMs: percentiles(ttfts),
    itlMs: percentiles(itls),
    tpotMs: percentiles(tpots),
    e2eMs: percentiles(e2es),
    outputTokens,
    inputTokens,
    outputTokensPerS: seconds > 0 ? outputTokens / seconds : 0,
    requestsPerS: seconds > 0 ? ok.length / seconds : 0,
  };
}

/** Default sweep: powers of two from 1 up to the batch ceiling, the ceiling itself last. */
export function defaultConcurrencies(maxBatch: number): number[] {
  const levels: number[] = [];
  for (let c = 1; c < maxBatch; c *= 2) levels.push(c);
  levels.push(Math.max(1, maxBatch));
  return levels;
}

/** The level with the highest output tokens/s (the earliest on a tie); undefined when none completed a request. */
export function peakLevel(levels: readonly LevelStats[]): LevelStats | undefined {
  let best: LevelStats | undefined;
  for (const l of levels) if (l.completed > 0 && (best === undefined || l.outputTokensPerS > best.outputTokensPerS)) best = l;
  return best;
}
