#!/usr/bin/env node
// A stand-in OpenAI-compatible server that streams at a known rate, for measuring the load
// generator itself (tests and `npm run bench client`). Each streamed completion sends its first
// token TTFT ms after the request arrived and the next ones every ITL ms, scheduled against the
// request's own clock so timer drift does not add up; usage is exact (prompt words, max_tokens).
//
//   openai-standin.mjs [--host 127.0.0.1] [--port 0] [--model NAME] [--ttft-ms 50] [--itl-ms 10]
//                      [--load-ms 0] [--fail-every N] [--cut-after N] [--status-fail 503]
//
// --load-ms     /health answers 503 for this long after start (a known cold start)
// --fail-every  every Nth completion request answers --status-fail with an OpenAI error body
// --cut-after   every stream is cut (socket destroyed) after this many tokens
// Prints `listening on http://HOST:PORT` once it accepts connections. Exits on SIGTERM/SIGINT.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';

const { values: o } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    model: { type: 'string', default: 'standin' },
    'ttft-ms': { type: 'string', default: '50' },
    'itl-ms': { type: 'string', default: '10' },
    'load-ms': { type: 'string', default: '0' },
    'fail-every': { type: 'string', default: '0' },
    'cut-after': { type: 'string', default: '0' },
    'status-fail': { type: 'string', default: '503' },
  },
});
const ttftMs = Number(o['ttft-ms']);
const itlMs = Number(o['itl-ms']);
const failEvery = Number(o['fail-every']);
const cutAfter = Number(o['cut-after']);
const readyAt = performance.now() + Number(o['load-ms']);
let completions = 0;

function json(res, status, body) {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) });
  res.end(data);
}

function stream(res, body, arrived) {
  const n = Math.max(1, Number(body.max_tokens) || 16);
  const promptTokens = Math.max(1, String(body.prompt ?? '').split(/\s+/).filter(Boolean).length);
  const includeUsage = Boolean(body.stream_options?.include_usage);
  const id = `cmpl-standin-${completions}`;
  const created = Math.floor(Date.now() / 1000);
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
  const head = `data: {"id":"${id}","object":"text_completion","created":${created},"model":${JSON.stringify(o.model)},"choices":[{"index":0,"text":" tok","logprobs":null,"finish_reason":`;
  let sent = 0;
  let timer;
  const tick = () => {
    // Send every token that is due (a late timer catches up rather than stretching the stream).
    const now = performance.now();
    while (sent < n && arrived + ttftMs + sent * itlMs <= now + 0.5) {
      if (cutAfter > 0 && sent >= cutAfter) {
        res.socket?.destroySoon(); // after what was written has gone out
        return;
      }
      sent++;
      res.write(`${head}${sent === n ? '"length"' : 'null'}}],"usage":null}\n\n`);
    }
    if (sent < n) {
      timer = setTimeout(tick, Math.max(0, arrived + ttftMs + sent * itlMs - performance.now()));
      return;
    }
    if (includeUsage) {
      const usage = { prompt_tokens: promptTokens, completion_tokens: n, total_tokens: promptTokens + n };
      res.write(`data: ${JSON.stringify({ id, object: 'text_completion', created, model: o.model, choices: [], usage })}\n\n`);
    }
    res.end('data: [DONE]\n\n');
  };
  res.on('close', () => clearTimeout(timer));
  timer = setTimeout(tick, Math.max(0, arrived + ttftMs - performance.now()));
}

const server = http.createServer((req, res) => {
  const arrived = performance.now();
  if (req.method === 'GET' && req.url === '/health') {
    if (performance.now() < readyAt) return json(res, 503, { detail: 'Service Unavailable' });
    res.writeHead(200, { 'content-length': 0 });
    return res.end();
  }
  if (req.method === 'GET' && req.url === '/v1/models') {
    return json(res, 200, { object: 'list', data: [{ id: o.model, object: 'model', created: 0, owned_by: 'standin' }] });
  }
  if (req.method !== 'POST' || req.url !== '/v1/completions') return json(res, 404, { detail: 'Not Found' });
  let raw = '';
  req.setEncoding('utf8');
  req.on('data', (d) => (raw += d));
  req.on('end', () => {
    let body;
    try {
      body = JSON.parse(raw);
    } catch {
      return json(res, 400, { object: 'error', message: 'invalid JSON body', type: 'BadRequestError', code: 400 });
    }
    if (performance.now() < readyAt) return json(res, 503, { detail: 'Service Unavailable' });
    completions++;
    if (failEvery > 0 && completions % failEvery === 0) {
      const status = Number(o['status-fail']);
      return json(res, status, { object: 'error', message: `stand-in failure ${completions}`, type: 'InternalServerError', code: status });
    }
    if (!body.stream) {
      const n = Math.max(1, Number(body.max_tokens) || 16);
      return json(res, 200, { id: 'cmpl-standin', object: 'text_completion', model: o.model, choices: [{ index: 0, text: ' tok'.repeat(n), finish_reason: 'length' }] });
    }
    stream(res, body, arrived);
  });
});
server.keepAliveTimeout = 60_000;
server.listen(Number(o.port), o.host, () => {
  const { port } = server.address();
  process.stdout.write(`listening on http://${o.host}:${port}\n`);
});
for (const signal of ['SIGTERM', 'SIGINT']) process.on(signal, () => process.exit(0));
