import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { completionsUrl, runLevel } from '../src/bench/load.js';
import { syntheticPrompts } from '../src/core/bench-dataset.js';
import { summarizeLevel } from '../src/core/bench-stats.js';
import { startStandin, type Standin } from './support/openai-standin.js';

// The stand-in streams its first token TTFT ms after a request arrives and the next every ITL ms.
// The generator must report those figures: never below them (it cannot see a token before it is
// sent) and above them by no more than loopback and scheduling noise — generous bounds, since CI's
// two cores are shared with everything else; the exact agreement is measured in `npm run bench -- client`.
const TTFT = 120;
const ITL = 15;
const OUT = 20;
const prompts = syntheticPrompts({ count: 8, inputLen: 32, outputLen: OUT, seed: 1 });

describe('load generator against a stand-in that streams at a known rate', () => {
  let server: Standin;
  beforeAll(async () => {
    server = await startStandin(['--ttft-ms', String(TTFT), '--itl-ms', String(ITL), '--model', 'm']);
  });
  afterAll(() => server.stop());

  it('measures the known TTFT, ITL, TPOT and rate, with exact usage counts', async () => {
    const concurrency = 4;
    const requests = 16;
    const run = await runLevel({ endpoint: server.url, model: 'm', prompts, concurrency, requests });
    const s = summarizeLevel(concurrency, run.samples, run.wallMs);
    expect(s.errors).toBe(0);
    expect(s.completed).toBe(requests);
    expect(s.outputTokens).toBe(requests * OUT);
    expect(s.inputTokens).toBe(requests * 32);
    expect(s.ttftMs.p50).toBeGreaterThanOrEqual(TTFT);
    expect(s.ttftMs.p50).toBeLessThan(TTFT * 1.5);
    expect(s.itlMs.mean).toBeGreaterThan(ITL * 0.9);
    expect(s.itlMs.mean).toBeLessThan(ITL * 1.5);
    expect(s.tpotMs.p50).toBeGreaterThanOrEqual(ITL * 0.95);
    expect(s.tpotMs.p50).toBeLessThan(ITL * 1.5);
    // Closed loop: 4 streams each of ≈ TTFT + (OUT − 1)·ITL; the rate is OUT tokens per stream per request time.
    const perRequestS = (TTFT + (OUT - 1) * ITL) / 1000;
    const ideal = (concurrency * OUT) / perRequestS;
    expect(s.outputTokensPerS).toBeLessThanOrEqual(ideal * 1.01);
    expect(s.outputTokensPerS).toBeGreaterThan(ideal * 0.6);
  });

  it('accepts the endpoint with or without /v1 and rejects a non-URL by name', () => {
    expect(completionsUrl('http://h:1').href).toBe('http://h:1/v1/completions');
    expect(completionsUrl('http://h:1/v1/').href).toBe('http://h:1/v1/completions');
    expect(completionsUrl('https://h/proxy').href).toBe('https://h/proxy/v1/completions');
    expect(() => completionsUrl('h:8000x')).toThrow(/endpoint must be/);
    expect(() => completionsUrl('localhost 8000')).toThrow("endpoint must be a URL like http://127.0.0.1:8000 (got 'localhost 8000')");
  });
});

describe('load generator faults: counted and reported, never averaged away', () => {
  it('5xx answers are errors with the server message; the rest are measured', async () => {
    const server = await startStandin(['--ttft-ms', '5', '--itl-ms', '1', '--fail-every', '3']);
    try {
      const run = await runLevel({ endpoint: server.url, model: 'standin', prompts, concurrency: 2, requests: 9 });
      const s = summarizeLevel(2, run.samples, run.wallMs);
      expect(s.errors).toBe(3);
      expect(s.completed).toBe(6);
      expect(s.errorKinds.map((k) => k.error)).toEqual(expect.arrayContaining([expect.stringMatching(/^HTTP 503: stand-in failure \d+$/)]));
      expect(s.outputTokens).toBe(6 * OUT);
    } finally {
      await server.stop();
    }
  });

  it('a stream cut mid-way is an error naming how far it got', async () => {
    const server = await startStandin(['--ttft-ms', '5', '--itl-ms', '1', '--cut-after', '7']);
    try {
      const run = await runLevel({ endpoint: server.url, model: 'standin', prompts, concurrency: 2, requests: 2 });
      expect(run.samples.map((x) => x.error)).toEqual([expect.stringMatching(/^stream cut after 7 tokens/), expect.stringMatching(/^stream cut after 7 tokens/)]);
    } finally {
      await server.stop();
    }
  });

  it('a server that dies mid-sweep: its in-flight and later requests are connection errors', async () => {
    const server = await startStandin(['--ttft-ms', '5', '--itl-ms', '50']);
    const level = runLevel({ endpoint: server.url, model: 'standin', prompts, concurrency: 2, requests: 6 });
    setTimeout(() => server.child.kill('SIGKILL'), 300);
    const run = await level;
    const s = summarizeLevel(2, run.samples, run.wallMs);
    expect(s.requests).toBe(6);
    expect(s.errors).toBeGreaterThanOrEqual(4);
    for (const k of s.errorKinds) expect(k.error).toMatch(/^(stream cut after \d+ tokens|connection error: (ECONNREFUSED|ECONNRESET))/);
    await server.stop();
  });

  describe('an endpoint that is not OpenAI-compatible', () => {
    let plain: http.Server;
    let url: string;
    beforeAll(async () => {
      plain = http.createServer((req, res) => {
        if (req.url === '/v1/completions') {
          res.writeHead(200, { 'content-type': 'text/html' });
          res.end('<html>hello</html>');
        } else {
          res.writeHead(404);
          res.end();
        }
      });
      await new Promise<void>((r) => plain.listen(0, '127.0.0.1', r));
      url = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((r) => plain.close(() => r())));

    it('is reported as such, with what it answered', async () => {
      const run = await runLevel({ endpoint: url, model: 'x', prompts, concurrency: 1, requests: 1 });
      expect(run.samples[0]!.error).toBe("not an OpenAI completions stream (content-type 'text/html')");
    });
  });
});
