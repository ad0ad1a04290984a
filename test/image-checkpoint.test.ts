import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { execa } from 'execa';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkpointFetcher, makeImageCommand } from '../src/commands/image.js';
import type { CommandResult, Logger } from '../src/commands/context.js';
import { planCommand } from '../src/commands/plan.js';
import { deriveCells } from '../src/core/cells.js';
import { parseMatrix } from '../src/core/parse.js';
import type { Exec } from '../src/image/builders.js';
import { Settings, type InputName } from '../src/inputs.js';
import { LocalArtifactStore } from '../src/store/local-artifacts.js';
import { publishArtifact } from '../src/store/publish-artifact.js';
import { builderEnv, pushStandInBase, registryFromEnv, removeLocalImage, skopeoInspect } from './helpers/registry.js';

// An FP8 vLLM image end to end (issue 12 item 6): plan holds it back until its checkpoint is in the
// store → the checkpoint is published (a ModelOpt unified export's layout) → plan builds the image
// → `image` bakes that checkpoint, verified, with real buildah into the loopback registry.
const { registry } = registryFromEnv();
const token = `hf_efsecret_${randomBytes(12).toString('hex')}`;
const repository = `${registry}/engine-forge/checkpoint-images`;
const revision = randomBytes(20).toString('hex');
const quiet: Logger = { info: () => {}, warning: () => {}, notice: () => {} };
let workspace = '';
let base = '';

function matrix(model: string): string {
  return stringify({
    version: 1,
    toolchains: {
      trtllm: { version: '1.2.0', image: 'nvcr.io/nvidia/tensorrt-llm/release:1.2.0', backend: 'pytorch' },
      vllm: { version: '0.11.0', image: base },
    },
    gpus: { h100: { 'runs-on': ['self-hosted', 'gpu-h100'], count: 8 } },
    models: { [model]: { source: `acme/${model}`, revision, version: '1.0.0', 'max-input-len': 1024, 'max-seq-len': 2048 } },
    matrix: { model: [model], gpu: ['h100'], precision: ['fp8'], batch: ['1-32'], tp: [1] },
  });
}

function settings(inputs: Partial<Record<InputName, string>>): Settings {
  return new Settings({ kind: 'action', get: (name) => inputs[name] }, { ...builderEnv(), GITHUB_WORKSPACE: workspace, HF_TOKEN: token });
}

const plan = (file: string): Promise<CommandResult> => planCommand({ settings: settings({ matrix: file, store: 'store', 'plan-file': join(workspace, 'plan.json') }), log: quiet });
const entries = (result: CommandResult, output: string) => (JSON.parse(result.outputs[output]!) as { include: Record<string, unknown>[] }).include;
const refuseToBuild: Exec = async (command) => {
  throw new Error(`no builder should run, but ${command.file} ${command.args.join(' ')} was called`);
};

/** Publishes `files` as the matrix's checkpoint, the way a checkpoint job would. */
async function publishCheckpoint(file: string, files: Record<string, string>): Promise<void> {
  const loaded = parseMatrix(file, await readFile(join(workspace, file), 'utf8'));
  const [checkpoint] = deriveCells(loaded.matrix!).checkpoints;
  const dir = await mkdtemp(join(tmpdir(), 'ef-ckpt-'));
  for (const [name, content] of Object.entries(files)) await writeFile(join(dir, name), content);
  const store = new LocalArtifactStore(join(workspace, 'store'));
  const published = await publishArtifact(
    store,
    { kind: 'checkpoint', id: checkpoint!.id, model: checkpoint!.model, version: checkpoint!.version, fingerprint: checkpoint!.fingerprint, inputs: checkpoint!.inputs, digests: checkpoint!.digests, toolchain: {}, provenance: {} },
    dir,
  );
  expect(published.created).toBe(true);
  await rm(dir, { recursive: true, force: true });
}

const quantConfig = (algo: string) => JSON.stringify({ producer: { name: 'modelopt', version: '0.47.0' }, quantization: { quant_algo: algo, kv_cache_quant_algo: null, exclude_modules: ['lm_head'] } });
const weights = `fp8 weights ${randomBytes(8).toString('hex')}`;

describe('an FP8 image serves its checkpoint', () => {
  let waitingEntry: Record<string, unknown>;
  let built: CommandResult;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ef-image-ckpt-'));
    base = await pushStandInBase(registry, token);
    await writeFile(join(workspace, 'good.yml'), matrix('tiny'));
    await writeFile(join(workspace, 'bad.yml'), matrix('other'));
  }, 240_000);
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
    await removeLocalImage(base);
  });

  it('is held back until the checkpoint is stored, and the image command refuses it before building', async () => {
    const first = await plan('good.yml');
    expect(entries(first, 'images')).toEqual([]);
    expect(entries(first, 'checkpoints')).toEqual([expect.objectContaining({ checkpoint: 'tiny/fp8', 'runs-on': ['self-hosted', 'gpu-h100'] })]);
    const image = (first.json as { images: Record<string, unknown>[] }).images[0]!;
    expect(image).toMatchObject({ id: 'tiny/fp8/nvidia', status: 'waiting' });
    waitingEntry = { id: image.id, fingerprint: image.fingerprint };
    const attempt = makeImageCommand({ exec: refuseToBuild })({
      settings: settings({ matrix: 'good.yml', store: 'store', cell: JSON.stringify(waitingEntry), registry: repository, builder: 'buildah' }),
      log: quiet,
    });
    await expect(attempt).rejects.toThrow(/serves checkpoint 'tiny\/fp8' \([0-9a-f]{12}\), which .* does not hold yet/);
  });

  it('is planned once the checkpoint is stored, and bakes it (not the source weights)', async () => {
    await publishCheckpoint('good.yml', { 'config.json': '{"architectures":["LlamaForCausalLM"]}', 'hf_quant_config.json': quantConfig('FP8'), 'model.safetensors': weights, 'tokenizer_config.json': '{}' });
    const second = await plan('good.yml');
    const [entry, ...more] = entries(second, 'images');
    expect(more).toEqual([]);
    expect(entry).toMatchObject(waitingEntry);
    built = await makeImageCommand()({
      settings: settings({ matrix: 'good.yml', store: 'store', cell: JSON.stringify(entry), registry: repository, builder: 'buildah' }),
      log: quiet,
    });
    const inspected = await skopeoInspect(built.outputs.image!);
    expect(inspected.Env).toEqual(expect.arrayContaining(['QUANTIZATION=modelopt', 'DTYPE=auto', 'MODEL_NAME=/models/acme/tiny', 'SERVED_MODEL_NAME=acme/tiny', 'HF_HUB_OFFLINE=1']));
    const labels = inspected.Labels as Record<string, string>;
    expect(labels['dev.engine-forge.checkpoint']).toMatch(/^tiny\/fp8@[0-9a-f]{64}$/);
    expect(labels['dev.engine-forge.weights']).toBe('baked-checkpoint');

    // The checkpoint's bytes are in a layer, under the served path; the hf stub never ran.
    const dir = await mkdtemp(join(tmpdir(), 'ef-pulled-'));
    try {
      await execa('skopeo', ['copy', '--src-tls-verify=false', `docker://${built.outputs.image!}`, `dir:${dir}`], { env: builderEnv() });
      const layers = await Promise.all((await readdir(dir)).map(async (name) => {
        const data = await readFile(join(dir, name));
        return (data[0] === 0x1f && data[1] === 0x8b ? gunzipSync(data) : data).toString('latin1');
      }));
      const layer = layers.find((l) => l.includes(weights));
      expect(layer).toBeDefined();
      expect(layer).toContain('models/acme/tiny/hf_quant_config.json');
      expect(layers.some((l) => l.includes('Downloaded acme/tiny'))).toBe(false);
      expect(layers.some((l) => l.includes(token))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('refuses a checkpoint in another format than its precision, before any builder runs', async () => {
    await publishCheckpoint('bad.yml', { 'config.json': '{}', 'hf_quant_config.json': quantConfig('NVFP4'), 'model.safetensors': 'x' });
    const loaded = parseMatrix('bad.yml', await readFile(join(workspace, 'bad.yml'), 'utf8'));
    const spec = deriveCells(loaded.matrix!).images.find((i) => i.id === 'other/fp8/nvidia')!;
    const fetch = await checkpointFetcher(new LocalArtifactStore(join(workspace, 'store')), spec);
    const target = join(workspace, 'context-checkpoint');
    await expect(fetch!(target)).rejects.toThrow(/checkpoint 'other\/fp8' \([0-9a-f]{12}\) is not a fp8 export: hf_quant_config.json says quant_algo "NVFP4", not FP8/);

    await writeFile(join(workspace, 'missing.yml'), matrix('missing'));
    await publishCheckpoint('missing.yml', { 'config.json': '{}', 'model.safetensors': 'x' });
    const missing = deriveCells(parseMatrix('missing.yml', await readFile(join(workspace, 'missing.yml'), 'utf8')).matrix!).images.find((i) => i.id === 'missing/fp8/nvidia')!;
    await expect(checkpointFetcher(new LocalArtifactStore(join(workspace, 'store')), missing)).rejects.toThrow(/has no hf_quant_config.json: it is not a ModelOpt unified export/);
  });
});
