import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { deriveCells } from '../src/core/cells.js';
import { deriveEngineImages, ENGINE_IMAGE_RECIPE_VERSION, SERVERLESS_WORKER_VERSION, type EngineImageSpec } from '../src/core/engine-images.js';
import { parseMatrix } from '../src/core/parse.js';
import { renderBuildContext } from '../src/image/context.js';
import { engineRecipeDigest, renderEngineBuildContext, servingFacts } from '../src/image/engine-context.js';
import { engineImageTags } from '../src/image/engine-build.js';
import { recipeOf } from '../src/image/recipe.js';
import { RUNPOD_SDK_VERSION, runpodLayers } from '../src/image/runpod-worker.js';
import { baseMatrix, parsed, yamlOf } from './support/matrix.js';

function matrixWith(edit: (m: ReturnType<typeof baseMatrix>) => void) {
  const m = baseMatrix();
  edit(m);
  return parsed(yamlOf(m));
}

function engineImage(edit: (m: ReturnType<typeof baseMatrix>) => void, id: string): EngineImageSpec {
  const matrix = matrixWith(edit);
  const spec = deriveEngineImages(matrix, deriveCells(matrix).engines).find((s) => s.id === id);
  if (!spec) throw new Error(`no engine image ${id}`);
  return spec;
}

const tensorrt = (m: ReturnType<typeof baseMatrix>) => {
  m.toolchains.trtllm = { version: '1.2.0', image: 'nvcr.io/nvidia/tensorrt-llm/release:1.2.0', backend: 'tensorrt' };
};

describe('engine image recipe', () => {
  it('bakes the artifact in exactly one COPY and checks the GPU before trtllm-serve', () => {
    const spec = engineImage(tensorrt, 'llama-3.1-8b/h100/fp8/tp2/b1-64');
    const context = renderEngineBuildContext(spec, {});
    const dockerfile = context.files.find((f) => f.path === 'Dockerfile')!.content;
    expect(dockerfile).toContain('FROM nvcr.io/nvidia/tensorrt-llm/release:1.2.0\n');
    expect(dockerfile.match(/^COPY .*artifact.*$/gm)).toEqual(['COPY ["artifact","/engine"]']);
    // Nothing after the artifact's COPY rewrites its files (which would store them a second time).
    expect(dockerfile).not.toMatch(/chmod|chown|RUN /);
    expect(dockerfile).toContain('ENTRYPOINT ["/usr/local/bin/engine-forge-serve"]');
    expect(context.env).toMatchObject({ BACKEND: 'tensorrt', TP_SIZE: '2', MAX_BATCH_SIZE: '64', MAX_SEQ_LEN: '8192', TOKENIZER: '/engine', PORT: '8000' });
    expect(servingFacts(spec)).toMatchObject({ cell: spec.id, tp: 2, model: '/engine', gpu: { family: 'h100', computeCapability: '9.0', smiNames: ['NVIDIA H100 80GB HBM3', 'NVIDIA H100 PCIe'] } });
    expect(context.labels['dev.engine-forge.engine']).toBe(`${spec.engine.id}@${spec.engine.fingerprint}`);
  });

  it('serves the PyTorch path with serve.yaml and the baked checkpoint, or the pinned revision', () => {
    const fp8 = engineImage(() => {}, 'llama-3.1-8b/h100/fp8/tp1/b1-64');
    const ctx = renderEngineBuildContext(fp8, {});
    expect(ctx.files.find((f) => f.path === 'Dockerfile')!.content).toContain('COPY ["checkpoint","/models/meta-llama/Llama-3.1-8B-Instruct"]');
    expect(ctx.env).toMatchObject({ BACKEND: 'pytorch', CONFIG: '/engine/serve.yaml', REVISION: '', HF_HUB_OFFLINE: '1' });
    expect(servingFacts(fp8).model).toBe('/models/meta-llama/Llama-3.1-8B-Instruct');
    const bf16 = engineImage(() => {}, 'llama-3.1-8b/h100/bf16/tp1/b1-64');
    expect(renderEngineBuildContext(bf16, {}).checkpointDir).toBeUndefined();
    expect(servingFacts(bf16).model).toBe('meta-llama/Llama-3.1-8B-Instruct');
    expect(renderEngineBuildContext(bf16, {}).env.REVISION).toBe(bf16.revision);
  });

  it('is one image per cell, tagged by cell, with a fingerprint that moves with the engine, the base image and serverless', () => {
    const spec = engineImage(tensorrt, 'llama-3.1-8b/h100/fp8/tp2/b1-64');
    expect(engineImageTags(spec)).toEqual({ moving: 'llama-3.1-8b-1.4.0-fp8-h100-tp2-b1-64', immutable: `llama-3.1-8b-1.4.0-fp8-h100-tp2-b1-64-${spec.fingerprint.slice(0, 12)}` });
    const newBase = engineImage((m) => {
      tensorrt(m);
      m.toolchains.trtllm!.image = 'nvcr.io/nvidia/tensorrt-llm/release:1.2.0-post1';
    }, spec.id);
    expect(newBase.fingerprint).not.toBe(spec.fingerprint);
    const newModel = engineImage((m) => {
      tensorrt(m);
      m.models['llama-3.1-8b']!.version = '1.5.0';
    }, spec.id);
    expect(newModel.inputs['engine-fingerprint']).not.toBe(spec.inputs['engine-fingerprint']);
    const serverless = engineImage((m) => {
      tensorrt(m);
      m.serving = { serverless: 'runpod' };
    }, spec.id);
    expect(serverless.fingerprint).not.toBe(spec.fingerprint);
    // Another cell's engine does not move this image.
    const other = engineImage((m) => {
      tensorrt(m);
      m.models['qwen-2.5-7b']!.version = '3.0.0';
    }, spec.id);
    expect(other.fingerprint).toBe(spec.fingerprint);
  });

  it('an engine image of an unsupported cell is unsupported, with its reason', () => {
    const spec = engineImage(() => {}, 'llama-3.1-8b/a100-80gb/fp8/tp1/b1-64');
    expect(spec.unsupported).toMatch(/^its engine cannot be built: /);
  });
});

describe('serving.artifact: fetch', () => {
  const fetching = (m: ReturnType<typeof baseMatrix>) => {
    tensorrt(m);
    m.serving = { artifact: 'fetch' };
  };
  const list = { id: 'x', fingerprint: 'e'.repeat(64), files: [{ path: 'rank0.engine', size: 3, sha256: 'a'.repeat(64) }] };

  it('carries the file list instead of the artifact, and asks for the URL at run time', () => {
    const spec = engineImage(fetching, 'llama-3.1-8b/h100/fp8/tp1/b1-64');
    const context = renderEngineBuildContext(spec, {}, list);
    const dockerfile = context.files.find((f) => f.path === 'Dockerfile')!.content;
    expect(dockerfile).toContain('COPY artifact.json /engine-forge/artifact.json');
    expect(dockerfile).not.toContain('"artifact"');
    expect(context.artifactDir).toBeUndefined();
    expect(context.env.ENGINE_FORGE_ARTIFACT_URL).toBe('');
    expect(JSON.parse(context.files.find((f) => f.path === 'artifact.json')!.content)).toEqual(list);
    expect(spec.inputs.artifact).toBe('fetch');
    expect(engineImage(tensorrt, spec.id).inputs).not.toHaveProperty('artifact');
  });

  it('is refused on the PyTorch path, whose weights are a baked checkpoint', () => {
    const spec = engineImage((m) => {
      m.serving = { artifact: 'fetch' };
    }, 'llama-3.1-8b/h100/fp8/tp1/b1-64');
    expect(spec.unsupported).toMatch(/serving\.artifact fetch needs toolchains\.trtllm\.backend tensorrt/);
  });
});

describe('serving.serverless: runpod', () => {
  it('makes both kinds of image Runpod workers, queue mode by default', () => {
    const edit = (m: ReturnType<typeof baseMatrix>) => {
      m.serving = { serverless: 'runpod' };
    };
    const engine = renderEngineBuildContext(engineImage(edit, 'llama-3.1-8b/h100/bf16/tp1/b1-64'), {});
    const matrix = matrixWith(edit);
    const vllmSpec = deriveCells(matrix).images.find((i) => i.id === 'llama-3.1-8b/bf16/nvidia')!;
    const vllm = renderBuildContext(recipeOf(vllmSpec), {});
    for (const context of [engine, vllm]) {
      const dockerfile = context.files.find((f) => f.path === 'Dockerfile')!.content;
      expect(dockerfile).toContain(`RUN ["python3","-m","pip","install","--no-cache-dir","--target","/opt/engine-forge/runpod","runpod==${RUNPOD_SDK_VERSION}"]`);
      expect(dockerfile).toContain('ENTRYPOINT ["/usr/local/bin/engine-forge-worker"]');
      expect(context.env.ENGINE_FORGE_MODE).toBe('queue');
      expect(context.files.map((f) => f.path)).toContain('engine-forge-worker');
    }
    expect(vllmSpec.inputs.serverless).toBe('runpod');
  });

  it('leaves the vLLM images of a matrix without it exactly as they were', () => {
    const spec = deriveCells(matrixWith(() => {})).images[0]!;
    expect(spec.inputs).not.toHaveProperty('serverless');
    expect(renderBuildContext(recipeOf(spec), {}).files.map((f) => f.path)).not.toContain('engine-forge-worker');
  });

  it('refuses an unknown serverless platform, naming the key', () => {
    const m = baseMatrix();
    m.serving = { serverless: 'lambda' };
    const result = parseMatrix('m.yml', yamlOf(m));
    expect(result.problems.join('\n')).toMatch(/serving\.serverless.*runpod/);
  });
});

/**
 * Exact rebuilds, as for the vLLM images (test/image-recipe.test.ts): a change to what an engine
 * image or a serverless worker contains must come with a bump of its version, which pins the
 * build context it stands for.
 */
const ENGINE_RECIPES: Record<number, string> = {
  1: '52ea8ae1f2684a24d1e11a692d664936ed1fe602d301667510c88aba6445f048',
};
const WORKERS: Record<number, string> = {
  1: 'e3e0318c55ec557eff672e1b8f9722e5a87a84fc0d51a762fa8461152e9cfa24',
};

describe('recipe versions', () => {
  const sample = (serverless: boolean) =>
    engineImage((m) => {
      tensorrt(m);
      if (serverless) m.serving = { serverless: 'runpod' };
    }, 'llama-3.1-8b/h100/fp8/tp2/b1-64');

  it('the engine image recipe matches the build context pinned for ENGINE_IMAGE_RECIPE_VERSION', () => {
    const baked = { ...sample(false), fingerprint: '0'.repeat(64), engine: { id: 'sample', fingerprint: '1'.repeat(64) } };
    const fetching = { ...baked, artifact: 'fetch' as const };
    expect(
      createHash('sha256').update(engineRecipeDigest(baked)).update(engineRecipeDigest(fetching)).digest('hex'),
      'src/image/ renders a different engine image than its recipe version pinned: bump ENGINE_IMAGE_RECIPE_VERSION in src/core/engine-images.ts and pin the new digest here',
    ).toBe(ENGINE_RECIPES[ENGINE_IMAGE_RECIPE_VERSION]);
  });

  it('the Runpod worker matches the one pinned for SERVERLESS_WORKER_VERSION', () => {
    const layers = runpodLayers();
    const digest = createHash('sha256').update(JSON.stringify(layers)).digest('hex');
    expect(digest, 'the Runpod worker changed: bump SERVERLESS_WORKER_VERSION in src/core/engine-images.ts and pin the new digest here').toBe(WORKERS[SERVERLESS_WORKER_VERSION]);
    expect(sample(true).inputs).toMatchObject({ serverless: 'runpod', worker: SERVERLESS_WORKER_VERSION });
  });
});
