import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/run.js';
import { freePort } from '../src/build/free-port.js';

// The TensorRT-LLM / Hugging Face stand-ins the build pipeline's tests run against: each honours
// its real tool's flags (unknown flag → exit 2 with the usage), output layout and failure modes.
const BIN = path.join(ROOT, 'test/support/bin');
const EXAMPLES = path.join(ROOT, 'test/support/trtllm-examples');
const CONVERT = path.join(EXAMPLES, 'models/core/llama/convert_checkpoint.py');
const QUANTIZE = path.join(EXAMPLES, 'quantization/quantize.py');

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ef-standins-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const [tool, ...args] = argv;
  const result = spawnSync(tool!, args, {
    cwd: dir,
    env: { PATH: `${BIN}:${process.env.PATH}`, HOME: dir, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, signal: result.signal, stdout: result.stdout, stderr: result.stderr };
}
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON written by the stand-ins, asserted field by field
const json = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, any>;

describe('hf download stand-in', () => {
  it('downloads at a pinned revision into --local-dir and records the commit per file as huggingface_hub does', () => {
    const local = path.join(dir, 'model');
    const r = run(['hf', 'download', 'engine-forge/tiny-llama', '--revision', 'main', '--local-dir', local]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout.trim()).toBe(`path=${local}`);
    expect(readdirSync(local).sort()).toEqual(['.cache', 'config.json', 'generation_config.json', 'model.safetensors', 'tokenizer.json', 'tokenizer_config.json']);
    const [commit, etag, stamp] = readFileSync(path.join(local, '.cache/huggingface/download/model.safetensors.metadata'), 'utf8').split('\n');
    expect(commit).toBe('4c2b8a1f0e9d7c6b5a4938271605f4e3d2c1b0a9');
    expect(etag).toMatch(/^[0-9a-f]{64}$/); // LFS file: sha256 of the content
    expect(Number(stamp)).toBeGreaterThan(0);
  });

  it('filters with --include and takes a commit hash as the revision', () => {
    const local = path.join(dir, 'configs');
    const r = run(['hf', 'download', 'engine-forge/tiny-llama', '--revision', '4c2b8a1f0e9d7c6b5a4938271605f4e3d2c1b0a9', '--local-dir', local, '--include', '*.json']);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(local).filter((f) => !f.startsWith('.')).sort()).toEqual(['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json']);
  });

  it('fails on a gated repo without HF_TOKEN with the CLI text, and succeeds with one', () => {
    const denied = run(['hf', 'download', 'engine-forge/gated-llama', '--local-dir', path.join(dir, 'gated')]);
    expect(denied.status).toBe(1);
    expect(denied.stderr).toContain("Error: Access denied. Model 'engine-forge/gated-llama' requires approval.");
    const debug = run(['hf', 'download', 'engine-forge/gated-llama', '--local-dir', path.join(dir, 'gated')], { HF_DEBUG: '1' });
    expect(debug.stderr).toContain('Cannot access gated repo for url https://huggingface.co/api/models/engine-forge/gated-llama/revision/main.');
    const allowed = run(['hf', 'download', 'engine-forge/gated-llama', '--local-dir', path.join(dir, 'gated')], { HF_TOKEN: 'hf_test' });
    expect(allowed.status, allowed.stderr).toBe(0);
  });

  it('refuses an unknown option (2), an unknown revision and a token in argv', () => {
    const bogus = run(['hf', 'download', 'engine-forge/tiny-llama', '--bogus']);
    expect(bogus.status).toBe(2);
    expect(bogus.stderr).toContain("Usage: hf download [OPTIONS] REPO_ID [FILENAMES]...");
    expect(bogus.stderr).toContain("Error: No such option '--bogus'.");
    const revision = run(['hf', 'download', 'engine-forge/tiny-llama', '--revision', 'v9', '--local-dir', path.join(dir, 'x')]);
    expect(revision.status).toBe(1);
    expect(revision.stderr).toContain("Error: Revision not found in model 'engine-forge/tiny-llama'.");
    expect(run(['hf', 'download', 'engine-forge/tiny-llama', '--token', 'hf_secret']).status).toBe(2);
  });
});

describe('checkpoint and engine stand-ins', () => {
  let model: string;
  beforeAll(() => {
    model = path.join(dir, 'src-model');
    expect(run(['hf', 'download', 'engine-forge/tiny-llama', '--local-dir', model]).status).toBe(0);
  });

  it('convert_checkpoint.py writes config.json (mapping, quantization) and one rank file per TP rank', () => {
    const out = path.join(dir, 'ckpt-tp2');
    const r = run(['python3', CONVERT, '--model_dir', model, '--output_dir', out, '--dtype', 'bfloat16', '--tp_size', '2']);
    expect(r.status, r.stderr).toBe(0);
    const config = json(path.join(out, 'config.json'));
    expect(config.mapping).toEqual({ world_size: 2, tp_size: 2, pp_size: 1 });
    expect(config.architecture).toBe('LlamaForCausalLM');
    expect(readdirSync(out).sort()).toEqual(['config.json', 'rank0.safetensors', 'rank1.safetensors']);
    // Sized like the real shards: half the bf16 weights each, a valid safetensors header.
    const rank0 = readFileSync(path.join(out, 'rank0.safetensors'));
    expect(rank0.length).toBe(Math.floor(statSync(path.join(model, 'model.safetensors')).size / 2));
    const headerLength = Number(rank0.readBigUInt64LE(0));
    expect(JSON.parse(rank0.subarray(8, 8 + headerLength).toString())).toHaveProperty('weights');
  });

  it('convert_checkpoint.py converts a pre-quantized FP8 checkpoint only with --use_fp8; quantize.py calibrates', () => {
    writeFileSync(path.join(model, 'hf_quant_config.json'), JSON.stringify({ quantization: { quant_algo: 'FP8', kv_cache_quant_algo: 'FP8' } }));
    try {
      const plain = run(['python3', CONVERT, '--model_dir', model, '--output_dir', path.join(dir, 'bad'), '--tp_size', '2']);
      expect(plain.status).toBe(1);
      expect(plain.stderr).toContain('pre-quantized FP8 checkpoint');
      const fp8 = run(['python3', CONVERT, '--model_dir', model, '--output_dir', path.join(dir, 'fp8-tp2'), '--use_fp8', '--fp8_kv_cache', '--tp_size', '2']);
      expect(fp8.status, fp8.stderr).toBe(0);
      expect(json(path.join(dir, 'fp8-tp2/config.json')).quantization).toMatchObject({ quant_algo: 'FP8', kv_cache_quant_algo: 'FP8' });
    } finally {
      rmSync(path.join(model, 'hf_quant_config.json'));
    }
    const q = run(['python3', QUANTIZE, '--model_dir', model, '--output_dir', path.join(dir, 'awq'), '--qformat', 'int4_awq', '--calib_size', '32', '--tp_size', '1']);
    expect(q.status, q.stderr).toBe(0);
    expect(q.stdout).toContain('Starting calibration: 32 samples');
    expect(json(path.join(dir, 'awq/config.json')).quantization.quant_algo).toBe('W4A16_AWQ');
    const bad = run(['python3', QUANTIZE, '--model_dir', model, '--qformat', 'fp4']);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain("argument --qformat: invalid choice: 'fp4'");
  });

  it('trtllm-build writes version, pretrained_config and build_config, one engine per rank, and the timing cache', () => {
    const engine = path.join(dir, 'engine');
    const cache = path.join(dir, 'timing.cache');
    const r = run(['trtllm-build', '--checkpoint_dir', path.join(dir, 'ckpt-tp2'), '--output_dir', engine, '--max_batch_size', '64', '--max_input_len', '1024', '--max_seq_len', '2048', '--max_num_tokens', '4096', '--gemm_plugin', 'auto', '--multiple_profiles', 'enable', '--workers', '2', '--output_timing_cache', cache]);
    expect(r.status, r.stderr).toBe(0);
    const config = json(path.join(engine, 'config.json'));
    expect(config.version).toBe('1.2.0');
    expect(config.pretrained_config.mapping).toEqual({ world_size: 2, tp_size: 2, pp_size: 1 });
    expect(config.build_config).toMatchObject({ max_batch_size: 64, max_seq_len: 2048, max_num_tokens: 4096 });
    expect(config.build_config.plugin_config).toMatchObject({ gemm_plugin: 'auto', multiple_profiles: 'enable' });
    expect(readdirSync(engine).sort()).toEqual(['config.json', 'rank0.engine', 'rank1.engine']);
    expect(existsSync(cache)).toBe(true);
  });

  it('trtllm-build makes a 16 GiB two-rank engine as sparse files', () => {
    const engine = path.join(dir, 'big-engine');
    const r = run(['trtllm-build', '--checkpoint_dir', path.join(dir, 'ckpt-tp2'), '--output_dir', engine], { EF_FAKE_ENGINE_BYTES: String(8 * 1024 ** 3) });
    expect(r.status, r.stderr).toBe(0);
    for (const rank of ['rank0.engine', 'rank1.engine']) {
      const st = statSync(path.join(engine, rank));
      expect(st.size).toBe(8 * 1024 ** 3);
      expect(st.blocks * 512).toBeLessThan(1024 * 1024);
    }
  });

  it('fails the real ways: unknown flag (2), CUDA OOM, OOM kill (SIGKILL), full disk', () => {
    const ckpt = path.join(dir, 'ckpt-tp2');
    const flag = run(['trtllm-build', '--checkpoint_dir', ckpt, '--opt_batch_size', '8']);
    expect(flag.status).toBe(2);
    expect(flag.stderr).toMatch(/^usage: trtllm-build /m);
    expect(flag.stderr).toContain('trtllm-build: error: unrecognized arguments: --opt_batch_size 8');
    const oom = run(['trtllm-build', '--checkpoint_dir', ckpt, '--output_dir', path.join(dir, 'x')], { EF_FAKE_FAIL: 'trtllm-build=oom' });
    expect(oom.status).toBe(1);
    expect(oom.stderr).toContain('torch.OutOfMemoryError: CUDA out of memory.');
    const killed = run(['python3', CONVERT, '--model_dir', model, '--output_dir', path.join(dir, 'x')], { EF_FAKE_FAIL: 'convert_checkpoint.py=kill' });
    expect(killed.signal).toBe('SIGKILL'); // a shell reports it as exit 137
    const full = run(['hf', 'download', 'engine-forge/tiny-llama', '--local-dir', path.join(dir, 'full')], { EF_FAKE_FAIL: 'hf=enospc' });
    expect(full.status).toBe(1);
    expect(full.stderr).toContain('OSError: [Errno 28] No space left on device');
    // A failure for one tool leaves the others alone.
    expect(run(['trtllm-build', '--checkpoint_dir', ckpt, '--output_dir', path.join(dir, 'y')], { EF_FAKE_FAIL: 'hf=oom' }).status).toBe(0);
  });
});

describe('a silent phase', () => {
  it('stalls midway with no output when EF_FAKE_SLOW names the tool, for heartbeat tests', async () => {
    const child = spawn('trtllm-build', ['--checkpoint_dir', path.join(dir, 'ckpt-tp2'), '--output_dir', path.join(dir, 'slow')], {
      env: { PATH: `${BIN}:${process.env.PATH}`, EF_FAKE_SLOW: 'trtllm-build=60' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    try {
      await new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes('Set max_batch_size')) resolve();
        });
      });
      await new Promise((r) => setTimeout(r, 300));
      expect(child.exitCode).toBeNull();
      expect(out).not.toContain('Total time of building all engines');
    } finally {
      child.kill('SIGKILL');
    }
  });
});


async function health(port: number): Promise<number | 'refused'> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/health`)).status;
  } catch {
    return 'refused';
  }
}

describe('trtllm-serve stand-in', () => {
  it('answers /health 503 while loading, then 200; streams a completion with a usage chunk', async () => {
    const engine = path.join(dir, 'engine');
    const port = await freePort();
    const child = spawn('trtllm-serve', [engine, '--host', '127.0.0.1', '--port', String(port), '--backend', 'tensorrt', '--tp_size', '2', '--max_batch_size', '64'], {
      env: { PATH: `${BIN}:${process.env.PATH}`, EF_FAKE_SERVE_LOAD_S: '30' },
      stdio: 'ignore',
    });
    try {
      const seen: (number | 'refused')[] = [];
      for (let i = 0; i < 300 && !seen.includes(503); i++) {
        seen.push(await health(port));
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(seen).toContain(503);
    } finally {
      child.kill('SIGTERM');
    }

    const port2 = await freePort();
    const ready = spawn('trtllm-serve', [path.join(dir, 'src-model'), '--host', '127.0.0.1', '--port', String(port2), '--config', writeYaml()], {
      env: { PATH: `${BIN}:${process.env.PATH}`, EF_FAKE_SERVE_LOAD_S: '0' },
      stdio: 'ignore',
    });
    try {
      let status: number | 'refused' = 'refused';
      for (let i = 0; i < 300 && status !== 200; i++) {
        status = await health(port2);
        if (status !== 200) await new Promise((r) => setTimeout(r, 100));
      }
      expect(status).toBe(200);
      const models = (await (await fetch(`http://127.0.0.1:${port2}/v1/models`)).json()) as { data: { id: string }[] };
      expect(models.data[0]!.id).toBe(path.join(dir, 'src-model'));
      const response = await fetch(`http://127.0.0.1:${port2}/v1/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'm', prompt: 'a b c', max_tokens: 4, stream: true, stream_options: { include_usage: true } }),
      });
      expect(response.headers.get('content-type')).toBe('text/event-stream');
      const events = (await response.text()).split('\n\n').filter(Boolean).map((e) => e.replace(/^data: /, ''));
      expect(events.at(-1)).toBe('[DONE]');
      const chunks = events.slice(0, -1).map((e) => JSON.parse(e) as { choices: { text: string }[]; usage: Record<string, number> | null });
      expect(chunks.filter((c) => c.choices.length === 1).map((c) => c.choices[0]!.text).join('')).toBe(' tok0 tok1 tok2 tok3');
      expect(chunks.at(-1)!.usage).toEqual({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
    } finally {
      ready.kill('SIGTERM');
    }
  });

  it('refuses an engine of another TP or TensorRT-LLM version, an unknown option and an unknown YAML key', () => {
    const engine = path.join(dir, 'engine');
    const tp = run(['trtllm-serve', engine, '--backend', 'tensorrt', '--tp_size', '1']);
    expect(tp.status).toBe(1);
    expect(tp.stderr).toContain('the engine was built for tp_size 2');
    const version = run(['trtllm-serve', engine, '--backend', 'tensorrt', '--tp_size', '2'], { EF_FAKE_TRTLLM_VERSION: '1.1.0' });
    expect(version.status).toBe(1);
    expect(version.stderr).toContain('Version tag does not match');
    const option = run(['trtllm-serve', engine, '--tensor_parallel_size', '2']);
    expect(option.status).toBe(2);
    expect(option.stderr).toContain('Error: No such option: --tensor_parallel_size');
    const yaml = path.join(dir, 'bad.yaml');
    writeFileSync(yaml, 'max_batch_size: 8\ncuda_graphs: true\n');
    const key = run(['trtllm-serve', path.join(dir, 'src-model'), '--extra_llm_api_options', yaml]);
    expect(key.status).toBe(1);
    expect(key.stderr).toContain('cuda_graphs\n  Extra inputs are not permitted');
  });
});

function writeYaml(): string {
  const file = path.join(dir, 'serve.yaml');
  writeFileSync(file, 'max_batch_size: 64\nmax_num_tokens: 4096\ncuda_graph_config:\n  batch_sizes: [1, 2, 4, 8]\nkv_cache_config:\n  free_gpu_memory_fraction: 0.85\n');
  return file;
}
