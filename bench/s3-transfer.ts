// `npm run bench -- s3`: upload and download throughput, peak RSS and CPU-seconds per GiB of
// engine-forge's S3 transfer engine against AWS CLI v2, s5cmd and rclone (and, if asked,
// @aws-sdk/lib-storage), all against the same Ceph RGW in the same run, each tool in its own process
// measured by /usr/bin/time. Every tool downloads what it uploaded, and we SHA-256 the result
// against the source (outside the timed region): both directions are verified end to end.
// scripts/bench-peers.sh installs the peers first (idempotent).
//
//   EF_BENCH_SIZES_MIB=1024,4096   artifact sizes (one file, like a single-rank engine)
//   EF_BENCH_PEERS=aws,s5cmd,rclone   which peers to run; s5cmd also runs as 's5cmd + sha256sum', a
//                            download verified as ours is, reported apart (add lib-storage for the SDK's own, and
//                            ef-sdk-receive for engine-forge's download through the SDK's HTTP handler)
//   EF_BENCH_DIR=/tmp        where the test files go (needs ~2× the largest size free)
//   EF_BENCH_ROUNDS=3        rounds; tools take turns within each round and the median counts, so
//                            load from elsewhere on a shared machine falls on every tool alike
import { CreateBucketCommand } from '@aws-sdk/client-s3';
import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { addressOf } from '../src/store/layout.js';
import { createS3Client } from '../src/store/s3/client.js';
import { S3Store } from '../src/store/s3/s3-store.js';

const MiB = 1024 * 1024;
/** USER_HZ: /proc's CPU times are in these ticks; 100 on every Linux architecture Node runs on. */
const CLOCK_TICKS = 100;
const ROOT = path.resolve(import.meta.dirname, '..');
const GiB = 1024 * MiB;
const AWS = '/usr/bin/aws'; // Debian's AWS CLI v2; a pip-installed v1 earlier on PATH must not stand in
const S5CMD = path.join(ROOT, '.engine-forge/bench-peers/bin/s5cmd');
const RCLONE = '/usr/bin/rclone';
/** s5cmd followed by coreutils' sha256sum: a peer that verifies a download as engine-forge does. */
const VERIFIED_S5CMD = 's5cmd + sha256sum';

interface Run {
  tool: string;
  direction: 'upload' | 'download';
  bytes: number;
  seconds: number;
  peakRssMiB: number;
  /** User + system CPU of the tool's process. */
  cpuSeconds: number;
  /** CPU the gateway and its OSD and monitor spent meanwhile (they share this machine's cores). */
  serverCpuSeconds: number;
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
  await spawnChecked(['bash', path.join(ROOT, 'scripts/bench-peers.sh')], process.env);
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
  const sizes = (process.env.EF_BENCH_SIZES_MIB ?? '1024,4096').split(',').map(Number);
  const peers = (process.env.EF_BENCH_PEERS ?? 'aws,s5cmd,rclone').split(',').filter(Boolean);
  const rounds = Number(process.env.EF_BENCH_ROUNDS ?? 3);
  const work = await mkdtemp(path.join(process.env.EF_BENCH_DIR ?? '/tmp', 'ef-bench-'));
  const child = await bundleChild(work);
  const bucket = `ef-bench-${randomBytes(4).toString('hex')}`;
  const client = createS3Client({ endpoint, forcePathStyle: true });
  await client.send(new CreateBucketCommand({ Bucket: bucket }));
  const awsConfig = path.join(work, 'aws-config');
  // Peers get parallelism and part sizes like engine-forge's (8 × 16 MiB; ours is 6 × 16 MiB up,
  // 16 MiB ranges down), not their defaults.
  await writeFile(awsConfig, '[default]\nregion = us-east-1\ns3 =\n  max_concurrent_requests = 8\n  multipart_chunksize = 16MB\n  multipart_threshold = 16MB\n');
  const rcloneFlags = [
    '--s3-provider=Ceph', `--s3-endpoint=${endpoint}`, '--s3-env-auth', '--s3-region=us-east-1',
    '--s3-upload-concurrency=8', '--s3-chunk-size=16M', '--multi-thread-streams=8', '--multi-thread-cutoff=16M', '--s3-no-check-bucket',
  ];
  const s5cmd = [S5CMD, '--endpoint-url', endpoint, '--log', 'error'];
  const s5cmdFlags = ['--concurrency', '8', '--part-size', '16'];
  const runs: Run[] = [];
  const load: string[] = [];
  try {
    for (const size of sizes) {
      const bytes = size * MiB;
      const dir = path.join(work, `artifact-${size}`);
      const file = path.join(dir, 'rank0.engine');
      const sha256 = await writeRandom(file, bytes);
      const out = (name: string): string => path.join(work, `out-${name}-${size}`);
      /** Our own check of what a tool downloaded; a mismatch fails the bench. */
      const verify = async (tool: string, downloaded: string): Promise<void> => {
        const got = await sha256File(downloaded);
        if (got !== sha256) throw new Error(`${tool} ${size} MiB: downloaded sha256 ${got}, expected ${sha256}`);
      };
      const tools: [string, () => Promise<void>][] = [
        [`engine-forge`, async () => {
          const url = `s3://${bucket}/ef-${size}`;
          const id = `bench${size}/h100/fp8/tp1/b1-64`;
          runs.push(await measure('engine-forge', 'upload', bytes, [process.execPath, child, 'engine-forge', 'upload', dir, url, id], env));
          runs.push(await measure('engine-forge', 'download', bytes, [process.execPath, child, 'engine-forge', 'download', url, `bench${size}`, out('ef')], env));
          await verify('engine-forge', path.join(out('ef'), 'rank0.engine'));
          await new S3Store({ url, endpoint, forcePathStyle: true }).deleteArtifact(addressOf({ kind: 'engine', id, version: '1.0.0', fingerprint: 'f'.repeat(64), digests: {} }));
          await rm(out('ef'), { recursive: true, force: true });
        }],
      ];
      // The previous receive path (Node's HTTP client under the SDK), for the before/after.
      if (peers.includes('ef-sdk-receive')) tools.push(['ef-sdk-receive', async () => {
        const url = `s3://${bucket}/ef-sdk-${size}`;
        const id = `benchsdk${size}/h100/fp8/tp1/b1-64`;
        await spawnChecked([process.execPath, child, 'engine-forge', 'upload', dir, url, id], env);
        runs.push(await measure('engine-forge SDK recv', 'download', bytes, [process.execPath, child, 'engine-forge', 'download', url, `benchsdk${size}`, out('efsdk')], { ...env, EF_TUNE_RECEIVE: 'sdk' }));
        await verify('engine-forge SDK recv', path.join(out('efsdk'), 'rank0.engine'));
        await new S3Store({ url, endpoint, forcePathStyle: true }).deleteArtifact(addressOf({ kind: 'engine', id, version: '1.0.0', fingerprint: 'f'.repeat(64), digests: {} }));
        await rm(out('efsdk'), { recursive: true, force: true });
      }]);
      if (peers.includes('aws')) tools.push(['aws-cli-v2', async () => {
        const awsEnv = { ...env, AWS_CONFIG_FILE: awsConfig };
        const key = `s3://${bucket}/aws/rank0.engine`;
        runs.push(await measure('aws-cli-v2', 'upload', bytes, [AWS, '--endpoint-url', endpoint, 's3', 'cp', '--only-show-errors', file, key], awsEnv));
        runs.push(await measure('aws-cli-v2', 'download', bytes, [AWS, '--endpoint-url', endpoint, 's3', 'cp', '--only-show-errors', key, out('aws')], awsEnv));
        await verify('aws-cli-v2', out('aws'));
        await spawnChecked([AWS, '--endpoint-url', endpoint, 's3', 'rm', '--only-show-errors', key], awsEnv);
        await rm(out('aws'), { force: true });
      }]);
      if (peers.includes('s5cmd')) tools.push(['s5cmd', async () => {
        const key = `s3://${bucket}/s5cmd/rank0.engine`;
        runs.push(await measure('s5cmd', 'upload', bytes, [...s5cmd, 'cp', ...s5cmdFlags, file, key], env));
        runs.push(await measure('s5cmd', 'download', bytes, [...s5cmd, 'cp', ...s5cmdFlags, key, out('s5cmd')], env));
        await verify('s5cmd', out('s5cmd'));
        await rm(out('s5cmd'), { force: true });
        // What an s5cmd user runs to verify as engine-forge does: the download, then sha256sum.
        const verified = `"$@" && sha256sum ${JSON.stringify(out('s5cmd'))} >/dev/null`;
        runs.push(await measure(VERIFIED_S5CMD, 'download', bytes, ['bash', '-c', verified, 'bash', ...s5cmd, 'cp', ...s5cmdFlags, key, out('s5cmd')], env));
        await spawnChecked([...s5cmd, 'rm', key], env);
        await rm(out('s5cmd'), { force: true });
      }]);
      if (peers.includes('rclone')) tools.push(['rclone', async () => {
        const remote = `:s3:${bucket}/rclone/rank0.engine`;
        runs.push(await measure('rclone', 'upload', bytes, [RCLONE, 'copyto', ...rcloneFlags, file, remote], env));
        runs.push(await measure('rclone', 'download', bytes, [RCLONE, 'copyto', ...rcloneFlags, remote, out('rclone')], env));
        await verify('rclone', out('rclone'));
        await spawnChecked([RCLONE, 'deletefile', ...rcloneFlags, remote], env);
        await rm(out('rclone'), { force: true });
      }]);
      if (peers.includes('lib-storage')) tools.push(['lib-storage', async () => {
        const key = 'lib/rank0.engine';
        runs.push(await measure('lib-storage Upload', 'upload', bytes, [process.execPath, child, 'lib-storage', 'upload', file, bucket, key], env));
        runs.push(await measure('SDK GetObject', 'download', bytes, [process.execPath, child, 'sdk', 'download', bucket, key, out('sdk')], env));
        await verify('SDK GetObject', out('sdk'));
        await rm(out('sdk'), { force: true });
      }]);
      for (let round = 0; round < rounds; round++) {
        load.push(`${size} MiB round ${round + 1}: ${loadAverage()}`);
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
  report(medians(runs), sizes, rounds, load);
}

/** The 1-minute load average and core count, as `uptime` shows: the machine is shared. */
function loadAverage(): string {
  const [one, five, fifteen] = loadavg();
  return `load average ${one!.toFixed(2)}, ${five!.toFixed(2)}, ${fifteen!.toFixed(2)} on ${availableParallelism()} cores`;
}

/** One row per tool, direction and size: median time, highest peak RSS. */
function medians(runs: Run[]): Run[] {
  const groups = new Map<string, Run[]>();
  for (const r of runs) groups.set(`${r.tool}|${r.direction}|${r.bytes}`, [...(groups.get(`${r.tool}|${r.direction}|${r.bytes}`) ?? []), r]);
  return [...groups.values()].map((g) => {
    const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
    return {
      ...g[0]!,
      seconds: median(g.map((r) => r.seconds)),
      cpuSeconds: median(g.map((r) => r.cpuSeconds)),
      serverCpuSeconds: median(g.map((r) => r.serverCpuSeconds)),
      peakRssMiB: Math.max(...g.map((r) => r.peakRssMiB)),
    };
  });
}

function report(runs: Run[], sizes: number[], rounds: number, load: string[]): void {
  const rate = (r: Run): number => r.bytes / MiB / r.seconds;
  const cpuPerGiB = (r: Run): number => r.cpuSeconds / (r.bytes / GiB);
  console.log(`\nS3 transfer against Ceph RGW over loopback; median of ${rounds} rounds (time and CPU), highest peak RSS; SHA-256 of every download checked by the bench`);
  for (const line of load) console.log(`  ${line}`);
  const serverPerGiB = (r: Run): number => r.serverCpuSeconds / (r.bytes / GiB);
  console.log(`${'tool'.padEnd(22)}${'direction'.padEnd(11)}${'size MiB'.padStart(9)}${'MiB/s'.padStart(9)}${'CPU-s/GiB'.padStart(11)}${'server CPU-s/GiB'.padStart(18)}${'peak RSS MiB'.padStart(14)}`);
  for (const r of [...runs].sort((a, b) => a.bytes - b.bytes || a.direction.localeCompare(b.direction) || rate(b) - rate(a))) {
    console.log(
      `${r.tool.padEnd(22)}${r.direction.padEnd(11)}${String(r.bytes / MiB).padStart(9)}${rate(r).toFixed(0).padStart(9)}${cpuPerGiB(r).toFixed(2).padStart(11)}` +
        `${serverPerGiB(r).toFixed(2).padStart(18)}${r.peakRssMiB.toFixed(0).padStart(14)}`,
    );
  }
  for (const size of sizes) {
    for (const direction of ['upload', 'download'] as const) {
      const here = runs.filter((r) => r.direction === direction && r.bytes === size * MiB);
      const ours = here.find((r) => r.tool === 'engine-forge');
      const peers = here.filter((r) => !r.tool.startsWith('engine-forge') && r.tool !== VERIFIED_S5CMD);
      if (!ours || peers.length === 0) continue;
      const best = peers.reduce((a, b) => (rate(a) > rate(b) ? a : b));
      const ratio = rate(ours) / rate(best);
      console.log(
        `${size} MiB ${direction}: engine-forge ${rate(ours).toFixed(0)} MiB/s vs best peer ${best.tool} ${rate(best).toFixed(0)} MiB/s → ${ratio.toFixed(2)}× (goal ≥ 1.20: ${ratio >= 1.2 ? 'met' : 'NOT met'}); ` +
          `CPU ${cpuPerGiB(ours).toFixed(2)} vs ${cpuPerGiB(best).toFixed(2)} s/GiB; peak RSS ${ours.peakRssMiB.toFixed(0)} MiB (goal ≤ 256)`,
      );
      const verifying = here.find((r) => r.tool === VERIFIED_S5CMD);
      if (verifying) {
        console.log(`  against s5cmd followed by sha256sum (the same verification as ours): ${(rate(ours) / rate(verifying)).toFixed(2)}× (${rate(verifying).toFixed(0)} MiB/s)`);
      }
      // Client and gateway share the cores: at the peer's rate they already use `busy` of them,
      // and 1.2× that rate needs the same work done in 1/1.2 of the time.
      const busy = ((best.cpuSeconds + best.serverCpuSeconds) / best.seconds).toFixed(2);
      console.log(
        `  ${best.tool} kept ${busy} of ${availableParallelism()} cores busy (its own CPU + the server's); ` +
          `1.2× its rate would need client + server ≤ ${((cpuPerGiB(best) + serverPerGiB(best)) / 1.2).toFixed(2)} CPU-s/GiB, ` +
          `against ${(cpuPerGiB(ours) + serverPerGiB(ours)).toFixed(2)} for engine-forge (${serverPerGiB(ours).toFixed(2)} of it the server's)`,
      );
    }
  }
  if (sizes.length > 1) {
    const [small, large] = [Math.min(...sizes), Math.max(...sizes)];
    for (const direction of ['upload', 'download'] as const) {
      const a = runs.find((r) => r.tool === 'engine-forge' && r.direction === direction && r.bytes === small * MiB);
      const b = runs.find((r) => r.tool === 'engine-forge' && r.direction === direction && r.bytes === large * MiB);
      if (a && b) console.log(`${direction} peak RSS: ${large} MiB ${b.peakRssMiB.toFixed(0)} MiB vs ${small} MiB ${a.peakRssMiB.toFixed(0)} MiB → ${((b.peakRssMiB / a.peakRssMiB - 1) * 100).toFixed(1)}% (goal: flat, within 10%)`);
    }
  }
}

/** RGW frees deleted objects in its garbage collector; run it now so memstore has room for the next tool. */
async function reclaim(env: NodeJS.ProcessEnv): Promise<void> {
  if (env.EF_CEPH_CONF) await spawnChecked(['radosgw-admin', '-c', env.EF_CEPH_CONF, 'gc', 'process', '--include-all'], env).catch(() => undefined);
}

/** Runs a command under /usr/bin/time: wall seconds, the child's peak RSS (ru_maxrss) and its user + system CPU. */
async function measure(tool: string, direction: Run['direction'], bytes: number, argv: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const stats = path.join(tmpdir(), `ef-bench-time-${randomBytes(4).toString('hex')}`);
  const serverBefore = await serverCpu();
  const start = process.hrtime.bigint();
  await spawnChecked(['/usr/bin/time', '-f', '%M %U %S', '-o', stats, ...argv], env);
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const serverCpuSeconds = (await serverCpu()) - serverBefore;
  const [kib, user, system] = (await readFile(stats, 'utf8')).trim().split('\n').at(-1)!.split(' ').map(Number) as [number, number, number];
  await rm(stats, { force: true });
  const run = { tool, direction, bytes, seconds, peakRssMiB: kib / 1024, cpuSeconds: user + system, serverCpuSeconds };
  console.error(
    `${tool} ${direction} ${bytes / MiB} MiB: ${(bytes / MiB / seconds).toFixed(0)} MiB/s, ${((user + system) / (bytes / GiB)).toFixed(2)} CPU-s/GiB ` +
      `(server ${(serverCpuSeconds / (bytes / GiB)).toFixed(2)}), peak RSS ${(kib / 1024).toFixed(0)} MiB`,
  );
  return run;
}

/** User + system CPU-seconds of the Ceph daemons so far, from /proc (0 where they are not local). */
async function serverCpu(): Promise<number> {
  let ticks = 0;
  for (const pid of await readdir('/proc').catch(() => [] as string[])) {
    if (!/^\d+$/.test(pid)) continue;
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const name = /\((.*)\)/.exec(stat)?.[1];
    if (name !== 'radosgw' && name !== 'ceph-osd' && name !== 'ceph-mon') continue;
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
  }
  return ticks / CLOCK_TICKS;
}

function spawnChecked(argv: string[], env: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(argv[0]!, argv.slice(1), { env, stdio: ['ignore', 'inherit', 'inherit'] });
    p.on('error', reject);
    p.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`${argv.slice(0, 3).join(' ')} … exited ${code}`))));
  });
}

/** Writes `bytes` of test data to `file`; returns its SHA-256. */
async function writeRandom(file: string, bytes: number): Promise<string> {
  await mkdir(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const hash = createHash('sha256');
  // 64 MiB of random bytes, repeated with a changing prefix: incompressible enough, cheap to make.
  const block = randomBytes(64 * MiB);
  for (let written = 0, n = 0; written < bytes; n++) {
    block.writeUInt32LE(n, 0);
    const chunk = Buffer.from(block.subarray(0, Math.min(block.length, bytes - written)));
    hash.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
    written += chunk.length;
  }
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
  return hash.digest('hex');
}

async function sha256File(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file, { highWaterMark: 4 * MiB })) hash.update(chunk as Buffer);
  return hash.digest('hex');
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
