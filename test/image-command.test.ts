import { randomBytes } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeImageCommand } from '../src/commands/image.js';
import type { CommandResult, Logger } from '../src/commands/context.js';
import { planCommand } from '../src/commands/plan.js';
import { publishCommand } from '../src/commands/publish.js';
import { resolveCommand } from '../src/commands/resolve.js';
import { UserError } from '../src/errors.js';
import type { Exec } from '../src/image/builders.js';
import { Settings, type InputName } from '../src/inputs.js';
import { LocalStore } from '../src/store/local.js';
import { eventEnv } from './helpers/commands.js';
import { builderEnv, pushStandInBase, registryFromEnv, removeLocalImage, skopeoInspect } from './helpers/registry.js';

// The `image` command end to end: plan → image (real buildah push to the loopback registry) →
// manifest in a real local store → plan again skips the image.
const { registry } = registryFromEnv();
const token = `hf_efsecret_${randomBytes(12).toString('hex')}`;
const repository = `${registry}/engine-forge/command`;
let workspace = '';
let base = '';

function matrix(overrides: { vllmImage?: string; version?: string } = {}): string {
  return stringify({
    version: 1,
    toolchains: {
      trtllm: { version: '1.2.0', image: 'nvcr.io/nvidia/tensorrt-llm/release:1.2.0', backend: 'pytorch' },
      vllm: { version: '0.11.0', image: overrides.vllmImage ?? base, 'bake-weights': true },
    },
    gpus: { h100: { 'runs-on': ['self-hosted', 'gpu-h100'], count: 8 } },
    models: {
      // A fresh revision per run, so each run's fingerprint (and immutable tag) is new.
      tiny: { source: 'acme/tiny-gated', revision: randomRevision, version: overrides.version ?? '1.0.0', 'max-input-len': 1024, 'max-seq-len': 2048 },
    },
    matrix: { model: ['tiny'], gpu: ['h100'], precision: ['bf16'], batch: ['1-32', '1-128'], tp: [1, 2] },
  });
}
const randomRevision = randomBytes(20).toString('hex');

const quiet: Logger = { info: () => {}, warning: () => {}, notice: () => {} };

function settings(inputs: Partial<Record<InputName, string>>, env: Record<string, string> = {}): Settings {
  return new Settings(
    { kind: 'action', get: (name) => inputs[name] },
    { ...builderEnv(), GITHUB_WORKSPACE: workspace, HF_TOKEN: token, GITHUB_REPOSITORY: 'acme/models', GITHUB_SHA: 'c'.repeat(40), GITHUB_RUN_ID: '42', ...env },
  );
}

async function plan(file = 'matrix.yml'): Promise<CommandResult> {
  return planCommand({ settings: settings({ matrix: file, store: 'store', 'plan-file': join(workspace, 'plan.json') }), log: quiet });
}

function imageEntries(result: CommandResult): Record<string, unknown>[] {
  return (JSON.parse(result.outputs.images!) as { include: Record<string, unknown>[] }).include;
}

const refuseToBuild: Exec = async (command) => {
  throw new Error(`no builder should run, but ${command.file} ${command.args.join(' ')} was called`);
};

describe('image command', () => {
  let entry: Record<string, unknown>;
  let first: CommandResult;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'ef-image-cmd-'));
    base = await pushStandInBase(registry, token);
    await writeFile(join(workspace, 'matrix.yml'), matrix());
    const planned = imageEntries(await plan());
    expect(planned).toHaveLength(1);
    entry = planned[0]!;
    first = await makeImageCommand()({
      settings: settings({ matrix: 'matrix.yml', store: 'store', cell: JSON.stringify(entry), registry: repository, builder: 'buildah' }),
      log: quiet,
    });
  }, 240_000);
  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
    await removeLocalImage(base);
  });

  it('pushes the image and outputs repository@digest', async () => {
    expect(entry).toMatchObject({ id: 'tiny/bf16/nvidia', precision: 'bf16', vendor: 'nvidia' });
    const image = first.outputs.image!;
    expect(image).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(image.startsWith(`${repository}@`)).toBe(true);
    const inspected = await skopeoInspect(image);
    expect((inspected.Labels as Record<string, string>)['dev.engine-forge.fingerprint']).toBe(entry.fingerprint);
    expect((inspected.Labels as Record<string, string>)['org.opencontainers.image.source']).toBe('https://github.com/acme/models');
    // The batch ceiling and the smallest TP of the image's cells are the serving defaults.
    expect(inspected.Env).toEqual(expect.arrayContaining(['MAX_NUM_SEQS=128', 'TENSOR_PARALLEL_SIZE=1', 'MAX_MODEL_LEN=2048', 'DTYPE=bfloat16']));
  });

  it('records an image manifest in the store', async () => {
    const store = new LocalStore(join(workspace, 'store'));
    const [stored, ...more] = await store.list('image');
    expect(more).toEqual([]);
    expect(stored).toMatchObject({ id: 'tiny/bf16/nvidia', version: '1.0.0', fingerprint: entry.fingerprint });
    const manifest = await store.readManifest(stored!);
    expect(manifest).toMatchObject({
      kind: 'image',
      image: first.outputs.image,
      files: [],
      toolchain: { vllm: '0.11.0', 'vllm-image': base },
      provenance: { repository: 'acme/models', commit: 'c'.repeat(40), runUrl: 'https://github.com/acme/models/actions/runs/42' },
    });
    expect(String(manifest.toolchain.builder)).toMatch(/^buildah version/);
    expect(JSON.stringify(manifest)).not.toContain(token);
  });

  it('is skipped by the next plan, and a re-run reports the stored image without building', async () => {
    const again = await plan();
    expect(imageEntries(again)).toEqual([]);
    expect((again.json as { images: { id: string; status: string }[] }).images).toEqual([expect.objectContaining({ id: 'tiny/bf16/nvidia', status: 'skip' })]);
    const rerun = await makeImageCommand({ exec: refuseToBuild })({
      settings: settings({ matrix: 'matrix.yml', store: 'store', cell: JSON.stringify(entry), registry: repository, builder: 'buildah' }),
      log: quiet,
    });
    expect(rerun.outputs.image).toBe(first.outputs.image);
  });

  it('is returned by resolve next to the engine of the same model version and precision', async () => {
    // An engine for one of the image's cells, published as a build job would.
    await mkdir(join(workspace, 'engine'), { recursive: true });
    await writeFile(join(workspace, 'engine', 'rank0.engine'), 'engine bytes');
    await publishCommand({
      settings: settings({ matrix: 'matrix.yml', store: 'store', cell: 'tiny/h100/bf16/tp1/b1-32', 'artifact-dir': 'engine' }),
      log: quiet,
    });
    const resolved = await resolveCommand({
      settings: settings({ store: 'store', model: 'tiny@^1', gpu: 'h100', precision: 'bf16', tp: '1', batch: '1-32' }),
      log: quiet,
    });
    expect(resolved.outputs.version).toBe('1.0.0');
    expect(resolved.outputs.image).toBe(first.outputs.image);
    // The digest it names is the one in the registry.
    expect((await skopeoInspect(resolved.outputs.image!)).Digest).toBe(first.outputs.image!.split('@')[1]);
  });

  it('on a pull request, records a candidate that resolve ignores and the merged plan promotes', async () => {
    await writeFile(join(workspace, 'bump.yml'), matrix({ version: '1.1.0' }));
    const pr = eventEnv(workspace, 'pull_request', { pr: 7 }) as Record<string, string>;
    const main = eventEnv(workspace, 'push') as Record<string, string>;
    const planAs = (env: Record<string, string>) =>
      planCommand({ settings: settings({ matrix: 'bump.yml', store: 'store', comment: 'false', 'plan-file': join(workspace, 'plan.json') }, env), log: quiet });
    const [bumped] = imageEntries(await planAs(pr));
    expect(bumped).toMatchObject({ id: 'tiny/bf16/nvidia', version: '1.1.0' });
    const built = await makeImageCommand()({
      settings: settings({ matrix: 'bump.yml', store: 'store', cell: JSON.stringify(bumped), registry: repository, builder: 'buildah' }, pr),
      log: quiet,
    });
    const store = new LocalStore(join(workspace, 'store'));
    expect(await store.list('image', 'tiny/', 'candidate')).toEqual([expect.objectContaining({ version: '1.1.0', channel: 'candidate' })]);
    expect((await store.list('image')).map((a) => a.version)).toEqual(['1.0.0']);
    // The pull request's next plan does not build it again; a deploy served by the image alone
    // (no engine for h200) still gets 1.0.0 until the merge.
    expect(imageEntries(await planAs(pr))).toEqual([]);
    const resolveImage = () => resolveCommand({ settings: settings({ store: 'store', model: 'tiny@^1', gpu: 'h200', precision: 'bf16' }, main), log: quiet });
    expect((await resolveImage()).outputs).toMatchObject({ version: '1.0.0', image: first.outputs.image });
    const merged = await planAs(main);
    expect(imageEntries(merged)).toEqual([]);
    expect((merged.json as { images: { promoted?: boolean }[] }).images[0]).toMatchObject({ promoted: true });
    expect((await store.list('image')).map((a) => a.version).sort()).toEqual(['1.0.0', '1.1.0']);
    const promoted = (await store.list('image')).find((a) => a.version === '1.1.0')!;
    expect((await store.readManifest(promoted)).image).toBe(built.outputs.image);
    expect((await resolveImage()).outputs).toMatchObject({ version: '1.1.0', image: built.outputs.image });
  });

  it('rebuilds when the base image reference changes', async () => {
    await writeFile(join(workspace, 'moved.yml'), matrix({ vllmImage: `${registry}/vllm/vllm-openai:test-moved` }));
    const moved = await plan('moved.yml');
    const images = (moved.json as { images: { status: string; reason: string; changes?: string[] }[] }).images;
    expect(images[0]?.status).toBe('build');
    expect(images[0]?.changes?.join('\n')).toContain('vllm-image');
    expect(imageEntries(moved)[0]?.fingerprint).not.toBe(entry.fingerprint);
  });

  it('refuses an entry whose fingerprint the matrix no longer gives', async () => {
    const stale = { ...entry, fingerprint: 'f'.repeat(64) };
    const attempt = makeImageCommand({ exec: refuseToBuild })({
      settings: settings({ matrix: 'matrix.yml', store: 'store', cell: JSON.stringify(stale), registry: repository }),
      log: quiet,
    });
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(/the matrix changed since the plan/);
  });

  it('refuses an unknown image id and a malformed entry, naming the input', async () => {
    const run = (cell: string) =>
      makeImageCommand({ exec: refuseToBuild })({ settings: settings({ matrix: 'matrix.yml', store: 'store', cell, registry: repository }), log: quiet });
    await expect(run(JSON.stringify({ ...entry, id: 'tiny/fp8/amd' }))).rejects.toThrow(/names image 'tiny\/fp8\/amd', which matrix.yml does not produce/);
    await expect(run('{"id": "tiny/bf16/nvidia"}')).rejects.toThrow(/input 'cell' is not an entry of the plan's images or engine-images output \(nor an image id\): fingerprint/);
    await expect(run('{not json')).rejects.toThrow(/input 'cell' is not valid JSON/);
    // Not JSON: an image id, as publish takes a cell id.
    await expect(run('tiny/bf16/amd')).rejects.toThrow(/input 'cell' names image 'tiny\/bf16\/amd', which matrix.yml does not produce/);
  });

  it('refuses a registry with a tag before building anything', async () => {
    const attempt = makeImageCommand({ exec: refuseToBuild })({
      settings: settings({ matrix: 'matrix.yml', store: 'fresh-store', cell: JSON.stringify(entry), registry: `${repository}:latest` }),
      log: quiet,
    });
    await expect(attempt).rejects.toThrow(/input 'registry' must be a repository without a tag or digest/);
  });
});
