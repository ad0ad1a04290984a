import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { execa } from 'execa';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { runpodWorkerScript } from '../src/image/runpod-worker.js';
import { freePort } from '../src/build/free-port.js';

// The Runpod worker with the real runpod SDK (PyPI, scripts/services/runpod-venv.sh) in both of its
// local modes, and in load-balancing mode: every request goes through the worker to the
// trtllm-serve stand-in (an OpenAI-compatible server) and back.

const PYTHON = process.env.EF_RUNPOD_PYTHON;
if (!PYTHON) throw new Error('EF_RUNPOD_PYTHON is not set: run `bash scripts/services/runpod-venv.sh && source .engine-forge/services/runpod-venv.env` (npm test does both)');
const TRTLLM_SERVE = path.resolve(import.meta.dirname, 'support/bin/trtllm-serve');

let dir = '';
const running: ReturnType<typeof worker>[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ef-runpod-'));
  await writeFile(path.join(dir, 'worker'), runpodWorkerScript(), { mode: 0o755 });
  await mkdir(path.join(dir, 'model'));
  await writeFile(path.join(dir, 'model/config.json'), JSON.stringify({ architectures: ['LlamaForCausalLM'] }));
  // The image's serve entry point, as the worker calls it: `engine-forge-serve --host H --port P`.
  await writeFile(path.join(dir, 'serve'), `#!/bin/sh\nexec python3 ${TRTLLM_SERVE} ${path.join(dir, 'model')} "$@"\n`, { mode: 0o755 });
  await writeFile(path.join(dir, 'refused'), '#!/bin/sh\necho "engine-forge: refusing to start: wrong GPU" >&2\nexit 78\n', { mode: 0o755 });
});
afterEach(async () => {
  for (const p of running.splice(0)) {
    p.kill('SIGTERM');
    await p.catch(() => undefined);
  }
});
afterAll(async () => rm(dir, { recursive: true, force: true }));


function worker(mode: string, args: string[], env: Record<string, string> = {}) {
  return execa(PYTHON!, [path.join(dir, 'worker'), ...args], {
    env: { ENGINE_FORGE_MODE: mode, ENGINE_FORGE_SERVE: path.join(dir, 'serve'), EF_FAKE_SERVE_LOAD_S: '0.5', ...env },
    reject: false,
    all: true,
  });
}

async function until<T>(probe: () => Promise<T | undefined>): Promise<T> {
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    await sleep(100);
  }
}

const completion = { openai_route: '/v1/completions', openai_input: { model: 'm', prompt: 'hello', max_tokens: 3 } };
const streamed = { openai_route: '/v1/chat/completions', openai_input: { model: 'm', messages: [{ role: 'user', content: 'hi' }], max_tokens: 3, stream: true } };

describe('queue mode, --test_input', () => {
  it('forwards an OpenAI completion to the local server and returns its answer', async () => {
    const run = await worker('queue', ['--test_input', JSON.stringify({ input: completion }), '--rp_log_level', 'INFO'], { ENGINE_FORGE_UPSTREAM_PORT: String(await freePort()) });
    expect(run.exitCode).toBe(0);
    expect(run.all).toContain('Job local_test completed successfully.');
    expect(run.all).toMatch(/Job result: \{'output': \[\{'id': 'cmpl-[^']+', 'object': 'text_completion'.*'text': ' tok0 tok1 tok2'/);
  });

  it('hands a streamed chat back as its chunks', async () => {
    const run = await worker('queue', ['--test_input', JSON.stringify({ input: streamed })], { ENGINE_FORGE_UPSTREAM_PORT: String(await freePort()) });
    expect(run.exitCode).toBe(0);
    const result = (run.all ?? '').split('\n').find((l) => l.includes('Job result:')) ?? '';
    const deltas = [...result.matchAll(/'delta': \{'content': '([^']*)'\}/g)].map((m) => m[1]);
    expect(deltas).toEqual([' tok0', ' tok1', ' tok2']);
  });

  it('fails the job, naming the routes, for an input without a known openai_route', async () => {
    const run = await worker('queue', ['--test_input', JSON.stringify({ input: { prompt: 'hi' } })], { ENGINE_FORGE_UPSTREAM_PORT: String(await freePort()) });
    expect(run.exitCode).toBe(1);
    expect(run.all).toContain('input.openai_route must be one of /v1/chat/completions, /v1/completions, /v1/models (got None)');
  });

  it("ends with the server's status when the server refuses to start", async () => {
    const run = await worker('queue', ['--test_input', JSON.stringify({ input: completion })], { ENGINE_FORGE_SERVE: path.join(dir, 'refused') });
    expect(run.exitCode).toBe(78);
    expect(run.all).toContain('refusing to start: wrong GPU');
    expect(run.all).not.toContain('Starting Serverless Worker');
  });
});

describe('queue mode, --rp_serve_api', () => {
  it('answers /runsync and streams a /run job through the handler', async () => {
    const api = await freePort();
    const p = worker('queue', ['--rp_serve_api', '--rp_api_port', String(api), '--rp_api_host', '127.0.0.1'], { ENGINE_FORGE_UPSTREAM_PORT: String(await freePort()) });
    running.push(p);
    const post = (route: string, body: unknown) =>
      fetch(`http://127.0.0.1:${api}${route}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }).then(async (r) => ({ status: r.status, body: (await r.json()) as Record<string, unknown> }));

    const sync = await until(() => post('/runsync', { input: completion }));
    expect(sync.status).toBe(200);
    expect(sync.body.status).toBe('COMPLETED');
    const [answer] = sync.body.output as { choices: { text: string }[]; usage: { completion_tokens: number } }[];
    expect(answer!.choices[0]!.text).toBe(' tok0 tok1 tok2');
    expect(answer!.usage.completion_tokens).toBe(3);

    const queued = await post('/run', { input: { ...streamed, openai_input: { ...streamed.openai_input, stream_options: { include_usage: true } } } });
    expect(queued.body.status).toBe('IN_PROGRESS');
    const stream = (await (await fetch(`http://127.0.0.1:${api}/stream/${String(queued.body.id)}`, { method: 'POST' })).json()) as { status: string; stream: { output: { choices: { delta?: { content: string } }[]; usage: unknown } }[] };
    expect(stream.status).toBe('COMPLETED');
    expect(stream.stream.map((s) => s.output.choices[0]?.delta?.content ?? null)).toEqual([' tok0', ' tok1', ' tok2', null]);
    expect(stream.stream.at(-1)!.output.usage).toEqual({ prompt_tokens: 1, completion_tokens: 3, total_tokens: 4 });
  });
});

describe('load-balancing mode', () => {
  it('answers /ping 204 while the model loads, 200 once ready, and proxies a stream on the same port', async () => {
    const port = await freePort();
    const p = worker('load-balancer', [], { PORT: String(port), PORT_HEALTH: String(port), ENGINE_FORGE_UPSTREAM_PORT: String(await freePort()), EF_FAKE_SERVE_LOAD_S: '3' });
    running.push(p);
    const ping = () => fetch(`http://127.0.0.1:${port}/ping`).then((r) => r.status);
    const first = await until(ping);
    expect(first).toBe(204);
    await until(async () => ((await ping()) === 200 ? true : undefined));

    const response = await fetch(`http://127.0.0.1:${port}/v1/completions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ...completion.openai_input, stream: true }) });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const events = (await response.text()).split('\n').filter((l) => l.startsWith('data: '));
    expect(events.at(-1)).toBe('data: [DONE]');
    expect(events.slice(0, 3).map((e) => (JSON.parse(e.slice(6)) as { choices: { text: string }[] }).choices[0]!.text)).toEqual([' tok0', ' tok1', ' tok2']);
  });

  it('runs the server on PORT itself and /ping on PORT_HEALTH when they differ', async () => {
    const [port, health] = [await freePort(), await freePort()];
    const p = worker('load-balancer', [], { PORT: String(port), PORT_HEALTH: String(health) });
    running.push(p);
    await until(async () => ((await fetch(`http://127.0.0.1:${health}/ping`)).status === 200 ? true : undefined));
    const models = (await (await fetch(`http://127.0.0.1:${port}/v1/models`)).json()) as { data: { owned_by: string }[] };
    expect(models.data[0]!.owned_by).toBe('tensorrt_llm');
    expect((await fetch(`http://127.0.0.1:${port}/ping`)).status).toBe(404);
  });
});
