import { describe, expect, it } from 'vitest';
import { UserError } from '../src/errors.js';
import { dockerfileString, imageLabels, renderBuildContext, renderDockerfile } from '../src/image/context.js';
import type { ImageRecipe } from '../src/image/recipe.js';
import { imageRecipeDigest } from '../src/image/recipe-digest.js';
import { FETCH_PATH, SERVE_PATH } from '../src/image/scripts.js';
import { servingEnvironment } from '../src/image/serving.js';

const recipe: ImageRecipe = {
  id: 'llama-3.1-8b/fp8/nvidia',
  model: 'llama-3.1-8b',
  version: '1.4.0',
  source: 'meta-llama/Llama-3.1-8B-Instruct',
  revision: '0e9e39f249a16976918f6564b8830bc894c89659',
  precision: 'fp8',
  vendor: 'nvidia',
  baseImage: 'vllm/vllm-openai:v0.11.0',
  vllmVersion: '0.11.0',
  maxModelLen: 8192,
  maxNumSeqs: 256,
  tensorParallelSize: 1,
  bakeWeights: false,
  trustRemoteCode: false,
  fingerprint: 'ab'.repeat(32),
};

function instructions(dockerfile: string): string[] {
  return dockerfile
    .replace(/\\\n\s*/g, ' ')
    .split('\n')
    .filter((l) => l !== '' && !l.startsWith('#'));
}

describe('renderDockerfile', () => {
  it('extends the base and bakes the serving defaults without downloading weights', () => {
    const lines = instructions(renderDockerfile(recipe, {}));
    expect(lines[0]).toBe('FROM vllm/vllm-openai:v0.11.0');
    expect(lines.some((l) => l.startsWith('RUN'))).toBe(false);
    expect(lines).toContain(`COPY engine-forge-serve ${SERVE_PATH}`);
    expect(lines).toContain(`ENTRYPOINT ["${SERVE_PATH}"]`);
    const env = lines.find((l) => l.startsWith('ENV '));
    expect(env).toContain('MODEL_NAME="meta-llama/Llama-3.1-8B-Instruct"');
    expect(env).toContain('MODEL_REVISION="0e9e39f249a16976918f6564b8830bc894c89659"');
    expect(env).toContain('MAX_MODEL_LEN="8192"');
    expect(env).toContain('MAX_NUM_SEQS="256"');
    expect(env).toContain('QUANTIZATION="fp8"');
    expect(env).not.toContain('HF_HUB_OFFLINE');
  });

  it('bakes weights with a secret mount and an exec-form RUN, before the often-changing layers', () => {
    const dockerfile = renderDockerfile({ ...recipe, bakeWeights: true }, { revision: 'c0ffee' });
    const lines = instructions(dockerfile);
    const run = lines.findIndex((l) => l.startsWith('RUN '));
    expect(lines[run]).toBe(
      `RUN --mount=type=secret,id=hf_token ["${FETCH_PATH}","meta-llama/Llama-3.1-8B-Instruct","0e9e39f249a16976918f6564b8830bc894c89659","/models/meta-llama/Llama-3.1-8B-Instruct"]`,
    );
    expect(run).toBeLessThan(lines.findIndex((l) => l.startsWith('ENV ')));
    expect(run).toBeLessThan(lines.findIndex((l) => l.startsWith('LABEL ')));
    // The token has no other way in: no ARG, no ENV of it.
    expect(dockerfile).not.toMatch(/^ARG/m);
    expect(dockerfile).not.toContain('HF_TOKEN');
    const env = lines.find((l) => l.startsWith('ENV '));
    expect(env).toContain('MODEL_NAME="/models/meta-llama/Llama-3.1-8B-Instruct"');
    expect(env).toContain('MODEL_REVISION=""');
    expect(env).toContain('HF_HUB_OFFLINE="1"');
  });

  it('escapes what a Dockerfile would expand and refuses line breaks', () => {
    expect(dockerfileString('a"b\\c$HOME', 'x')).toBe('"a\\"b\\\\c\\$HOME"');
    expect(() => dockerfileString('a\nFROM evil', 'ENV MODEL_NAME')).toThrow(UserError);
    const dockerfile = renderDockerfile({ ...recipe, source: 'org/$(reboot)' }, {});
    expect(dockerfile).toContain('MODEL_NAME="org/\\$(reboot)"');
  });

  it('refuses a base image that is not one image reference', () => {
    expect(() => renderDockerfile({ ...recipe, baseImage: 'vllm/vllm-openai:v1\nRUN rm -rf /' }, {})).toThrow(/not a valid image reference/);
    expect(() => renderDockerfile({ ...recipe, baseImage: 'a b' }, {})).toThrow(UserError);
    expect(renderDockerfile({ ...recipe, baseImage: 'ghcr.io/x/vllm@sha256:' + 'a'.repeat(64) }, {})).toContain('FROM ghcr.io/x/vllm@sha256:');
  });
});

describe('imageLabels', () => {
  it('sets the OCI source and revision only when known', () => {
    const none = imageLabels(recipe, {});
    expect(none).not.toHaveProperty('org.opencontainers.image.source');
    expect(none).not.toHaveProperty('org.opencontainers.image.revision');
    expect(none['org.opencontainers.image.version']).toBe('1.4.0');
    expect(none['dev.engine-forge.fingerprint']).toBe(recipe.fingerprint);
    const known = imageLabels(recipe, { source: 'https://github.com/acme/models', revision: 'c0ffee' });
    expect(known['org.opencontainers.image.source']).toBe('https://github.com/acme/models');
    expect(known['org.opencontainers.image.revision']).toBe('c0ffee');
  });
});

describe('precision → vLLM flags', () => {
  it.each([
    ['fp16', 'float16', ''],
    ['bf16', 'bfloat16', ''],
    ['fp8', 'auto', 'fp8'],
  ] as const)('%s from the source serves with --dtype %s and quantization %j', (precision, dtype, quantization) => {
    const env = servingEnvironment({ ...recipe, precision });
    expect(env.DTYPE).toBe(dtype);
    expect(env.QUANTIZATION).toBe(quantization);
  });

  it.each([
    ['fp8', 'modelopt'],
    ['nvfp4', 'modelopt_fp4'],
  ] as const)('%s from a checkpoint serves it with --quantization %s, offline', (precision, quantization) => {
    const env = servingEnvironment({ ...recipe, precision, checkpoint: { id: `llama-3.1-8b/${precision}`, fingerprint: 'cd'.repeat(32) } });
    expect(env).toMatchObject({ DTYPE: 'auto', QUANTIZATION: quantization, MODEL_NAME: '/models/meta-llama/Llama-3.1-8B-Instruct', MODEL_REVISION: '', HF_HUB_OFFLINE: '1' });
  });

  it('has no flags for a precision vLLM cannot serve, rather than serve the source under its label', () => {
    expect(() => servingEnvironment({ ...recipe, precision: 'int4_awq' })).toThrow(/int4_awq cannot be served from the source weights/);
    expect(() => servingEnvironment({ ...recipe, precision: 'int4_awq', checkpoint: { id: 'x/int4_awq', fingerprint: 'cd'.repeat(32) } })).toThrow(/no loader for a int4_awq checkpoint/);
  });

  it('maps the KV-cache type and trust-remote-code', () => {
    expect(servingEnvironment(recipe)).toMatchObject({ KV_CACHE_DTYPE: '', TRUST_REMOTE_CODE: '' });
    expect(servingEnvironment({ ...recipe, kvCacheDtype: 'fp8', trustRemoteCode: true })).toMatchObject({ KV_CACHE_DTYPE: 'fp8', TRUST_REMOTE_CODE: 'true' });
    // vLLM has no INT8 KV cache: it serves with the model's dtype rather than fail to start.
    expect(servingEnvironment({ ...recipe, kvCacheDtype: 'int8' }).KV_CACHE_DTYPE).toBe('');
  });

  it('labels what the weights are', () => {
    expect(imageLabels(recipe, {})['dev.engine-forge.checkpoint']).toBe('source');
    const labels = imageLabels({ ...recipe, checkpoint: { id: 'llama-3.1-8b/fp8', fingerprint: 'cd'.repeat(32) } }, {});
    expect(labels['dev.engine-forge.checkpoint']).toBe(`llama-3.1-8b/fp8@${'cd'.repeat(32)}`);
    expect(labels['dev.engine-forge.weights']).toBe('baked-checkpoint');
  });
});

describe('renderBuildContext', () => {
  it('ships the fetch script and asks for the token secret only when baking', () => {
    const plain = renderBuildContext(recipe, {});
    expect(plain.files.map((f) => f.path)).toEqual(['Dockerfile', 'engine-forge-serve']);
    expect(plain.secrets).toEqual([]);
    const baked = renderBuildContext({ ...recipe, bakeWeights: true }, {});
    expect(baked.files.map((f) => [f.path, f.mode])).toEqual([
      ['Dockerfile', 0o644],
      ['engine-forge-serve', 0o755],
      ['engine-forge-fetch', 0o755],
    ]);
    expect(baked.secrets).toEqual(['hf_token']);
  });

  it('copies a checkpoint from the context instead of fetching the source, with no token', () => {
    const context = renderBuildContext({ ...recipe, bakeWeights: true, checkpoint: { id: 'llama-3.1-8b/fp8', fingerprint: 'cd'.repeat(32) } }, {});
    expect(context.files.map((f) => f.path)).toEqual(['Dockerfile', 'engine-forge-serve']);
    expect(context.secrets).toEqual([]);
    expect(context.checkpointDir).toBe('checkpoint');
    const lines = instructions(context.files[0]!.content);
    expect(lines).toContain('COPY ["checkpoint","/models/meta-llama/Llama-3.1-8B-Instruct"]');
    expect(lines.some((l) => l.startsWith('RUN'))).toBe(false);
    expect(context.files[0]!.content).not.toContain(FETCH_PATH);
  });

  it('is a pure function of the recipe and provenance', () => {
    expect(renderBuildContext(recipe, { revision: 'x' })).toEqual(renderBuildContext({ ...recipe }, { revision: 'x' }));
    expect(imageRecipeDigest()).toMatch(/^[0-9a-f]{64}$/);
    expect(imageRecipeDigest()).toBe(imageRecipeDigest());
  });
});
