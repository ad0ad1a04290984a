import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandResult, Logger } from '../src/commands/context.js';
import { makeImageCommand } from '../src/commands/image.js';
import { planCommand } from '../src/commands/plan.js';
import { publishCommand } from '../src/commands/publish.js';
import { resolveCommand } from '../src/commands/resolve.js';
import type { Exec } from '../src/image/builders.js';
import { Settings, type InputName } from '../src/inputs.js';
import { LocalStore } from '../src/store/local.js';
import { builderEnv, registryFromEnv, skopeoInspect } from './helpers/registry.js';
import { pushTrtllmStandInBase } from './helpers/trtllm-base.js';

// plan → publish an engine → plan (engine-images) → image (real buildah push to the loopback
// registry, FROM the stand-in TensorRT-LLM image) → digest in the store → resolve → plan skips it.
const { registry } = registryFromEnv();
const repository = `${registry}/engine-forge/engine-images`;
const CELL = 'tiny/h200/bf16/tp1/b1-64';
const ENGINE_BYTES = 8 << 20;
const revision = randomBytes(20).toString('hex');
let workspace = '';
let base = '';

function matrix(over: { version?: string; serverless?: boolean } = {}): string {
  return stringify({
    version: 1,
    toolchains: {
      trtllm: { version: '1.2.0', image: base, backend: 'tensorrt' },
      vllm: { version: '0.11.0', image: 'vllm/vllm-openai:v0.11.0' },
    },
    ...(over.serverless ? { serving: { serverless: 'runpod' } } : {}),
    gpus: { h200: { 'runs-on': ['self-hosted', 'gpu-h200'], count: 1 } },
    models: { tiny: { source: 'acme/tiny', revision, version: over.version ?? '1.0.0', 'max-input-len': 1024, 'max-seq-len': 2048 } },
    matrix: { model: ['tiny'], gpu: ['h200'], precision: ['bf16'], batch: ['1-64'], tp: [1] },
  });
}

const quiet: Logger = { info: () => {}, warning: () => {}, notice: () => {} };
const settings = (inputs: Partial<Record<InputName, string>>) =>
  new Settings({ kind: 'action', get: (name) => inputs[name] }, { ...builderEnv(), GITHUB_WORKSPACE: workspace, GITHUB_REPOSITORY: 'acme/models', GITHUB_SHA: 'c'.repeat(40) });
const plan = () => planCommand({ settings: settings({ matrix: 'matrix.yml', store: 'store', 'plan-file': join(workspace, 'plan.json') }), log: quiet });
type PlannedImage = { id: string; status: string; reason: string; changes?: string[] };
const engineImagesOf = (result: CommandResult) => (result.json as { 'engine-images': PlannedImage[] })['engine-images'];
const entriesOf = (result: CommandResult) => (JSON.parse(result.outputs['engine-images']!) as { include: Record<string, unknown>[] }).include;
/** Compressed layer sizes from the pushed manifest (`skopeo inspect --raw`). */
async function layerSizes(reference: string): Promise<number[]> {
  const { stdout } = await execa('skopeo', ['inspect', '--raw', '--tls-verify=false', `docker://${reference}`], { env: builderEnv() });
  return (JSON.parse(stdout) as { layers: { size: number }[] }).layers.map((l) => l.size);
}
const refuseToBuild: Exec = async (command) => {
  throw new Error(`no builder should run, but ${command.file} ${command.args.join(' ')} was called`);
};

describe('engine images, end to end', () => {
  let waiting: CommandResult;
  let planned: CommandResult;
  let built: CommandResult;

  beforeAll(async () => {
    base = await pushTrtllmStandInBase(registry);
    workspace = await mkdtemp(join(tmpdir(), 'ef-engine-image-cmd-'));
    await writeFile(join(workspace, 'matrix.yml'), matrix());
    waiting = await plan();
    // The engine, as a build job publishes it: config.json, rank0.engine (incompressible), tokenizer.
    const engine = join(workspace, 'engine');
    await mkdir(engine);
    const config = { version: '1.2.0', pretrained_config: { architecture: 'LlamaForCausalLM', mapping: { world_size: 1, tp_size: 1 } }, build_config: { max_batch_size: 64 } };
    await writeFile(join(engine, 'config.json'), JSON.stringify(config));
    await writeFile(join(engine, 'rank0.engine'), randomBytes(ENGINE_BYTES));
    await writeFile(join(engine, 'tokenizer.json'), '{}');
    await publishCommand({ settings: settings({ matrix: 'matrix.yml', store: 'store', cell: CELL, 'artifact-dir': 'engine' }), log: quiet });
    planned = await plan();
    built = await makeImageCommand()({
      settings: settings({ matrix: 'matrix.yml', store: 'store', cell: JSON.stringify(entriesOf(planned)[0]), registry: repository, builder: 'buildah' }),
      log: quiet,
    });
  }, 600_000);
  afterAll(async () => {
    if (workspace) await rm(workspace, { recursive: true, force: true });
  });

  it('refuses to build before its engine is stored, pointing at the engines job', async () => {
    const entry = { ...entriesOf(planned)[0] };
    const other = join(workspace, 'empty-store');
    await expect(
      makeImageCommand({ exec: refuseToBuild })({ settings: settings({ matrix: 'matrix.yml', store: other, cell: JSON.stringify(entry), registry: repository }), log: quiet }),
    ).rejects.toThrow(/image 'tiny\/h200\/bf16\/tp1\/b1-64' bakes engine 'tiny\/h200\/bf16\/tp1\/b1-64' \([0-9a-f]{12}\), which .*empty-store does not hold yet: its job in the plan's engines output must build it first/);
  });

  it('waits for its engine, then is planned as its own job list with a count', () => {
    expect(engineImagesOf(waiting)).toEqual([expect.objectContaining({ id: CELL, status: 'waiting', reason: expect.stringMatching(/^waiting for engine tiny\/h200\/bf16\/tp1\/b1-64 \([0-9a-f]{12}\)/) })]);
    expect(waiting.outputs['engine-image-count']).toBe('0');
    expect(planned.outputs['engine-image-count']).toBe('1');
    expect(entriesOf(planned)).toEqual([expect.objectContaining({ id: CELL, gpu: 'h200', precision: 'bf16', tp: 1, 'runs-on': ['ubuntu-latest'] })]);
    expect(engineImagesOf(planned)[0]).toMatchObject({ status: 'build', reason: 'no artifact yet' });
    expect(waiting.summary).toContain('1 TensorRT-LLM image waits for an engine that is not stored yet');
    expect(planned.summary).toContain('| TensorRT-LLM images | 1 | 0 | 0 |');
    expect(planned.summary).toContain(`### TensorRT-LLM images to build (1)`);
  });

  it('pushes the image, its digest checked in the registry and recorded in the store; the artifact is one layer, once', async () => {
    const image = built.outputs.image!;
    expect(image).toMatch(new RegExp(`^${repository}@sha256:[0-9a-f]{64}$`));
    const inspected = await skopeoInspect(`${repository}:tiny-1.0.0-bf16-h200-tp1-b1-64`);
    expect(inspected.Digest).toBe(image.split('@')[1]);
    const layers = await layerSizes(image);
    const baseLayers = await layerSizes(base);
    expect(layers.slice(0, baseLayers.length)).toEqual(baseLayers);
    const added = layers.slice(baseLayers.length);
    // One layer holds the engine (it does not compress); the rest (scripts, facts) are small.
    expect(added.filter((size) => size >= ENGINE_BYTES)).toHaveLength(1);
    expect(added.reduce((a, b) => a + b, 0)).toBeLessThan(ENGINE_BYTES * 1.05);
    const store = new LocalStore(join(workspace, 'store'));
    const [stored] = (await store.list('image')).filter((a) => a.id === CELL);
    const manifest = await store.readManifest(stored!);
    expect(manifest).toMatchObject({ kind: 'image', image, toolchain: { trtllm: '1.2.0', 'trtllm-image': base, backend: 'tensorrt' } });
    expect(manifest.provenance.bytes).toBeGreaterThanOrEqual(ENGINE_BYTES);
    console.log(`engine image: artifact ${manifest.provenance.bytes} bytes; layers added to the base ${added.reduce((a, b) => a + b, 0)} bytes (${added.join(', ')})`);
  });

  it('is what resolve returns for TensorRT-LLM; runtime vllm does not name it', async () => {
    const resolve = (runtime?: string) =>
      resolveCommand({ settings: settings({ store: 'store', model: 'tiny@^1', gpu: 'h200', precision: 'bf16', ...(runtime ? { runtime } : {}) }), log: quiet });
    expect((await resolve('trtllm')).outputs.image).toBe(built.outputs.image);
    expect((await resolve()).outputs.image).toBe(built.outputs.image);
    expect((await resolve('vllm')).outputs.image).toBe('');
  });

  it('is skipped by the next plan, a re-run builds nothing, and the plan says why it goes stale', async () => {
    const again = await plan();
    expect(engineImagesOf(again)[0]).toMatchObject({ status: 'skip' });
    expect(again.outputs['engine-image-count']).toBe('0');
    const rerun = await makeImageCommand({ exec: refuseToBuild })({
      settings: settings({ matrix: 'matrix.yml', store: 'store', cell: JSON.stringify(entriesOf(planned)[0]), registry: repository, builder: 'buildah' }),
      log: quiet,
    });
    expect(rerun.outputs.image).toBe(built.outputs.image);

    await writeFile(join(workspace, 'matrix.yml'), matrix({ serverless: true }));
    expect(engineImagesOf(await plan())[0]).toMatchObject({ status: 'build', reason: 'serverless workers (serverless (none) → runpod)' });
    await writeFile(join(workspace, 'matrix.yml'), matrix({ version: '1.1.0' }));
    expect(engineImagesOf(await plan())[0]).toMatchObject({ status: 'waiting', reason: expect.stringMatching(/^waiting for engine/) });
  });
});
