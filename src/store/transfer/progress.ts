/**
 * Progress of a long transfer or build step: in a CI log, one line every few seconds (done/total,
 * MB/s, ETA); on a terminal, one line redrawn in place. One reporter per transfer, fed by every
 * part or range of it, so the log gets one line per interval, never one per part.
 *
 * `progressReporter({ label, total, log })` is the whole API for callers such as `build`'s long
 * steps: call `add(n)` (or `set(done)`) as work lands and `finish()` at the end, also on failure.
 */

export interface ProgressOptions {
  /** What is moving, e.g. `upload llama-3.1-8b/h100/fp8/tp1/b1-64`. */
  label: string;
  /** Bytes expected; without it the line has no percentage or ETA. */
  total?: number | undefined;
  /** Writes one whole line (a CI log). Ignored when `terminal` is given. */
  log?: (line: string) => void;
  /** A terminal: the line is redrawn in place (`\r`), and ends with a newline at finish(). */
  terminal?: { write(text: string): unknown } | undefined;
  /** Milliseconds between lines (default 5,000; 500 on a terminal). */
  interval?: number;
  /** Injectable clock and timer, so tests step time instead of sleeping. */
  now?: () => number;
  every?: (tick: () => void, ms: number) => { stop(): void };
}

export interface Progress {
  add(units: number): void;
  set(done: number): void;
  /** Stops the timer; prints a closing line if any line was printed (short transfers stay silent). */
  finish(): void;
}

export const DEFAULT_INTERVAL_MS = 5_000;
const TERMINAL_INTERVAL_MS = 500;

export function progressReporter(options: ProgressOptions): Progress {
  const now = options.now ?? (() => performance.now());
  const every = options.every ?? realTimer;
  const terminal = options.terminal;
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const interval = options.interval ?? (terminal ? TERMINAL_INTERVAL_MS : DEFAULT_INTERVAL_MS);
  const started = now();
  let done = 0;
  let last = { at: started, done: 0 };
  let printed = false;
  let finished = false;

  const emit = (line: string, final: boolean): void => {
    printed = true;
    if (terminal) terminal.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else log(line);
  };
  const tick = (): void => {
    const at = now();
    emit(progressLine(options.label, { done, total: options.total, seconds: (at - last.at) / 1000, recent: done - last.done, elapsed: (at - started) / 1000 }), false);
    last = { at, done };
  };
  const timer = every(tick, interval);
  return {
    add(units) {
      done += units;
    },
    set(value) {
      done = value;
    },
    finish() {
      if (finished) return;
      finished = true;
      timer.stop();
      if (printed) emit(finalLine(options.label, done, (now() - started) / 1000), true);
    },
  };
}

export interface ProgressSample {
  done: number;
  total?: number | undefined;
  /** Seconds since the previous line, and the bytes that arrived in them (the rate shown). */
  seconds: number;
  recent: number;
  /** Seconds since the start (the ETA uses the average rate: steadier than the last interval's). */
  elapsed: number;
}

/** `upload x: 1.20 GB of 4.29 GB (28%), 312 MB/s, ETA 10s` */
export function progressLine(label: string, s: ProgressSample): string {
  const rate = s.seconds > 0 ? s.recent / s.seconds : 0;
  const parts = [s.total !== undefined ? `${formatBytes(s.done)} of ${formatBytes(s.total)} (${percent(s.done, s.total)})` : formatBytes(s.done), `${formatRate(rate)}`];
  if (s.total !== undefined) {
    const average = s.elapsed > 0 ? s.done / s.elapsed : 0;
    parts.push(`ETA ${average > 0 ? formatDuration(Math.max(0, s.total - s.done) / average) : '?'}`);
  }
  return `${label}: ${parts.join(', ')}`;
}

function finalLine(label: string, done: number, elapsed: number): string {
  return `${label}: ${formatBytes(done)} in ${formatDuration(elapsed)} (${formatRate(elapsed > 0 ? done / elapsed : 0)})`;
}

function percent(done: number, total: number): string {
  return total > 0 ? `${Math.min(100, Math.floor((done / total) * 100))}%` : '100%';
}

/** Decimal units, as network rates are quoted. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(2)} ${units[unit]}`;
}

function formatRate(bytesPerSecond: number): string {
  return `${(bytesPerSecond / 1e6).toFixed(bytesPerSecond >= 1e7 ? 0 : 1)} MB/s`;
}

export function formatDuration(seconds: number): string {
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

function realTimer(tick: () => void, ms: number): { stop(): void } {
  const handle = setInterval(tick, ms);
  handle.unref(); // a reporter never keeps the process alive
  return { stop: () => clearInterval(handle) };
}

/** How transfers report, from the environment; undefined means silent. */
export interface ProgressSettings {
  interval?: number;
  log?: (line: string) => void;
  terminal?: { write(text: string): unknown } | undefined;
}

/**
 * ENGINE_FORGE_PROGRESS: `off` (or 0) silences; a number of seconds sets the interval; `on` forces
 * the default. Unset, progress shows in GitHub Actions and on a terminal, and not under a test
 * runner (vitest sets VITEST), so tests stay quiet unless they ask.
 */
export function progressFromEnv(env: NodeJS.ProcessEnv = process.env, stream: NodeJS.WriteStream = process.stderr): ProgressSettings | undefined {
  const value = env.ENGINE_FORGE_PROGRESS?.trim().toLowerCase();
  if (value === 'off' || value === 'false' || value === '0') return undefined;
  const seconds = value === undefined || value === '' || value === 'on' ? undefined : Number(value);
  const asked = value !== undefined && value !== '';
  if (!asked && (env.VITEST || !(env.GITHUB_ACTIONS === 'true' || stream.isTTY))) return undefined;
  // Progress goes to stderr: the CLI's stdout carries results (`--json`), and the runner logs both.
  const sink = stream.isTTY ? { terminal: stream } : { log: (line: string) => void stream.write(`${line}\n`) };
  return { ...sink, ...(seconds !== undefined && Number.isFinite(seconds) && seconds > 0 ? { interval: seconds * 1000 } : {}) };
}
