// Load-generator benchmark (`npm run bench client`): engine-forge's generator against a stand-in
// server that streams at a known rate, (1) beside AIPerf with the same prompts, concurrency,
// output length and server — TTFT/ITL agreement, sustained rate, CPU — and (2) at its ceiling.
// Each client runs in a process of its own under `bash -c '…; times'`, so both CPU figures count
// the whole client (every process it waited for), start-up included.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { syntheticPrompts } from '../src/core/bench-dataset.js';
import type { LevelStats } from '../src/core/bench-stats.js';
import { startStandin } from '../test/support/openai-standin.js';

const ROOT = path.resolve(import.meta.dirname, '..');

interface ClientRun {
  tool: string;
  ttftP50: number;
  ttftP99: number;
  /** Gap between streamed chunks (AIPerf: inter_chunk_latency). */
  itlMean: number;
  /** (E2E − TTFT)/(tokens − 1) per request (AIPerf calls this inter_token_latency). */
  tpotP50: number;
  tokensPerS: number;
  errors: number;
  cpuS: number;
  wallS: number;
}

/** Runs `cmd args` under bash and returns its stdout and the CPU-seconds of all it waited for. */
function timed(cmd: string, args: string[], cwd: string): Promise<{ stdout: string; stderr: string; cpuS: number; wallS: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const start = process.hrtime.bigint();
    // `times` prints the shell's own times, then its children's: "XmY.YYYs XmY.YYYs" twice.
    const child = spawn('bash', ['-c', '"$@" 1>&3; rc=$?; times >&2; exit $rc', 'bash', cmd, ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdio[3]!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wallS = Number(process.hrtime.bigint() - start) / 1e9;
      const lines = stderr.trimEnd().split('\n');
      const seconds = (t: string): number => t.split(/\s+/).reduce((sum, x) => {
        const m = /^(\d+)m([\d.]+)s$/.exec(x);
        return sum + (m ? Number(m[1]) * 60 + Number(m[2]) : 0);
      }, 0);
      resolve({ stdout, stderr, cpuS: seconds(lines.at(-1) ?? ''), wallS, code });
    });
  });
}

async function ours(url: string, promptsFile: string, outputLen: number, concurrency: number, requests: number): Promise<ClientRun> {
  const args = JSON.stringify({ endpoint: url, model: 'standin', prompts: promptsFile, outputLen, concurrency, requests });
  const r = await timed(process.execPath, ['--import', 'tsx', path.join(ROOT, 'bench/loadgen-child.ts'), args], ROOT);
  if (r.code !== 0) throw new Error(`engine-forge generator failed: ${r.stderr}`);
  const { stats, sweepCpuS } = JSON.parse(r.stdout) as { stats: LevelStats; sweepCpuS: number };
  console.log(`  (engine-forge: ${stats.outputTokens} tokens for ${sweepCpuS.toFixed(2)} CPU-s in the sweep itself → ceiling ≈ ${(stats.outputTokens / sweepCpuS / 1000).toFixed(0)}k tokens/s per core)`);
  return {
    tool: 'engine-forge',
    ttftP50: stats.ttftMs.p50,
    ttftP99: stats.ttftMs.p99,
    itlMean: stats.itlMs.mean,
    tpotP50: stats.tpotMs.p50,
    tokensPerS: stats.outputTokensPerS,
    errors: stats.errors,
    cpuS: r.cpuS,
    wallS: r.wallS,
  };
}

async function aiperf(venv: string, tokenizer: string, url: string, promptsFile: string, outputLen: number, concurrency: number, requests: number): Promise<ClientRun> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-aiperf-'));
  try {
    const r = await timed(path.join(venv, 'bin/aiperf'), [
      'profile', '-m', 'standin', '--url', url, '--endpoint-type', 'completions', '--streaming',
      '--tokenizer', tokenizer, '--input-file', promptsFile, '--custom-dataset-type', 'single_turn',
      '--osl', String(outputLen), '--extra-inputs', 'ignore_eos:true', '--use-server-token-count', '--use-legacy-max-tokens',
      '--concurrency', String(concurrency), '--request-count', String(requests),
      '--ui', 'none', '--no-gpu-telemetry', '--artifact-dir', dir,
    ], dir);
    if (r.code !== 0) throw new Error(`aiperf failed (${r.code}): ${r.stderr.slice(-2000)}`);
    const j = JSON.parse(readFileSync(path.join(dir, 'profile_export_aiperf.json'), 'utf8')) as Record<string, { avg?: number; p50?: number; p99?: number } | undefined> & { error_summary?: { count?: number }[] };
    return {
      tool: 'AIPerf',
      ttftP50: j.time_to_first_token!.p50!,
      ttftP99: j.time_to_first_token!.p99!,
      itlMean: j.inter_chunk_latency?.avg ?? NaN,
      tpotP50: j.inter_token_latency!.p50!,
      tokensPerS: j.output_token_throughput!.avg!,
      errors: (j.error_summary ?? []).reduce((n, e) => n + (e.count ?? 0), 0),
      cpuS: r.cpuS,
      wallS: r.wallS,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function row(r: ClientRun): string {
  return `${r.tool.padEnd(14)}${r.ttftP50.toFixed(1).padStart(10)}${r.ttftP99.toFixed(1).padStart(10)}${r.itlMean.toFixed(2).padStart(10)}${r.tpotP50.toFixed(2).padStart(10)}${r.tokensPerS.toFixed(0).padStart(10)}${String(r.errors).padStart(7)}${r.cpuS.toFixed(2).padStart(9)}${r.wallS.toFixed(1).padStart(8)}`;
}
const HEADER = `${'client'.padEnd(14)}${'TTFT p50'.padStart(10)}${'TTFT p99'.padStart(10)}${'ITL mean'.padStart(10)}${'TPOT p50'.padStart(10)}${'tok/s'.padStart(10)}${'errors'.padStart(7)}${'CPU s'.padStart(9)}${'wall s'.padStart(8)}`;
const pct = (a: number, b: number): string => `${(((a - b) / b) * 100).toFixed(1)}%`;

async function scenario(label: string, truth: { ttft: number; itl: number }, opts: { venv: string; tokenizer: string; dir: string; inputLen: number; outputLen: number; concurrency: number; requests: number }): Promise<void> {
  const standinArgs = ['--ttft-ms', String(truth.ttft), '--itl-ms', String(truth.itl)];
  const file = path.join(opts.dir, `prompts-${opts.inputLen}.jsonl`);
  writeFileSync(file, syntheticPrompts({ count: opts.requests, inputLen: opts.inputLen, outputLen: opts.outputLen, seed: 1 }).map((p) => JSON.stringify({ text: p.prompt, prompt: p.prompt })).join('\n') + '\n');
  console.log(`\n${label}: stand-in ${standinArgs.join(' ')}; ${opts.concurrency} streams, ${opts.requests} requests, ${opts.inputLen} in / ${opts.outputLen} out (ms, tokens/s, CPU-seconds of the whole client)`);
  console.log(HEADER);
  const runs: ClientRun[] = [];
  for (const run of [() => ours(server.url, file, opts.outputLen, opts.concurrency, opts.requests), () => aiperf(opts.venv, opts.tokenizer, server.url, file, opts.outputLen, opts.concurrency, opts.requests)]) {
    // A fresh server per client, so neither inherits the other's warm sockets.
    server = await startStandin(['--model', 'standin', ...standinArgs]);
    try {
      const r = await run();
      runs.push(r);
      console.log(row(r));
    } finally {
      await server.stop();
    }
  }
  const [a, b] = runs as [ClientRun, ClientRun];
  for (const r of runs) console.log(`${r.tool} vs the stand-in's truth (TTFT ${truth.ttft} ms, ITL ${truth.itl} ms): TTFT p50 ${pct(r.ttftP50, truth.ttft)}, ITL mean ${pct(r.itlMean, truth.itl)}`);
  console.log(`engine-forge vs AIPerf: TTFT p50 ${pct(a.ttftP50, b.ttftP50)}, ITL mean ${pct(a.itlMean, b.itlMean)}, TPOT p50 ${pct(a.tpotP50, b.tpotP50)} (goal within 5%); tokens/s ${(a.tokensPerS / b.tokensPerS).toFixed(2)}×; CPU ${a.cpuS.toFixed(2)} s vs ${b.cpuS.toFixed(2)} s`);
}

let server: Awaited<ReturnType<typeof startStandin>>;

export async function benchClient(): Promise<void> {
  const venv = execFileSync('bash', [path.join(ROOT, 'scripts/bench/client-venv.sh')], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();
  const tokenizer = path.join(venv, 'word-tokenizer');
  execFileSync(path.join(venv, 'bin/python'), [path.join(ROOT, 'scripts/bench/make-tokenizer.py'), tokenizer], { stdio: ['ignore', 'ignore', 'ignore'] });
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-bench-client-'));
  try {
    const n = Number(process.env.EF_BENCH_REQUESTS ?? 256);
    await scenario('agreement', { ttft: 50, itl: 10 }, { venv, tokenizer, dir, inputLen: 128, outputLen: 64, concurrency: 16, requests: n });
    await scenario('ceiling', { ttft: 1, itl: 1 }, { venv, tokenizer, dir, inputLen: 128, outputLen: 256, concurrency: 64, requests: n });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
