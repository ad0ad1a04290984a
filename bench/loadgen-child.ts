// One level of engine-forge's load generator in a process of its own, so `bench client` can
// measure its CPU exactly as it measures the reference client's: args are one JSON object.
import { readFileSync } from 'node:fs';
import { runLevel } from '../src/bench/load.js';
import { parsePromptsJsonl } from '../src/core/bench-dataset.js';
import { summarizeLevel } from '../src/core/bench-stats.js';

const o = JSON.parse(process.argv[2]!) as { endpoint: string; model: string; prompts: string; outputLen: number; concurrency: number; requests: number };
const { prompts } = parsePromptsJsonl(readFileSync(o.prompts, 'utf8'), o.prompts, o.outputLen);
const before = process.cpuUsage();
const run = await runLevel({ endpoint: o.endpoint, model: o.model, prompts, concurrency: o.concurrency, requests: o.requests });
const cpu = process.cpuUsage(before);
const stats = summarizeLevel(o.concurrency, run.samples, run.wallMs);
process.stdout.write(`${JSON.stringify({ stats, sweepCpuS: (cpu.user + cpu.system) / 1e6 })}\n`);
