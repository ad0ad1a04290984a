import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/run.js';

// python/engine_forge_quantize.py run for real — NVIDIA ModelOpt, torch and transformers from PyPI —
// on the CPU (ModelOpt's fake-quant kernels have CPU paths), against a small random Llama. The same
// script ran on an H200 (test/gpu/run-quantize.sh); what it printed there is in test/fixtures/gpu,
// and the CPU export must have the GPU export's layout. The venv comes from the service script.
const SCRIPT = path.join(ROOT, 'python/engine_forge_quantize.py');
const MAKE_MODEL = path.join(ROOT, 'test/support/make_tiny_llama.py');
const GPU = path.join(ROOT, 'test/fixtures/gpu');

let python: string;
let dir: string;
let model: string;
let calib: string;

function py(args: string[], env: NodeJS.ProcessEnv = {}) {
  const result = spawnSync(python, args, {
    cwd: dir,
    env: { PATH: process.env.PATH, HOME: dir, CUDA_VISIBLE_DEVICES: '', PYTHONUNBUFFERED: '1', ...env },
    encoding: 'utf8',
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Tensor name → [dtype, shape] from a safetensors header, the shape fp8-tensors.json records. */
function tensors(file: string): Record<string, [string, number[]]> {
  const data = readFileSync(file);
  const header = JSON.parse(data.subarray(8, 8 + Number(data.readBigUInt64LE(0))).toString()) as Record<string, { dtype: string; shape: number[] }>;
  delete header.__metadata__;
  return Object.fromEntries(Object.entries(header).map(([name, t]) => [name, [t.dtype, t.shape]]));
}
const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

beforeAll(() => {
  const venv = spawnSync('bash', [path.join(ROOT, 'scripts/services/modelopt-venv.sh')], { encoding: 'utf8', timeout: 1_200_000 });
  if (venv.status !== 0) throw new Error(`modelopt-venv.sh failed (${venv.status}):\n${venv.stderr}`);
  python = venv.stdout.trim().split('\n').at(-1)!;
  dir = mkdtempSync(path.join(tmpdir(), 'ef-quantize-'));
  model = path.join(dir, 'tiny-llama');
  calib = path.join(dir, 'calib.jsonl');
  const made = py([MAKE_MODEL, model, '--calib', calib]);
  if (made.status !== 0) throw new Error(`make_tiny_llama.py failed:\n${made.stderr}`);
}, 1_300_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('engine_forge_quantize.py (real ModelOpt, CPU)', () => {
  it('quantizes to FP8 with an FP8 KV cache and exports the unified checkpoint the H200 run exported', () => {
    const out = path.join(dir, 'fp8');
    const r = py([SCRIPT, 'quantize', '--model-dir', model, '--output-dir', out, '--precision', 'fp8', '--kv-cache-dtype', 'fp8', '--calib-dataset', calib, '--calib-size', '16', '--device', 'cpu', '--save-modelopt-state']);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['config.json', 'engine_forge_quantize.json', 'generation_config.json', 'hf_quant_config.json', 'model.safetensors', 'modelopt_state.pth', 'tokenizer.json', 'tokenizer_config.json']);
    expect(readJson(path.join(out, 'hf_quant_config.json'))).toEqual(readJson(path.join(GPU, 'fp8-hf_quant_config.json')));
    expect(tensors(path.join(out, 'model.safetensors'))).toEqual(readJson(path.join(GPU, 'fp8-tensors.json')));
    const record = readJson(path.join(out, 'engine_forge_quantize.json'));
    expect(record).toMatchObject({
      precision: 'fp8', config: 'FP8_DEFAULT_CFG', kv_cache_config: 'FP8_KV_CFG', source_dtype: 'bfloat16', device: 'cpu',
      calibration: { dataset: calib, size: 16, samples: 16 }, modelopt_state: 'modelopt_state.pth',
      tokenizer_files: ['tokenizer.json', 'tokenizer_config.json'],
    });
    expect((record.versions as Record<string, string>)['nvidia-modelopt']).toBe('0.47.0');
    expect(JSON.parse(r.stdout.trim().split('\n').at(-1)!)).toEqual(record);
  }, 300_000);

  it('exports a TensorRT-LLM checkpoint for TP 2 from the saved state, without calibrating', () => {
    const out = path.join(dir, 'fp8-tp2');
    const r = py([SCRIPT, 'export-trtllm', '--model-dir', model, '--quantized-dir', path.join(dir, 'fp8'), '--output-dir', out, '--tp-size', '2', '--device', 'cpu']);
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['config.json', 'rank0.safetensors', 'rank1.safetensors']);
    const config = readJson(path.join(out, 'config.json'));
    const gpu = readJson(path.join(GPU, 'fp8-trtllm-tp2-config.json'));
    expect(config.mapping).toEqual({ world_size: 2, tp_size: 2, pp_size: 1 });
    expect(config.quantization).toEqual(gpu.quantization);
    expect(config.architecture).toBe(gpu.architecture);
    expect(r.stdout + r.stderr).not.toMatch(/calibrat/i);
  }, 300_000);

  it('says clearly what is wrong: bad flags (2), no CUDA device, model not found, calibration data', () => {
    const base = ['quantize', '--output-dir', path.join(dir, 'x'), '--calib-dataset', calib];
    const precision = py([SCRIPT, ...base, '--model-dir', model, '--precision', 'bf16']);
    expect(precision.status).toBe(2);
    expect(precision.stderr).toContain("argument --precision: unsupported precision 'bf16'");
    expect(py([SCRIPT, ...base, '--model-dir', model, '--precision', 'fp8', '--calib-size', '0']).status).toBe(2);
    expect(py([SCRIPT, 'quantise']).status).toBe(2);

    const cuda = py([SCRIPT, ...base, '--model-dir', model, '--precision', 'fp8']);
    expect(cuda.status).toBe(1);
    expect(cuda.stderr).toMatch(/^engine_forge_quantize\.py: error: no CUDA device: torch\.cuda\.is_available\(\) is False/m);
    expect(cuda.stderr).not.toContain('Traceback');

    const missing = py([SCRIPT, ...base, '--model-dir', path.join(dir, 'nope'), '--precision', 'fp8', '--device', 'cpu']);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain(`model not found: '${path.join(dir, 'nope')}' has no config.json`);

    const hub = py([SCRIPT, 'quantize', '--output-dir', path.join(dir, 'x'), '--model-dir', model, '--precision', 'fp8', '--device', 'cpu', '--calib-dataset', 'abisee/cnn_dailymail:3.0.0']);
    expect(hub.status).toBe(1);
    expect(hub.stderr).toContain("calibration dataset 'abisee/cnn_dailymail:3.0.0' is not a local file, and reading a Hugging Face dataset needs the `datasets` package");
    const file = py([SCRIPT, 'quantize', '--output-dir', path.join(dir, 'x'), '--model-dir', model, '--precision', 'fp8', '--device', 'cpu', '--calib-dataset', 'calib/missing.jsonl']);
    expect(file.status).toBe(1);
    expect(file.stderr).toContain("calibration file not found: 'calib/missing.jsonl'");
  }, 300_000);
});

describe('the hf stand-in against the real hf CLI (huggingface_hub in the same venv)', () => {
  it('rejects an unknown option with the same usage and error lines', () => {
    const hf = path.join(path.dirname(python), 'hf');
    const env = { PATH: process.env.PATH, HOME: dir, HF_HUB_OFFLINE: '1', HF_HUB_DISABLE_UPDATE_CHECK: '1' };
    const real = spawnSync(hf, ['download', 'engine-forge/tiny-llama', '--bogus'], { env, encoding: 'utf8' });
    const standin = spawnSync(path.join(ROOT, 'test/support/bin/hf'), ['download', 'engine-forge/tiny-llama', '--bogus'], { env, encoding: 'utf8' });
    expect(standin.status).toBe(real.status);
    const lines = (text: string) => text.split('\n').filter((l) => /^(Usage|Try|Error):/.test(l));
    expect(lines(standin.stderr)).toEqual(lines(real.stderr));
  });
});
