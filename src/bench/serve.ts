import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Service } from '../build/types.js';
import { quote, UserError } from '../errors.js';
import { runLevel } from './load.js';

/**
 * A serving process's cold start, as the seed article means it: process start → `/health` 200 →
 * first streamed token. Also the checks that an endpoint really is an OpenAI completions server.
 */

export interface ColdStart {
  healthyS: number;
  firstTokenS: number;
}

/** GET a path; the status and body, or undefined when nothing answered (refused, reset, timeout). */
export function get(base: string, pathname: string, timeoutMs = 5000): Promise<{ status: number; body: string } | undefined> {
  const url = new URL(pathname, base.endsWith('/') ? base : `${base}/`);
  const mod = url.protocol === 'https:' ? https : http;
  return new Promise((resolve) => {
    const req = mod.get(url, { timeout: timeoutMs }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body.length < 65536 ? (body += d) : undefined));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', () => resolve(undefined));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve(undefined));
  });
}

function tailText(tail: readonly string[]): string {
  return tail.length > 0 ? `; its last lines:\n${tail.slice(-20).map((l) => `  ${l}`).join('\n')}` : '';
}

/**
 * Waits for `/health` 200, then streams one completion and times its first token; both from
 * `startedAt` (performance.now() when the process was started). Fails with the server's last lines
 * when it exits first or is not healthy within `timeoutMs` (then it is stopped).
 */
export async function measureColdStart(opts: { name: string; endpoint: string; model: string; service: Service; startedAt: number; timeoutMs: number; signal?: AbortSignal; pollMs?: number }): Promise<ColdStart> {
  let exited: { exitCode: number | undefined; signal: string | undefined; tail: string[] } | undefined;
  void opts.service.exited.then((e) => (exited = e));
  const deadline = opts.startedAt + opts.timeoutMs;
  let healthyAt: number | undefined;
  while (healthyAt === undefined) {
    if (opts.signal?.aborted) throw new UserError(`${opts.name}: cancelled while waiting for /health`);
    if (exited) throw new UserError(`${opts.name} exited (${exited.signal ?? `code ${exited.exitCode}`}) before /health answered 200${tailText(exited.tail)}`);
    const answer = await get(opts.endpoint, 'health', 5000);
    if (answer?.status === 200) healthyAt = performance.now();
    else if (performance.now() > deadline) {
      await opts.service.stop();
      const end = await opts.service.exited;
      throw new UserError(`${opts.name} did not answer /health with 200 within ${Math.round(opts.timeoutMs / 1000)} s (last answer: ${answer ? `HTTP ${answer.status}` : 'no connection'}); it was stopped${tailText(end.tail)}`);
    } else await sleep(opts.pollMs ?? 250);
  }
  const first = await runLevel({ endpoint: opts.endpoint, model: opts.model, prompts: [{ prompt: 'Hello', maxTokens: 4 }], concurrency: 1, requests: 1, timeoutMs: opts.timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) });
  const sample = first.samples[0]!;
  if (sample.error !== undefined || sample.tokenTimes.length === 0) {
    throw new UserError(`${opts.name} answered /health but its first completion failed: ${sample.error ?? 'no token streamed'}`);
  }
  return { healthyS: (healthyAt - opts.startedAt) / 1000, firstTokenS: (sample.tokenTimes[0]! - opts.startedAt) / 1000 };
}

/**
 * An already-running `endpoint`: its served model (from /v1/models) and proof that it streams
 * OpenAI completions. Each failure says what the endpoint answered instead.
 */
export async function probeEndpoint(endpoint: string, model: string | undefined): Promise<string> {
  const models = await get(endpoint.replace(/\/v1\/?$/, ''), 'v1/models');
  if (!models) throw new UserError(`endpoint ${quote(endpoint)} does not answer (GET /v1/models): is the server running and reachable from this runner?`);
  let id: string | undefined;
  try {
    const body = JSON.parse(models.body) as { data?: { id?: unknown }[] };
    id = typeof body.data?.[0]?.id === 'string' ? body.data[0].id : undefined;
  } catch {
    id = undefined;
  }
  if (models.status !== 200 || id === undefined) {
    throw new UserError(`endpoint ${quote(endpoint)} is not an OpenAI-compatible server: GET /v1/models answered HTTP ${models.status} ${quote(models.body.slice(0, 120))}, not a model list`);
  }
  const served = model ?? id;
  const probe = await runLevel({ endpoint, model: served, prompts: [{ prompt: 'Hello', maxTokens: 2 }], concurrency: 1, requests: 1, timeoutMs: 120_000 });
  const error = probe.samples[0]!.error;
  if (error !== undefined) throw new UserError(`endpoint ${quote(endpoint)} did not stream an OpenAI completion for model ${quote(served)}: ${error}`);
  return served;
}
