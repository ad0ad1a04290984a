import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveCells } from '../src/core/cells.js';
import { resolveCommand } from '../src/commands/resolve.js';
import { Settings, type InputName } from '../src/inputs.js';
import { LocalStore } from '../src/store/local.js';
import { baseMatrix, parsed, workspace, yamlOf } from './support/matrix.js';
import { manifestFor } from './support/manifest.js';

const quiet = { info: () => {}, warning: () => {}, notice: () => {} };

async function storeWithImages(): Promise<string> {
  const dir = workspace();
  const store = new LocalStore(path.join(dir, 'store'));
  const { images } = deriveCells(parsed(yamlOf(baseMatrix())));
  for (const image of images.filter((i) => i.model === 'llama-3.1-8b')) {
    await store.commitManifest({ ...manifestFor(image, 'image'), image: `registry.example/models@sha256:${image.vendor === 'amd' ? 'a' : 'b'}${'0'.repeat(63)}` });
  }
  return dir;
}

const resolve = (dir: string, inputs: Partial<Record<InputName, string>>) =>
  resolveCommand({ settings: new Settings({ kind: 'action', get: (name) => ({ store: 'store', ...inputs })[name] }, { GITHUB_WORKSPACE: dir }), log: quiet });

describe('resolve without an engine falls back to the vLLM image', () => {
  it('on AMD, where TensorRT-LLM never runs', async () => {
    const dir = await storeWithImages();
    const result = await resolve(dir, { model: 'llama-3.1-8b@^1', gpu: 'mi300x', precision: 'fp8' });
    expect(result.outputs).toMatchObject({ version: '1.4.0', uri: '', image: `registry.example/models@sha256:a${'0'.repeat(63)}` });
    expect(result.text).toContain('vLLM image only');
  });

  it('on NVIDIA while the engine is missing, and refuses to download nothing', async () => {
    const dir = await storeWithImages();
    const result = await resolve(dir, { model: 'llama-3.1-8b@^1', gpu: 'h100', precision: 'bf16' });
    expect(result.outputs.image).toBe(`registry.example/models@sha256:b${'0'.repeat(63)}`);
    await expect(resolve(dir, { model: 'llama-3.1-8b@^1', gpu: 'h100', precision: 'bf16', download: 'out' })).rejects.toThrow(/nothing to download .* only the vLLM image/);
  });

  it('still fails, naming the query, when the range matches no image either', async () => {
    const dir = await storeWithImages();
    await expect(resolve(dir, { model: 'llama-3.1-8b@^2', gpu: 'mi300x', precision: 'fp8' })).rejects.toThrow(/no complete artifact for llama-3\.1-8b@\^2 on mi300x in fp8/);
  });
});
