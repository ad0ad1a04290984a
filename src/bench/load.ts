import http from 'node:http';
import https from 'node:https';
import { performance } from 'node:perf_hooks';
import type { BenchPrompt } from '../core/bench-dataset.js';
import type { RequestSample } from '../core/bench-stats.js';
import { quote, UserError } from '../errors.js';

/**
 * The load generator: closed-loop streaming requests against an OpenAI-compatible completions API.
 * Plain node:http with keep-alive sockets and a hand-rolled SSE splitter, so the client spends
 * microseconds per token and is never what limits the measured rate (`npm run bench client`
 * measures its ceiling).
 */

export interface LevelOptions {
  /** Server base URL (`http://host:8000`, with or without `/v1`). */
  readonly endpoint: string;
  readonly model: string;
  /** Cycled in order; request i sends prompts[i % length]. */
  readonly prompts: readonly BenchPrompt[];
  /** Requests in flight at once: each finished request is replaced by the next. */
  readonly concurrency: number;
  /** Requests in this level. */
  readonly requests: number;
  /** Per request; a request still streaming then counts as an error. */
  readonly timeoutMs?: number;
  readonly signal?: AbortSignal;
}

export interface LevelRun {
  readonly samples: RequestSample[];
  /** First send → last end. */
  readonly wallMs: number;
}

/** `http://h:p`, `http://h:p/`, `http://h:p/v1` → the completions URL. */
export function completionsUrl(endpoint: string): URL {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    throw new UserError(`endpoint must be a URL like http://127.0.0.1:8000 (got ${quote(endpoint)})`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UserError(`endpoint must be an http:// or https:// URL (got ${quote(endpoint)})`);
  const base = url.pathname.replace(/\/+$/, '');
  url.pathname = `${base.endsWith('/v1') ? base : `${base}/v1`}/completions`;
  return url;
}

/** Runs one concurrency level to completion (or until `signal` aborts it). */
export async function runLevel(opts: LevelOptions): Promise<LevelRun> {
  if (opts.prompts.length === 0) throw new Error('runLevel: no prompts');
  const url = completionsUrl(opts.endpoint);
  const mod = url.protocol === 'https:' ? https : http;
  const agent = new mod.Agent({ keepAlive: true, maxSockets: opts.concurrency, maxFreeSockets: opts.concurrency });
  const samples: RequestSample[] = [];
  let next = 0;
  let first = Infinity;
  let last = -Infinity;
  const worker = async (): Promise<void> => {
    while (next < opts.requests && !opts.signal?.aborted) {
      const prompt = opts.prompts[next++ % opts.prompts.length]!;
      const sample = await streamOne(mod, agent, url, opts, prompt);
      first = Math.min(first, sample.start);
      last = Math.max(last, sample.end);
      samples.push(sample);
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(opts.concurrency, opts.requests) }, worker));
  } finally {
    agent.destroy();
  }
  return { samples, wallMs: samples.length > 0 ? last - first : 0 };
}

interface Usage {
  prompt_tokens?: number;
  completion_tokens?: number;
}

function streamOne(mod: typeof http | typeof https, agent: http.Agent, url: URL, opts: LevelOptions, p: BenchPrompt): Promise<RequestSample> {
  const body = JSON.stringify({
    model: opts.model,
    prompt: p.prompt,
    max_tokens: p.maxTokens,
    temperature: 0,
    ignore_eos: true,
    stream: true,
    stream_options: { include_usage: true },
  });
  return new Promise((resolve) => {
    const tokenTimes: number[] = [];
    let usage: Usage | undefined;
    let settled = false;
    const start = performance.now();
    const finish = (error?: string): void => {
      if (settled) return;
      settled = true;
      const outputTokens = usage?.completion_tokens ?? tokenTimes.length;
      const sample: RequestSample = { start, end: performance.now(), tokenTimes, outputTokens, inputTokens: usage?.prompt_tokens ?? 0 };
      resolve(error === undefined ? sample : { ...sample, error });
      req.destroy();
    };
    const req = mod.request(url, {
      method: 'POST',
      agent,
      headers: { 'content-type': 'application/json', accept: 'text/event-stream', 'content-length': Buffer.byteLength(body) },
      ...(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}),
      ...(opts.signal !== undefined ? { signal: opts.signal } : {}),
    });
    req.on('timeout', () => finish(`timed out after ${(opts.timeoutMs ?? 0) / 1000} s`));
    req.on('error', (error: NodeJS.ErrnoException) => finish(error.name === 'AbortError' ? 'cancelled' : `connection error: ${error.code ?? error.message}`));
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      const type = String(res.headers['content-type'] ?? '');
      if (status !== 200 || !type.includes('text/event-stream')) {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text.length < 2000 ? (text += d) : undefined));
        res.on('end', () => finish(status !== 200 ? `HTTP ${status}${serverMessage(text)}` : `not an OpenAI completions stream (content-type ${quote(type || 'none')})`));
        res.on('error', () => finish(`HTTP ${status}`));
        return;
      }
      let buffer = '';
      let done = false;
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        const now = performance.now();
        buffer += chunk.includes('\r') ? chunk.replace(/\r\n?/g, '\n') : chunk;
        let cut: number;
        // Events end with a blank line; several may arrive in one read and share its arrival time.
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const event = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          for (const line of event.split('\n')) {
            if (!line.startsWith('data:')) continue;
            const data = line.slice(5).trim();
            if (data === '[DONE]') {
              done = true;
              continue;
            }
            let parsed: { choices?: { text?: string; delta?: { content?: string } }[]; usage?: Usage | null; error?: { message?: string } | string };
            try {
              parsed = JSON.parse(data) as typeof parsed;
            } catch {
              finish(`not an OpenAI completions stream (event ${quote(data.slice(0, 80))})`);
              return;
            }
            if (parsed.error !== undefined) {
              finish(`server error in stream: ${typeof parsed.error === 'string' ? parsed.error : (parsed.error.message ?? 'unknown')}`);
              return;
            }
            if (!Array.isArray(parsed.choices)) {
              finish(`not an OpenAI completions stream (event without choices: ${quote(data.slice(0, 80))})`);
              return;
            }
            const choice = parsed.choices[0];
            if ((choice?.text ?? choice?.delta?.content ?? '') !== '') tokenTimes.push(now);
            if (parsed.usage) usage = parsed.usage;
          }
        }
      });
      res.on('end', () => finish(done ? undefined : `stream cut after ${tokenTimes.length} tokens (no [DONE])`));
      res.on('error', () => finish(`stream cut after ${tokenTimes.length} tokens`));
      res.on('close', () => finish(done ? undefined : `stream cut after ${tokenTimes.length} tokens (connection closed)`));
    });
    req.end(body);
  });
}

/** The `message` of an OpenAI-style error body, for an HTTP error's one line. */
function serverMessage(text: string): string {
  try {
    const body = JSON.parse(text) as { message?: string; error?: { message?: string }; detail?: string };
    const message = body.error?.message ?? body.message ?? body.detail;
    return message ? `: ${message.slice(0, 160)}` : '';
  } catch {
    return text.trim() ? `: ${text.trim().slice(0, 160)}` : '';
  }
}
