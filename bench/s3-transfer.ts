// `npx tsx bench/s3-transfer.ts`: upload and download throughput and peak RSS of engine-forge's S3
// transfer engine against AWS CLI v2, rclone and @aws-sdk/lib-storage, all against the same Ceph RGW
// in the same run, each in its own process measured by /usr/bin/time.
//
//   EF_BENCH_SIZE_MIB=2048   artifact size (one file, like a single-rank engine)
//   EF_BENCH_RSS_4G=1        also publish and fetch a 4 GiB artifact with engine-forge, to compare RSS
//   EF_BENCH_PEERS=aws,rclone,lib-storage   which peers to run
//   EF_BENCH_DIR=/tmp        where the test files go (needs ~3× the size free)
//   EF_BENCH_ROUNDS=3        rounds; tools take turns within each round and the median counts, so
//                            load from elsewhere on a shared machine falls on every tool alike
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { addressOf } from '../src/store/layout.js';
import { createS3Client } from '../src/store/s3/client.js';
import { S3Store } from '../src/store/s3/s3-store.js';

const MiB = 1024 * 1024;
const ROOT = path.resolve(import.meta.dirname, '..');
const AWS = '/usr/bin/aws'; // Debian's AWS CLI v2; a pip-installed v1 earlier on PATH must not stand in

interface Run {
  tool: string;
  direction: 'upload' | 'download';
  bytes: number;
  seconds: number;
  peakRssMiB: number;
}

/** Starts Ceph RGW with the project's own script (idempotent) unless its env is already set. */
async function ensureRgw(): Promise<void> {
  if (process.env.EF_S3_ENDPOINT && process.env.EF_S3_ACCESS_KEY_ID) return;
  await spawnChecked(['bash', path.join(ROOT, 'scripts/services/ceph-rgw.sh')], process.env);
  const text = await readFile(path.join(ROOT, '.engine-forge/services/ceph-rgw.env'), 'utf8');
  for (const m of text.matchAll(/^export (\w+)=(.*)$/gm)) process.env[m[1]!] = m[2]!;
}

export async function benchS3Transfer(): Promise<void> {
  await ensureRgw();
  const endpoint = process.env.EF_S3_ENDPOINT!;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    AWS_ACCESS_KEY_ID: process.env.EF_S3_ACCESS_KEY_ID,
    AWS_SECRET_ACCESS_KEY: process.env.EF_S3_SECRET_ACCESS_KEY,
    AWS_DEFAULT_REGION: 'us-east-1',
    AWS_REGION: 'us-east-1',
  };
  // A CA bundle for plain-HTTP loopback only confuses rclone ("LoadCustomCABundleError").
  delete env.AWS_CA_BUNDLE;
  Object.assign(process.env, env);
  const sizeMiB = Number(process.env.EF_BENCH_SIZE_MIB ?? 2048);
  const peers = (process.env.EF_BENCH_PEERS ?? 'aws,rclone,lib-storage').split(',').filter(Boolean);
  const work = await mkdtemp(path.join(process.env.EF_BENCH_DIR ?? '/tmp', 'ef-bench-'));
  const child = await bundleChild(work);
  const bucket = `ef-bench-${randomBytes(4).toString('hex')}`;
  const client = createS3Client({ endpoint, forcePathStyle: true });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const awsConfig = path.join(work, 'aws-config');
  // Peers get parallelism and part sizes like engine-forge's (8 × 16 MiB; ours is 12 × 8 MiB), not their defaults.
  await writeFile(awsConfig, '[default]\nregion = us-east-1\ns3 =\n  max_concurrent_requests = 8\n  multipart_chunksize = 16MB\n  multipart_threshold = 16MB\n');
  const rcloneFlags = [
    '--s3-provider=Ceph', `--s3-endpoint=${endpoint}`, '--s3-env-auth', '--s3-region=us-east-1',
    '--s3-upload-concurrency=8', '--s3-chunk-size=16M', '--multi-thread-streams=8', '--multi-thread-cutoff=16M', '--s3-no-check-bucket',
  ];
  const runs: Run[] = [];
  try {
    const sizes = [sizeMiB, ...(process.env.EF_BENCH_RSS_4G === '1' ? [4096] : [])];
    for (const size of sizes) {
      const bytes = size * MiB;
      const dir = path.join(work, `artifact-${size}`);
      const file = path.join(dir, 'rank0.engine');
      await writeRandom(file, bytes);
      const out = (name: string): string => path.join(work, `out-${name}-${size}`);
      const tools: [string, () => Promise<void>][] = [
        [`engine-forge`, async () => {
          const url = `s3://${bucket}/ef-${size}`;
          const id = `bench${size}/h100/fp8/tp1/b1-64`;
          runs.push(await measure('engine-forge', 'upload', bytes, [process.execPath, child, 'engine-forge', 'upload', dir, url, id], env));
          runs.push(await measure('engine-forge', 'download', bytes, [process.execPath, child, 'engine-forge', 'download', url, `bench${size}`, out('ef')], env));
          await new S3Store({ url, endpoint, forcePathStyle: true }).deleteArtifact(addressOf({ kind: 'engine', id, version: '1.0.0', fingerprint: 'f'.repeat(64), digests: {} }));
          await rm(out('ef'), { recursive: true, force: true });
        }],
      ];
      if (size === sizeMiB) {
        if (peers.includes('aws')) tools.push(['aws-cli-v2', async () => {
          const awsEnv = { ...env, AWS_CONFIG_FILE: awsConfig };
          const key = `s3://${bucket}/aws/rank0.engine`;
          runs.push(await measure('aws-cli-v2', 'upload', bytes, [AWS, '--endpoint-url', endpoint, 's3', 'cp', '--only-show-errors', file, key], awsEnv));
          runs.push(await measure('aws-cli-v2', 'download', bytes, [AWS, '--endpoint-url', endpoint, 's3', 'cp', '--only-show-errors', key, out('aws')], awsEnv));
          await spawnChecked([AWS, '--endpoint-url', endpoint, 's3', 'rm', '--only-show-errors', key], awsEnv);
          await rm(out('aws'), { force: true });
        }]);
        if (peers.includes('rclone')) tools.push(['rclone', async () => {
          const remote = `:s3:${bucket}/rclone/rank0.engine`;
          runs.push(await measure('rclone', 'upload', bytes, ['rclone', 'copyto', ...rcloneFlags, file, remote], env));
          runs.push(await measure('rclone', 'download', bytes, ['rclone', 'copyto', ...rcloneFlags, remote, out('rclone')], env));
          await spawnChecked(['rclone', 'deletefile', ...rcloneFlags, remote], env);
          await rm(out('rclone'), { force: true });
        }]);
        if (peers.includes('lib-storage')) tools.push(['lib-storage', async () => {
          const key = 'lib/rank0.engine';
          runs.push(await measure('lib-storage Upload', 'upload', bytes, [process.execPath, child, 'lib-storage', 'upload', file, bucket, key], env));
          runs.push(await measure('SDK GetObject', 'download', bytes, [process.execPath, child, 'sdk', 'download', bucket, key, out('sdk')], env));
          await rm(out('sdk'), { force: true });
        }]);
      }
      const rounds = Number(process.env.EF_BENCH_ROUNDS ?? 3);
      for (let round = 0; round < rounds; round++) {
        // Rotate the order too, so no tool always runs right after the same neighbour.
        for (let i = 0; i < tools.length; i++) {
          await tools[(i + round) % tools.length]![1]();
          await reclaim(env);
        }
      }
      await rm(dir, { recursive: true, force: true });
    }
  } finally {
    await rm(work, { recursive: true, force: true });
    client.destroy();
  }
  report(medians(runs), sizeMiB);
}

/** One row per tool, direction and size: median time, highest peak RSS. */
function medians(runs: Run[]): Run[] {
  const groups = new Map<string, Run[]>();
  for (const r of runs) groups.set(`${r.tool}|${r.direction}|${r.bytes}`, [...(groups.get(`${r.tool}|${r.direction}|${r.bytes}`) ?? []), r]);
  return [...groups.values()].map((g) => {
    const seconds = g.map((r) => r.seconds).sort((a, b) => a - b);
    return { ...g[0]!, seconds: seconds[Math.floor(seconds.length / 2)]!, peakRssMiB: Math.max(...g.map((r) => r.peakRssMiB)) };
  });
}

function report(runs: Run[], sizeMiB: number): void {
  const rate = (r: Run): number => r.bytes / MiB / r.seconds;
  console.log(`\nS3 transfer, ${sizeMiB} MiB artifact, Ceph RGW over loopback; median of ${process.env.EF_BENCH_ROUNDS ?? 3} rounds, highest peak RSS`);
  console.log(`${'tool'.padEnd(22)}${'direction'.padEnd(11)}${'size MiB'.padStart(9)}${'MiB/s'.padStart(9)}${'peak RSS MiB'.padStart(14)}`);
  for (const r of runs) {
    console.log(`${r.tool.padEnd(22)}${r.direction.padEnd(11)}${String(r.bytes / MiB).padStart(9)}${rate(r).toFixed(0).padStart(9)}${r.peakRssMiB.toFixed(0).padStart(14)}`);
  }
  for (const direction of ['upload', 'download'] as const) {
    const ours = runs.find((r) => r.tool === 'engine-forge' && r.direction === direction && r.bytes === sizeMiB * MiB);
    const peers = runs.filter((r) => r.tool !== 'engine-forge' && r.direction === direction);
    if (!ours || peers.length === 0) continue;
    const best = peers.reduce((a, b) => (rate(a) > rate(b) ? a : b));
    console.log(`${direction}: engine-forge ${rate(ours).toFixed(0)} MiB/s vs best peer ${best.tool} ${rate(best).toFixed(0)} MiB/s → ratio ${(rate(ours) / rate(best)).toFixed(2)}×; peak RSS ${ours.peakRssMiB.toFixed(0)} MiB (goal ≤ 256)`);
  }
  const big = runs.filter((r) => r.tool === 'engine-forge' && r.bytes === 4096 * MiB);
  for (const b of big) {
    const small = runs.find((r) => r.tool === 'engine-forge' && r.direction === b.direction && r.bytes === sizeMiB * MiB);
    if (small) console.log(`${b.direction} peak RSS: 4096 MiB ${b.peakRssMiB.toFixed(0)} MiB vs ${sizeMiB} MiB ${small.peakRssMiB.toFixed(0)} MiB → ${(((b.peakRssMiB / small.peakRssMiB) - 1) * 100).toFixed(1)}% (goal within 10%)`);
  }
}

/** RGW frees deleted objects in its garbage collector; run it now so memstore has room for the next tool. */
async function reclaim(env: NodeJS.ProcessEnv): Promise<void> {
  if (env.EF_CEPH_CONF) await spawnChecked(['radosgw-admin', '-c', env.EF_CEPH_CONF, 'gc', 'process', '--include-all'], env).catch(() => undefined);
}

/** Runs a command under /usr/bin/time: wall seconds and the child's peak RSS (ru_maxrss). */
async function measure(tool: string, direction: Run['direction'], bytes: number, argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const stats = path.join(tmpdir(), `ef-bench-time-${randomBytes(4).toString('hex')}`);
  const start = process.hrtime.bigint();
  await spawnChecked(['/usr/bin/time', '-f', '%M', '-o', stats, ...argv], env);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const kib = Number((await readFile(stats, 'utf8')).trim().split('\n').at(-1));
  await rm(stats, { force: true });
  const run = { tool, direction, bytes, seconds, peakRssMiB: kib / 1024 };
  console.error(`${tool} ${direction}: ${(bytes / MiB / seconds).toFixed(0)} MiB/s, peak RSS ${(kib / 1024).toFixed(0)} MiB`);
  return run;
}

function spawnChecked(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${argv.slice(0, 3).join(' ')} … exited ${code}`))));
  });
}

async function writeRandom(file: string, bytes: number): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  // 64 MiB of random bytes, repeated with a changing prefix: incompressible enough, cheap to make.
  const block = randomBytes(64 * MiB);
  for (let written = 0, n = 0; written < bytes; n++) {
    block.writeUInt32LE(n, 0);
    const chunk = block.subarray(0, Math.min(block.length, bytes - written));
    if (!out.write(Buffer.from(chunk))) await new Promise<void>((r) => out.once('drain', () => r()));
    written += chunk.length;
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
}

async function bundleChild(work: string): Promise<string> {
  const outfile = path.join(work, 's3-transfer-child.mjs');
  await build({
    entryPoints: [path.join(ROOT, 'bench/s3-transfer-child.ts')],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: 'node24',
    banner: { js: "import { createRequire as __r } from 'node:module'; const require = __r(import.meta.url);" },
    logLevel: 'warning',
  });
  if (!existsSync(outfile)) throw new Error('bundle failed');
  return outfile;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await benchS3Transfer();
