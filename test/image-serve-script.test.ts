import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveScript } from '../src/image/scripts.js';

// The entry point runs for real under the host's /bin/sh (dash), with a `vllm` on PATH that prints its argv.
let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ef-serve-'));
  await writeFile(join(dir, 'serve'), serveScript());
  await writeFile(join(dir, 'vllm'), '#!/bin/sh\nfor a in "$@"; do printf "%s\\n" "$a"; done\n');
  await chmod(join(dir, 'vllm'), 0o755);
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const defaults = {
  MODEL_NAME: 'org/model',
  MODEL_REVISION: 'abc123',
  SERVED_MODEL_NAME: '',
  MAX_MODEL_LEN: '8192',
  MAX_NUM_SEQS: '64',
  TENSOR_PARALLEL_SIZE: '1',
  DTYPE: 'auto',
  QUANTIZATION: 'fp8',
  KV_CACHE_DTYPE: '',
  TRUST_REMOTE_CODE: '',
};

async function serve(args: string[], env: Record<string, string> = {}): Promise<string[]> {
  const { stdout } = await execa('/bin/sh', [join(dir, 'serve'), ...args], {
    env: { PATH: `${dir}:/usr/bin:/bin`, ...defaults, ...env },
    extendEnv: false,
  });
  return stdout.split('\n');
}

describe('engine-forge-serve', () => {
  it('turns the environment into vllm serve flags', async () => {
    expect(await serve([])).toEqual([
      'serve', 'org/model',
      '--revision', 'abc123',
      '--max-model-len', '8192',
      '--max-num-seqs', '64',
      '--tensor-parallel-size', '1',
      '--dtype', 'auto',
      '--quantization', 'fp8',
    ]);
  });

  it('lets a flag on the command line replace its default, in either form', async () => {
    const argv = await serve(['--max-num-seqs', '8', '--tensor-parallel-size=4', '--gpu-memory-utilization', '0.8']);
    expect(argv.filter((a) => a.startsWith('--max-num-seqs') || a.startsWith('--tensor-parallel-size'))).toEqual([
      '--max-num-seqs', '--tensor-parallel-size=4',
    ]);
    expect(argv.slice(-5)).toEqual(['--max-num-seqs', '8', '--tensor-parallel-size=4', '--gpu-memory-utilization', '0.8']);
  });

  it('drops a default whose variable is emptied at run time, and follows changed variables', async () => {
    const argv = await serve([], { QUANTIZATION: '', MAX_MODEL_LEN: '4096' });
    expect(argv).not.toContain('--quantization');
    expect(argv.slice(argv.indexOf('--max-model-len'), argv.indexOf('--max-model-len') + 2)).toEqual(['--max-model-len', '4096']);
  });

  it('adds --trust-remote-code only when the variable is true, and never twice', async () => {
    expect(await serve([], { TRUST_REMOTE_CODE: 'true' })).toContain('--trust-remote-code');
    expect(await serve([], { TRUST_REMOTE_CODE: 'false' })).not.toContain('--trust-remote-code');
    expect((await serve(['--trust-remote-code'], { TRUST_REMOTE_CODE: 'true' })).filter((a) => a === '--trust-remote-code')).toHaveLength(1);
    expect(await serve([], { KV_CACHE_DTYPE: 'fp8' })).toEqual(expect.arrayContaining(['--kv-cache-dtype', 'fp8']));
  });

  it('passes values with spaces and shell syntax through as single arguments', async () => {
    const argv = await serve(['--chat-template', '{{ x }}; $(reboot)'], { SERVED_MODEL_NAME: 'my model' });
    expect(argv).toContain('my model');
    expect(argv.at(-1)).toBe('{{ x }}; $(reboot)');
  });

  it('leaves the positional model out when --model is given', async () => {
    const argv = await serve(['--model', 'other/model']);
    expect(argv[1]).not.toBe('org/model');
    expect(argv.slice(-2)).toEqual(['--model', 'other/model']);
  });

  it('runs a command instead when the first argument is not a flag', async () => {
    const { stdout } = await execa('/bin/sh', [join(dir, 'serve'), 'echo', 'hello'], { env: { PATH: '/usr/bin:/bin' }, extendEnv: false });
    expect(stdout).toBe('hello');
  });
});
