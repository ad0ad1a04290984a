// `npm run bench -- build`: the build's own overhead beyond the toolchain's steps and the upload
// (pre-flight, cached-model check, output checks, manifest), and the peak RSS of the build process,
// for a 2-rank engine of 1 GiB and of 16 GiB (sparse files from the stand-ins). Runs the committed
// CLI bundle in native runtime with the stand-ins on PATH.
//
//   EF_BENCH_BUILD_GIB=1,16      engine sizes (both ranks together)
//   EF_BENCH_BUILD_PUBLISH=s3    also upload to the Ceph RGW (default: publish false, a local store
//                                for the timing cache). The test RGW's OSD is 12 GiB: a 16 GiB upload
//                                fills it, so keep sizes small there. Upload RSS: the s3 section.
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import { createS3Client } from '../src/store/s3/client.js';
import { measureNode } from './measure.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const CLI = path.join(ROOT, 'dist/cli.js');
const GiB = 1024 ** 3;
// The stand-in hub's stub model (test/support/hub).
const MODEL = { source: 'engine-forge/tiny-llama', revision: '4c2b8a1f0e9d7c6b5a4938271605f4e3d2c1b0a9' };

async function rgwEnv(): Promise<NodeJS.ProcessEnv> {
  if (!process.env.EF_S3_ENDPOINT) {
    const text = await readFile(path.join(ROOT, '.engine-forge/services/ceph-rgw.env'), 'utf8');
    for (const m of text.matchAll(/^export (\w+)=(.*)$/gm)) process.env[m[1]!] = m[2]!;
  }
  return { AWS_ACCESS_KEY_ID: process.env.EF_S3_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY: process.env.EF_S3_SECRET_ACCESS_KEY, AWS_REGION: 'us-east-1' };
}

interface Outcome {
  overheadMs: number;
  steps: { name: string; durationMs: number }[];
}

export async function benchBuild(): Promise<void> {
  const toS3 = process.env.EF_BENCH_BUILD_PUBLISH === 's3';
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-bench-build-'));
  let store = (_name: string): string[] => ['--store', path.join(dir, 'store'), '--publish', 'false'];
  let aws: NodeJS.ProcessEnv = {};
  if (toS3) {
    aws = await rgwEnv();
    Object.assign(process.env, aws);
    const endpoint = process.env.EF_S3_ENDPOINT!;
    const bucket = `ef-bench-build-${randomBytes(4).toString('hex')}`;
    const client = createS3Client({ endpoint, forcePathStyle: true });
    await client.send(new CreateBucketCommand({ Bucket: bucket }));
    client.destroy();
    store = (name) => ['--store', `s3://${bucket}/${name}`, '--s3-endpoint', endpoint];
  }
  const sizes = (process.env.EF_BENCH_BUILD_GIB ?? '1,16').split(',').map(Number);
  const matrixText = stringify({
    version: 1,
    toolchains: { trtllm: { version: '1.2.0', image: 'nvcr.io/nvidia/tensorrt-llm/release:1.2.0', backend: 'tensorrt' }, vllm: { version: '0.11.0', image: 'vllm/vllm-openai:v0.11.0' } },
    gpus: { h100: { 'runs-on': ['gpu-h100'], count: 8 } },
    models: { tiny: { ...MODEL, version: '1.0.0', 'max-input-len': 256, 'max-seq-len': 512 } },
    matrix: { model: ['tiny'], gpu: ['h100'], precision: ['bf16'], batch: ['1-64'], tp: [2] },
  });
  writeFileSync(path.join(dir, 'm.yml'), matrixText);
  const env = {
    ...aws,
    PATH: `${path.join(ROOT, 'test/support/bin')}:${process.env.PATH}`,
    EF_FAKE_SMI_CSV: path.join(ROOT, 'test/fixtures/nvidia-smi-h100x8.csv'),
    GITHUB_WORKSPACE: dir,
  };
  const args = (name: string): string[] => [
    CLI, 'build', '--json', '--matrix', 'm.yml', '--cell', 'tiny/h100/bf16/tp2/b1-64', '--runtime', 'native', ...store(name),
    '--work-dir', path.join(dir, 'work'), '--cache-dir', path.join(dir, 'cache'), '--trtllm-examples', path.join(ROOT, 'test/support/trtllm-examples'),
  ];
  console.log(`\n## build: overhead beyond the toolchain steps and the upload; peak RSS (2-rank engine, native, stand-ins, ${toS3 ? 'published to RGW' : 'publish: false'})\n`);
  console.log('| engine | own overhead | toolchain steps | upload, timing cache, process start | total | peak RSS |');
  console.log('|---|---|---|---|---|---|');
  try {
    // Warm the runner's cache-dir: the measured runs find the model there, as a second cell would.
    await measureNode(args('warm'), { cwd: dir, env: { ...env, EF_FAKE_ENGINE_BYTES: '1024' } });
    for (const gib of sizes) {
      const run = await measureNode(args(`size-${gib}`), { cwd: dir, env: { ...env, EF_FAKE_ENGINE_BYTES: String(Math.round((gib * GiB) / 2)) } });
      if (run.code !== 0) throw new Error(`build failed (${run.code}):\n${run.stderr.slice(-3000)}`);
      const [outcome] = JSON.parse(run.stdout) as Outcome[];
      const steps = outcome!.steps.filter((s) => !/^timing cache/.test(s.name)).reduce((n, s) => n + s.durationMs, 0);
      const upload = run.seconds * 1000 - outcome!.overheadMs - steps; // with publish false: process start and the timing-cache lookup
      console.log(`| ${gib} GiB | ${(outcome!.overheadMs / 1000).toFixed(2)} s | ${(steps / 1000).toFixed(2)} s | ${(upload / 1000).toFixed(1)} s | ${run.seconds.toFixed(1)} s | ${run.peakRssMiB.toFixed(0)} MiB |`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
