/**
 * A download meets a full disk: refused up front when the artifact cannot fit, and stopped at the
 * first failed write (not retried as if the network had failed) when the disk runs out midway. The
 * second case runs the committed CLI under a real file-size limit (`ulimit -f`: the kernel answers
 * the write with EFBIG, as a full disk answers ENOSPC).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { publishArtifact } from '../src/store/publish-artifact.js';
import { downloadArtifact } from '../src/store/resolve-artifact.js';
import { addressOf } from '../src/store/layout.js';
import { target, tempDir } from './helpers/fixtures.js';
import { startFaultProxy, type FaultProxy } from './helpers/fault-proxy.js';
import { freshBucket, openStore, rgw } from './helpers/rgw.js';
import { CLI } from './support/run.js';

let url: string;
let proxy: FaultProxy | undefined;
beforeAll(async () => {
  url = `s3://${await freshBucket('disk')}/ci`;
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function publishOne(id: string, bytes: number): Promise<void> {
  const dir = await tempDir(`disk-${id.split('/')[0]}`);
  await writeFile(path.join(dir, 'rank0.engine'), randomBytes(bytes));
  await publishArtifact(openStore(url), target({ id, model: id.split('/')[0]! }), dir);
}

describe('downloads and the local disk', () => {
  it('refuses an artifact larger than the free space before any byte moves, and leaves nothing', async () => {
    const id = 'roomless/h100/fp8/tp1/b1-64';
    await publishOne(id, 1024);
    proxy = await startFaultProxy(rgw().endpoint);
    const store = openStore(url, proxy.endpoint);
    const manifest = await store.readManifest(addressOf(target({ id, model: 'roomless' })));
    // The same manifest, claiming 8 PiB: no runner has that much room.
    const huge = { ...manifest, files: manifest.files.map((f) => ({ ...f, size: 2 ** 53 })) };
    const parent = await tempDir('roomless-out');
    const gets = proxy.log.length;
    await expect(downloadArtifact(store, huge, path.join(parent, 'engine'))).rejects.toThrow(
      /^download: '.*engine' has [\d.]+ [kMGT]?B free and the artifact needs 9007\.20 TB; free some space or download elsewhere$/,
    );
    expect(proxy.log.slice(gets).filter((l) => l.startsWith('GET'))).toEqual([]);
    expect(await readdir(parent)).toEqual([]);
  });

  it('a write the disk refuses midway stops the download at once: a clear error, no retries, nothing left', async () => {
    const id = 'diskfull/h100/fp8/tp1/b1-64';
    await publishOne(id, 12 * 1024 * 1024);
    proxy = await startFaultProxy(rgw().endpoint);
    const cwd = await tempDir('diskfull-ws');
    await mkdir(path.join(cwd, 'out'));
    // ulimit -f counts KiB: the process may write files of 4 MiB at most.
    // Asynchronously: the proxy answers from this process.
    const ran = await execa(
      'bash',
      ['-c', 'ulimit -f 4096; exec "$@"', 'bash', process.execPath, CLI, 'resolve', '--store', url, '--s3-endpoint', proxy.endpoint, '--aws-region', 'us-east-1',
        '--model', 'diskfull@1.4.0', '--gpu', 'h100', '--precision', 'fp8', '--download', 'out/engine'],
      { cwd, reject: false, timeout: 60_000, extendEnv: false, env: { PATH: process.env.PATH, HOME: process.env.HOME, AWS_ACCESS_KEY_ID: rgw().accessKeyId, AWS_SECRET_ACCESS_KEY: rgw().secretAccessKey } },
    );
    expect(ran.exitCode, ran.stderr).toBe(1);
    expect(ran.stderr).toMatch(/download: cannot write into '[^']*out\/engine': a file is larger than this process may write \(ulimit -f\); nothing was left there/);
    expect(ran.stderr).not.toMatch(/\n\s+at /);
    // One ranged GET: a disk error is not the network's, and another try would only fail again.
    expect(proxy.log.filter((l) => l.startsWith('GET') && l.includes('rank0.engine')), proxy.log.join('\n')).toHaveLength(1);
    expect(await readdir(path.join(cwd, 'out'))).toEqual([]);
  });
});
