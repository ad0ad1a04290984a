import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { cpSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBenchRecords } from '../src/store/bench-records.js';
import { LocalArtifactStore } from '../src/store/local-artifacts.js';
import { startStandin, type Standin } from './support/openai-standin.js';
import { baseMatrix, workspace, yamlOf } from './support/matrix.js';
import { CLI, ROOT } from './support/run.js';

// `bench` through the committed CLI bundle: real processes, a real local store, stand-in servers
// (trtllm-serve's and vllm's, with their real flags) started natively through the toolchain.
const CELL = 'llama-3.1-8b/h100/bf16/tp1/b1-64';
const BIN = path.join(ROOT, 'test/support/bin');

/** The CLI logs progress to stderr and prints its result to stdout; `out` is both, in order. */
interface Ran { status: number | null; stdout: string; stderr: string; out: string }

/** Async (the stand-in server of a test runs in this process's event loop's child). */
function bench(dir: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<Ran> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, 'bench', '--matrix', 'matrix.yml', '--store', 'store', '--cell', CELL, ...args], {
      cwd: dir,
      // The nvidia-smi stand-in answers with an 8× H100 capture: the cells' own GPU.
      env: { PATH: `${BIN}:${process.env.PATH}`, HOME: process.env.HOME, EF_FAKE_SMI_CSV: path.join(ROOT, 'test/fixtures/nvidia-smi-h100x8.csv'), ...env },
    });
    let stdout = '';
    let stderr = '';
    let out = '';
    child.stdout.on('data', (d: Buffer) => ((stdout += d.toString()), (out += d.toString())));
    child.stderr.on('data', (d: Buffer) => ((stderr += d.toString()), (out += d.toString())));
    child.on('close', (status) => resolve({ status, stdout, stderr, out }));
  });
}

const ws = (): string => workspace({ 'matrix.yml': yamlOf(baseMatrix()) });

describe('bench with endpoint: a server already running', () => {
  let server: Standin;
  beforeAll(async () => {
    server = await startStandin(['--ttft-ms', '5', '--itl-ms', '1', '--model', 'served-llama']);
  });
  afterAll(() => server.stop());

  it('sweeps, stores one record, skips the same run again, and measures again when forced', async () => {
    const dir = ws();
    const first = await bench(dir, ['--endpoint', server.url, '--runtimes', 'vllm', '--concurrency', '1,4']);
    expect(first.status).toBe(0);
    expect(first.out).toMatch(/measuring http:\/\/127\.0\.0\.1:\d+ \(model served-llama\): 1, 4 streams/);
    expect(first.out).toMatch(/ {3}4 streams: \d+ tokens\/s, TTFT p50 \d+ ms/);
    expect(first.stdout).toContain("verdict: only vLLM measured: run bench with runtimes 'trtllm' for a verdict");
    const store = new LocalArtifactStore(path.join(dir, 'store'));
    const [record] = await readBenchRecords(store, CELL);
    expect(record!.runtime).toBe('vllm');
    expect(record!.coldStart).toBeNull();
    expect(record!.levels.map((l) => [l.concurrency, l.requests, l.errors, l.outputTokens])).toEqual([[1, 32, 0, 32 * 128], [4, 32, 0, 32 * 128]]);
    expect(record!.gpuModel).toBe('NVIDIA H100 80GB HBM3'); // the nvidia-smi stand-in's capture
    expect(record!.settings.dataset).toEqual({ kind: 'synthetic', seed: 20260101, inputLen: 1024 });

    const again = await bench(dir, ['--endpoint', server.url, '--runtimes', 'vllm', '--concurrency', '1,4']);
    expect(again.status).toBe(0);
    expect(again.out).toContain(`vLLM: already measured with these settings on NVIDIA H100 80GB HBM3 (record ${record!.key}); skipped (force: true measures again)`);
    const forced = await bench(dir, ['--endpoint', server.url, '--runtimes', 'vllm', '--concurrency', '1,4', '--force', 'true']);
    expect(forced.status).toBe(0);
    const files = readdirSync(path.join(dir, 'store/benchmarks', CELL, 'vllm', record!.key));
    expect(files).toHaveLength(2); // the first record is kept; the forced run adds one
  });

  it('an endpoint that is not OpenAI-compatible is named, with what it answered', async () => {
    const plain = http.createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<html>router login</html>');
    });
    await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
    try {
      const url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
      const ran = await bench(ws(), ['--endpoint', url, '--runtimes', 'vllm']);
      expect(ran.status).toBe(1);
      expect(ran.stderr).toContain(`endpoint '${url}' is not an OpenAI-compatible server: GET /v1/models answered HTTP 200 '<html>router login</html>', not a model list`);
      expect(ran.stderr).not.toMatch(/\n\s+at /);
    } finally {
      plain.close();
    }
  });

  it('refuses to record figures for an h100 cell on another GPU', async () => {
    const ran = await bench(ws(), ['--endpoint', server.url, '--runtimes', 'vllm'], { EF_FAKE_SMI_CSV: path.join(ROOT, 'test/fixtures/nvidia-smi-h200.csv') });
    expect(ran.status).toBe(1);
    expect(ran.stderr).toContain("cell 'llama-3.1-8b/h100/bf16/tp1/b1-64': this runner's GPU is NVIDIA H200 (h200), but the cell is for h100: an engine runs only on the GPU model it was built for; bench on a h100 runner");
  });

  it('bad inputs are named with their value', async () => {
    const dir = ws();
    expect((await bench(dir, ['--endpoint', 'http://127.0.0.1:1', '--runtimes', 'trtllm,vllm'])).stderr).toContain("input 'runtimes' must name one runtime with 'endpoint', the one it serves (got 'trtllm,vllm')");
    expect((await bench(dir, ['--runtimes', 'tensorrt'])).stderr).toContain("input 'runtimes' must list trtllm and/or vllm, comma-separated (got 'tensorrt')");
    expect((await bench(dir, ['--concurrency', '1,x'])).stderr).toContain("input 'concurrency' must be whole numbers ≥ 1, comma-separated, like 1,8,64 (got '1,x')");
  });
});

describe('bench starting the servers (native toolchain, trtllm-serve and vllm stand-ins)', () => {
  it('measures both: cold start from process start to /health 200 to first token, the sweep, and a verdict', async () => {
    const dir = ws();
    cpSync(path.join(ROOT, 'test/support/hub/engine-forge/tiny-llama'), path.join(dir, 'engine'), { recursive: true });
    const ran = await bench(dir, ['--artifact-dir', 'engine', '--concurrency', '1,2'], { EF_FAKE_SERVE_LOAD_S: '1', EF_FAKE_SERVE_TOKEN_MS: '1', EF_FAKE_VLLM_LOAD_S: '2' });
    expect(ran.status).toBe(0);
    expect(ran.out).toContain('trtllm-serve: $ trtllm-serve serve');
    expect(ran.out).toMatch(/vllm: \$ vllm serve meta-llama\/Llama-3\.1-8B-Instruct --revision 0e9e39f[0-9a-f]+ --host 127\.0\.0\.1 --port \d+ --served-model-name llama-3\.1-8b --tensor-parallel-size 1 --max-model-len 8192 --max-num-seqs 64/);
    const records = await readBenchRecords(new LocalArtifactStore(path.join(dir, 'store')), CELL);
    const by = Object.fromEntries(records.map((r) => [r.runtime, r]));
    // The stand-ins' known cold starts: trtllm-serve loads 1 s, vllm 2 s (plus interpreter start).
    expect(by.trtllm!.coldStart!.healthyS).toBeGreaterThanOrEqual(1);
    expect(by.vllm!.coldStart!.healthyS).toBeGreaterThanOrEqual(2);
    expect(by.vllm!.coldStart!.firstTokenS).toBeGreaterThan(by.vllm!.coldStart!.healthyS);
    expect(by.trtllm!.levels.every((l) => l.errors === 0 && l.outputTokens === l.requests * 128)).toBe(true);
    expect(ran.stdout).toMatch(/verdict: /);
    // Every server was stopped.
    const left = await new Promise<string>((r) => { const p = spawn('pgrep', ['-f', `${dir}/engine|served-model-name llama-3.1-8b`]); let o = ''; p.stdout.on('data', (d: Buffer) => (o += d.toString())); p.on('close', () => r(o)); });
    expect(left).toBe('');
  });

  it('a server that never becomes healthy is stopped after start-timeout, with its last lines', async () => {
    const ran = await bench(ws(), ['--runtimes', 'vllm', '--start-timeout', '2', '--concurrency', '1'], { EF_FAKE_VLLM_LOAD_S: '60' });
    expect(ran.status).toBe(1);
    expect(ran.stderr).toContain('vllm did not answer /health with 200 within 2 s (last answer: no connection); it was stopped; its last lines:');
    expect(ran.stderr).toContain('vLLM API server version 0.11.0');
  });

  it('a server that dies while loading: its exit and its last lines', async () => {
    const ran = await bench(ws(), ['--runtimes', 'vllm', '--concurrency', '1'], { EF_FAKE_VLLM_LOAD_S: '0', EF_FAKE_VLLM_FAIL: 'load' });
    expect(ran.status).toBe(1);
    expect(ran.stderr).toMatch(/vllm exited \(code 1\) before \/health answered 200; its last lines:[\s\S]*CUDA out of memory/);
  });

  it('cancelled mid-sweep (SIGTERM): the server is stopped and nothing is stored', async () => {
    const dir = ws();
    const child = spawn(process.execPath, [CLI, 'bench', '--matrix', 'matrix.yml', '--store', 'store', '--cell', CELL, '--runtimes', 'vllm', '--concurrency', '1'], {
      cwd: dir,
      env: { PATH: `${BIN}:${process.env.PATH}`, HOME: process.env.HOME, EF_FAKE_SMI_CSV: path.join(ROOT, 'test/fixtures/nvidia-smi-h100x8.csv'), EF_FAKE_VLLM_LOAD_S: '0', EF_FAKE_VLLM_ITL_MS: '100' },
    });
    let out = '';
    const closed = new Promise<number | null>((r) => child.on('close', r));
    await new Promise<void>((r) => {
      const on = (d: Buffer): void => {
        out += d.toString();
        if (out.includes('first token after')) r();
      };
      child.stdout.on('data', on);
      child.stderr.on('data', on);
    });
    child.kill('SIGTERM');
    expect(await closed).not.toBe(0);
    expect(out).toContain('bench interrupted by SIGTERM; every server it started was stopped, and no record was stored for the runtime in progress');
    expect(readdirSync(dir)).not.toContain('store');
    const port = /--port (\d+)/.exec(out)![1]!;
    const left = await new Promise<string>((r) => { const p = spawn('pgrep', ['-f', `--port ${port}`]); let o = ''; p.stdout.on('data', (d: Buffer) => (o += d.toString())); p.on('close', () => r(o)); });
    expect(left).toBe('');
  });

  it('trtllm without artifact-dir says where the engine comes from', async () => {
    const ran = await bench(ws(), ['--runtimes', 'trtllm']);
    expect(ran.stderr).toContain("bench: input 'artifact-dir' is required for runtime trtllm");
  });

  it('vLLM in a container runs from the cell\'s stored image; without one it says what to run first', async () => {
    const ran = await bench(ws(), ['--runtimes', 'vllm', '--runtime', 'podman']);
    expect(ran.status).not.toBe(0);
    expect(ran.stderr).toContain("bench: vLLM for 'llama-3.1-8b/h100/bf16/tp1/b1-64' runs from the cell's own image, so it is measured as it will be deployed; no vLLM image 'llama-3.1-8b/bf16/nvidia' with fingerprint");
    expect(ran.stderr).toContain("run image with its entry of the plan's images output first");
  });

  it('vLLM natively serves Hugging Face weights, so a quantized cell is refused rather than mislabelled', async () => {
    const ran = await bench(ws(), ['--runtimes', 'vllm', '--cell', 'llama-3.1-8b/h100/fp8/tp1/b1-64']);
    expect(ran.status).not.toBe(0);
    expect(ran.stderr).toContain("but 'llama-3.1-8b/h100/fp8/tp1/b1-64' is fp8, served from the quantized checkpoint its vLLM image bakes: bench it with runtime docker or podman");
  });
});
