import { freePort } from './free-port.js';
import { setTimeout as sleep } from 'node:timers/promises';
import { UserError } from '../errors.js';
import type { Service, Step, Toolchain } from './types.js';

/**
 * The PyTorch path's proof that the artifact serves: start `trtllm-serve` with the generated
 * config, wait for `/health` to answer 200, stream one completion to its end, stop the server.
 * The time from start to healthy is the cold start the manifest records.
 */
export interface SmokeResult {
  coldStartMs: number;
  firstTokenMs: number;
  /** The streamed text, for the log. */
  text: string;
}

export interface SmokeOptions {
  modelPath: string;
  configPath: string;
  /** How long the server may take to become healthy (loading a 70B checkpoint takes minutes). */
  timeoutMs: number;
  pollMs?: number;
}

export async function smokeStart(toolchain: Toolchain, options: SmokeOptions, signal: AbortSignal): Promise<SmokeResult> {
  const port = await freePort();
  const step: Omit<Step, 'timeoutMs'> = {
    name: 'smoke start',
    argv: ['trtllm-serve', options.modelPath, '--host', '127.0.0.1', '--port', String(port), '--backend', 'pytorch', '--config', options.configPath],
  };
  const started = performance.now();
  const service = await toolchain.start(step, signal);
  try {
    const base = `http://127.0.0.1:${port}`;
    await waitHealthy(base, service, options, signal);
    const coldStartMs = Math.round(performance.now() - started);
    const { text, firstTokenMs } = await streamOne(base, options.modelPath, signal);
    return { coldStartMs, firstTokenMs, text };
  } finally {
    await service.stop();
  }
}

async function waitHealthy(base: string, service: Service, options: SmokeOptions, signal: AbortSignal): Promise<void> {
  let exited: { exitCode: number | undefined; signal: string | undefined; tail: string[] } | undefined;
  void service.exited.then((e) => (exited = e));
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    signal.throwIfAborted();
    if (exited) {
      const how = exited.signal ? `was killed by ${exited.signal}` : `exited with status ${exited.exitCode}`;
      throw new UserError(`smoke start: trtllm-serve ${how} before /health answered; its last lines:\n${exited.tail.join('\n')}`);
    }
    const ok = await fetch(`${base}/health`, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) }).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    if (performance.now() > deadline) throw new UserError(`smoke start: trtllm-serve did not answer /health with 200 within ${Math.round(options.timeoutMs / 1000)} s`);
    await sleep(options.pollMs ?? 500, undefined, { signal }).catch(() => undefined);
  }
}

/** One streamed completion (OpenAI server-sent events), read to `data: [DONE]`. */
async function streamOne(base: string, model: string, signal: AbortSignal): Promise<{ text: string; firstTokenMs: number }> {
  const sent = performance.now();
  const response = await fetch(`${base}/v1/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, prompt: 'The capital of France is', max_tokens: 8, stream: true }),
    signal: AbortSignal.any([signal, AbortSignal.timeout(120_000)]),
  });
  if (response.status !== 200 || !response.body) throw new UserError(`smoke start: /v1/completions answered ${response.status}: ${(await response.text()).slice(0, 500)}`);
  let firstTokenMs: number | undefined;
  let text = '';
  let buffer = '';
  let done = false;
  const decoder = new TextDecoder();
  for await (const chunk of response.body) {
    buffer += decoder.decode(chunk as Uint8Array, { stream: true });
    let nl: number;
    while ((nl = buffer.indexOf('\n')) !== -1) {
      const line = buffer.slice(0, nl).trim();
      buffer = buffer.slice(nl + 1);
      if (!line.startsWith('data:')) continue;
      const data = line.slice(5).trim();
      if (data === '[DONE]') done = true;
      else {
        const piece = (JSON.parse(data) as { choices?: { text?: string }[] }).choices?.[0]?.text ?? '';
        if (piece !== '' && firstTokenMs === undefined) firstTokenMs = Math.round(performance.now() - sent);
        text += piece;
      }
    }
  }
  if (!done || firstTokenMs === undefined) throw new UserError(`smoke start: the streamed completion ended without ${done ? 'a token' : "'data: [DONE]'"}`);
  return { text, firstTokenMs };
}

