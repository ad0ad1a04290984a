import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, progressFromEnv, progressLine, progressReporter } from '../src/store/transfer/progress.js';

/** A clock and timer the test steps by hand: no sleeping, no timed assertions. */
function manualTime(): { now: () => number; every: (tick: () => void, ms: number) => { stop(): void }; advance: (ms: number) => void; stopped: () => boolean } {
  let t = 0;
  let tick: (() => void) | undefined;
  let period = 0;
  let next = 0;
  let stopped = false;
  return {
    now: () => t,
    every: (fn, ms) => {
      tick = fn;
      period = ms;
      next = ms;
      return { stop: () => void (stopped = true) };
    },
    advance: (ms) => {
      const end = t + ms;
      while (!stopped && tick && next <= end) {
        t = next;
        tick();
        next += period;
      }
      t = end;
    },
    stopped: () => stopped,
  };
}

describe('progress reporter', () => {
  it('prints one line per interval for the whole transfer, however many parts feed it, and a closing line', () => {
    const time = manualTime();
    const lines: string[] = [];
    const p = progressReporter({ label: 'upload llama/h100/fp8/tp1/b1-64@1.4.0', total: 4_000_000_000, log: (l) => lines.push(l), ...time });
    for (let part = 0; part < 100; part++) p.add(10_000_000); // 100 parts, 1 GB, in the first 5 s
    time.advance(5_000);
    expect(lines).toEqual(['upload llama/h100/fp8/tp1/b1-64@1.4.0: 1.00 GB of 4.00 GB (25%), 200 MB/s, ETA 15s']);
    p.add(500_000_000);
    time.advance(5_000);
    expect(lines[1]).toBe('upload llama/h100/fp8/tp1/b1-64@1.4.0: 1.50 GB of 4.00 GB (37%), 100 MB/s, ETA 17s');
    p.set(4_000_000_000);
    time.advance(2_000);
    p.finish();
    expect(time.stopped()).toBe(true);
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('upload llama/h100/fp8/tp1/b1-64@1.4.0: 4.00 GB in 12s (333 MB/s)');
  });

  it('stays silent for a transfer shorter than one interval', () => {
    const time = manualTime();
    const lines: string[] = [];
    const p = progressReporter({ label: 'download x', total: 10, log: (l) => lines.push(l), ...time });
    p.add(10);
    time.advance(1_000);
    p.finish();
    expect(lines).toEqual([]);
  });

  it('redraws one line in place on a terminal and ends it with a newline', () => {
    const time = manualTime();
    let screen = '';
    const p = progressReporter({ label: 'download x', total: 2_000_000, terminal: { write: (t) => (screen += t) }, ...time });
    p.add(1_000_000);
    time.advance(500);
    p.add(1_000_000);
    time.advance(500);
    p.finish();
    expect(screen.split('\n')).toHaveLength(2);
    expect(screen.split('\r\x1b[2K').filter(Boolean)).toEqual([
      'download x: 1.00 MB of 2.00 MB (50%), 2.0 MB/s, ETA 1s',
      'download x: 2.00 MB of 2.00 MB (100%), 2.0 MB/s, ETA 0s',
      'download x: 2.00 MB in 1s (2.0 MB/s)\n',
    ]);
  });

  it('without a total (a build step of unknown length) shows bytes and rate only', () => {
    expect(progressLine('build', { done: 1_500_000, seconds: 5, recent: 1_000_000, elapsed: 10 })).toBe('build: 1.50 MB, 0.2 MB/s');
  });

  it('formats sizes and durations for people', () => {
    expect([formatBytes(999), formatBytes(70e9), formatBytes(1.5e12)]).toEqual(['999 B', '70.00 GB', '1.50 TB']);
    expect([formatDuration(59.6), formatDuration(185), formatDuration(3725)]).toEqual(['1m00s', '3m05s', '1h02m']);
  });

  it('is on in Actions and on a terminal, off under a test runner unless ENGINE_FORGE_PROGRESS asks, and off when told', () => {
    const pipe = { isTTY: false, write: () => true } as unknown as NodeJS.WriteStream;
    const tty = { isTTY: true, write: () => true } as unknown as NodeJS.WriteStream;
    expect(progressFromEnv({ GITHUB_ACTIONS: 'true' }, pipe)).toMatchObject({ log: expect.any(Function) });
    expect(progressFromEnv({}, tty)).toMatchObject({ terminal: tty });
    expect(progressFromEnv({}, pipe)).toBeUndefined();
    expect(progressFromEnv({ GITHUB_ACTIONS: 'true', VITEST: 'true' }, pipe)).toBeUndefined();
    expect(progressFromEnv({ VITEST: 'true', ENGINE_FORGE_PROGRESS: '0.5' }, pipe)).toMatchObject({ interval: 500 });
    expect(progressFromEnv({ GITHUB_ACTIONS: 'true', ENGINE_FORGE_PROGRESS: 'off' }, pipe)).toBeUndefined();
  });
});
