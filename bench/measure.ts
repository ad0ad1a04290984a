import { spawn } from 'node:child_process';
import path from 'node:path';

export const HOOK = path.resolve(import.meta.dirname, 'rss-hook.mjs');

export interface Measured {
  seconds: number;
  peakRssMiB: number;
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a Node script in a fresh process (Node 24, the one running the bench) and measures wall time and peak RSS. */
export function measureNode(args: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Measured> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    const child = spawn(process.execPath, ['--import', HOOK, ...args], { cwd: opts.cwd, env: { ...process.env, ...opts.env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      const kib = Number(/EF_BENCH_MAXRSS_KIB=(\d+)/.exec(stderr)?.[1] ?? NaN);
      resolve({ seconds, peakRssMiB: kib / 1024, code, stdout, stderr });
    });
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}
