import { spawn } from 'node:child_process';
import type { IncomingMessage } from 'node:http';
import { randomBytes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import tls from 'node:tls';
import { execa } from 'execa';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addressOf, manifestDataPrefix } from '../src/store/layout.js';
import { collectGarbage, unreferencedData } from '../src/store/gc.js';
import { promoteCandidate } from '../src/store/promote.js';
import { publishArtifact } from '../src/store/publish-artifact.js';
import { downloadArtifact } from '../src/store/resolve-artifact.js';
import { commands } from '../src/commands/index.js';
import { Settings, type InputName } from '../src/inputs.js';
import { makeArtifactDir, sha256, target, tempDir } from './helpers/fixtures.js';
import { isPut, isPutTo, isRangedGet, isUploadPart, startFaultProxy, type FaultProxy } from './helpers/fault-proxy.js';
import { freshBucket, openStore, rgw, smallTuning } from './helpers/rgw.js';

let url: string;
let proxy: FaultProxy | undefined;
beforeAll(async () => {
  url = `s3://${await freshBucket('faults')}/p`;
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
});

async function expectNothingPending(): Promise<void> {
  const store = openStore(url);
  expect(await store.listPendingUploads()).toEqual([]);
  expect(await unreferencedData(store)).toEqual([]);
}

describe('transfers through a faulty network, against Ceph RGW', () => {
  it('publishes intact through resets mid-part and 503 SlowDown, retrying only the failed parts', async () => {
    proxy = await startFaultProxy(rgw().endpoint, [
      { match: isUploadPart, fault: { kind: 'reset-request' }, times: 2 },
      { match: isUploadPart, fault: { kind: 'slow-down' }, times: 2 },
      { match: isPut, fault: { kind: 'slow-down' }, times: 1 },
    ]);
    const { dir, contents } = await makeArtifactDir('faulty-up');
    const t = target({ id: 'faulty/h100/fp8/tp1/b1-64' });
    const result = await publishArtifact(openStore(url, proxy.endpoint), t, dir);
    expect(result.created).toBe(true);
    expect(proxy.rules.map((r) => r.hits)).toEqual([2, 2, 1]);
    // 2 files × 3 parts (12 MiB at 5 MiB) sent once each, plus the 4 faulted attempts.
    expect(proxy.log.filter((l) => l.startsWith('PUT') && l.includes('partNumber=')).length).toBe(6 + 4);

    // Read back directly from RGW: the stored bytes are exactly the source.
    const out = path.join(await tempDir('faulty-up-check'), 'a');
    await downloadArtifact(openStore(url), await openStore(url).readManifest(addressOf(t)), out);
    for (const [rel, bytes] of contents) expect(sha256(await readFile(path.join(out, rel)))).toBe(sha256(bytes));
    await expectNothingPending();
  });

  it('downloads intact through resets mid-range, SlowDown and truncated bodies', async () => {
    const { dir, contents } = await makeArtifactDir('faulty-down');
    const t = target({ id: 'faulty-down/h100/fp8/tp1/b1-64' });
    await publishArtifact(openStore(url), t, dir);
    proxy = await startFaultProxy(rgw().endpoint, [
      { match: isRangedGet, fault: { kind: 'reset-response' }, times: 2 },
      { match: isRangedGet, fault: { kind: 'slow-down' }, times: 2 },
      { match: isRangedGet, fault: { kind: 'truncate' }, times: 2 },
    ]);
    const store = openStore(url, proxy.endpoint);
    const out = path.join(await tempDir('faulty-down-out'), 'engine');
    await downloadArtifact(store, await store.readManifest(addressOf(t)), out);
    expect(proxy.rules.map((r) => r.hits)).toEqual([2, 2, 2]);
    for (const [rel, bytes] of contents) expect(sha256(await readFile(path.join(out, rel)))).toBe(sha256(bytes));
  });

  it('a stalled first range holds back the hash, not the other ranges: they land meanwhile, and the file ends intact', async () => {
    // One file, so every byte that lands early belongs to the ranges after the stalled one.
    const dir = await tempDir('stalled-down');
    const rank0 = randomBytes(12 * 1024 * 1024 + 777);
    await writeFile(path.join(dir, 'rank0.engine'), rank0);
    const t = target({ id: 'stalled-down/h100/fp8/tp1/b1-64' });
    await publishArtifact(openStore(url), t, dir);
    // The first range of rank0 answers late: every later range of the file completes before the
    // file's prefix does, and the hash must wait for it, then take the rest in order.
    const firstRange = (req: IncomingMessage): boolean => isRangedGet(req) && (req.url ?? '').includes('/rank0.engine') && req.headers.range === 'bytes=0-1048575';
    proxy = await startFaultProxy(rgw().endpoint, [{ match: firstRange, fault: { kind: 'delay', ms: 3000 }, times: 1 }]);
    const store = openStore(url, proxy.endpoint, { ...smallTuning, downloadConcurrency: 4 });
    const out = path.join(await tempDir('stalled-down-out'), 'engine');
    const started = Date.now();
    const landed: { ms: number; bytes: number }[] = [];
    await downloadArtifact(store, await store.readManifest(addressOf(t)), out, { onBytes: (bytes) => landed.push({ ms: Date.now() - started, bytes }) });
    expect(proxy.rules[0]!.hits).toBe(1);
    // All but the first MiB landed while the first range was held back.
    const early = landed.filter((l) => l.ms < 2500).reduce((n, l) => n + l.bytes, 0);
    expect(early).toBe(rank0.length - 1024 * 1024);
    expect(sha256(await readFile(path.join(out, 'rank0.engine')))).toBe(sha256(rank0));
  });

  it('aborts the multipart upload and leaves nothing when a part keeps failing', async () => {
    proxy = await startFaultProxy(rgw().endpoint, [{ match: isUploadPart, fault: { kind: 'slow-down' }, times: Infinity }]);
    const { dir } = await makeArtifactDir('doomed');
    const t = target({ id: 'doomed/h100/fp8/tp1/b1-64' });
    await expect(publishArtifact(openStore(url, proxy.endpoint), t, dir)).rejects.toThrow(/SlowDown|reduce your request rate/);
    expect(await openStore(url).list('engine', 'doomed/')).toEqual([]);
    await expectNothingPending();
  });

  it('refuses to publish to a store that ignores If-None-Match, unless told it is unsafe', async () => {
    proxy = await startFaultProxy(rgw().endpoint, [{ match: isPut, fault: { kind: 'ignore-if-none-match' }, times: Infinity }]);
    const { dir } = await makeArtifactDir('unsafe', 1024);
    const t = target({ id: 'unsafe/h100/fp8/tp1/b1-64' });
    await expect(publishArtifact(openStore(url, proxy.endpoint), t, dir)).rejects.toThrow(
      /does not honour create-only writes \(a second create-only PUT .* succeeded instead of failing with 412\).*allow-unsafe-store: true/,
    );
    expect(await openStore(url).list('engine', 'unsafe/')).toEqual([]);
    const warnings: string[] = [];
    const result = await publishArtifact(openStore(url, proxy.endpoint), t, dir, { allowUnsafe: true, log: (l) => warnings.push(l) });
    expect(result.created).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/^warning: .*does not honour create-only writes/)]);
  });

  it('a lost reply to the manifest write is a success: the retry meets our own manifest, and the data stays', async () => {
    // RGW stores the manifest; the proxy cuts the connection instead of passing on the 200.
    proxy = await startFaultProxy(rgw().endpoint, [{ match: isPutTo('/manifests/'), fault: { kind: 'drop-response' }, times: 1 }]);
    const { dir, contents } = await makeArtifactDir('lost-reply', 1024 * 1024);
    const t = target({ id: 'lostreply/h100/fp8/tp1/b1-64' });
    const result = await publishArtifact(openStore(url, proxy.endpoint), t, dir);
    expect(proxy.rules[0]!.hits).toBe(1);
    expect(result).toMatchObject({ created: true });

    // `resolve --download`, as a deploy would run it.
    const ws = await tempDir('lost-reply-ws');
    const inputs: Partial<Record<InputName, string>> = {
      command: 'resolve',
      store: url,
      's3-endpoint': rgw().endpoint,
      'aws-region': rgw().region,
      model: 'lostreply@1.4.0',
      gpu: 'h100',
      precision: 'fp8',
      download: 'engine',
    };
    const resolved = await commands.resolve({ settings: new Settings({ kind: 'action', get: (name) => inputs[name] }, { GITHUB_WORKSPACE: ws }), log: { info: () => {}, warning: () => {}, notice: () => {} } });
    expect(resolved.outputs.uri).toBe(openStore(url).uri(result.created ? result.manifest.data! : ''));
    for (const [rel, bytes] of contents) expect(sha256(await readFile(path.join(ws, 'engine', rel)))).toBe(sha256(bytes));
    await expectNothingPending();
  });

  it('a lost reply to the version claim write is a success too: the retry meets the same model', async () => {
    proxy = await startFaultProxy(rgw().endpoint, [{ match: isPutTo('/models/'), fault: { kind: 'drop-response' }, times: 1 }]);
    const { dir } = await makeArtifactDir('lost-claim', 1024);
    const t = target({ id: 'lostclaim/h100/fp8/tp1/b1-64', inputs: { source: 'acme/lostclaim', revision: 'c'.repeat(40) } });
    expect(await publishArtifact(openStore(url, proxy.endpoint), t, dir)).toMatchObject({ created: true });
    expect(proxy.rules[0]!.hits).toBe(1);
    expect(await openStore(url).readVersionClaim('lostclaim', '1.4.0')).toMatchObject({ source: 'acme/lostclaim', revision: 'c'.repeat(40) });
    await expectNothingPending();
  });

  it("a lost reply to a candidate's manifest write, and to its promotion, is a success: the channel survives the retry", async () => {
    proxy = await startFaultProxy(rgw().endpoint, [
      { match: isPutTo('/candidates/'), fault: { kind: 'drop-response' }, times: 1 },
      { match: isPutTo('/manifests/'), fault: { kind: 'drop-response' }, times: 1 },
    ]);
    const { dir } = await makeArtifactDir('lost-candidate', 1024);
    const t = target({ id: 'lostcandidate/h100/fp8/tp1/b1-64', inputs: { source: 'acme/lostcandidate', revision: 'd'.repeat(40) } });
    const store = openStore(url, proxy.endpoint);
    const stored = await publishArtifact(store, t, dir, { channel: 'candidate' });
    expect(stored).toMatchObject({ created: true, channel: 'candidate' });
    expect(proxy.rules[0]!.hits).toBe(1);
    const [candidate] = await openStore(url).list('engine', 'lostcandidate/', 'candidate');
    expect(await openStore(url).list('engine', 'lostcandidate/')).toEqual([]);
    // The promotion's published write loses its reply too: its retry meets its own manifest.
    const promotion = await promoteCandidate(store, candidate!, 'https://github.com/acme/models/actions/runs/9');
    expect(proxy.rules[1]!.hits).toBe(1);
    expect(promotion).toMatchObject({ created: true, promoted: true });
    expect(await openStore(url).readVersionClaim('lostcandidate', '1.4.0')).toMatchObject({ revision: 'd'.repeat(40) });
    expect(await unreferencedData(openStore(url))).toEqual([]);
    await expectNothingPending();
  });

  it('a lost reply to the write-support probe does not make a good store look unsafe', async () => {
    proxy = await startFaultProxy(rgw().endpoint, [{ match: isPutTo('/probes/'), fault: { kind: 'drop-response' }, times: 1 }]);
    expect(await openStore(url, proxy.endpoint).conditionalWrites()).toEqual({ honoured: true, detail: expect.stringContaining('412') });
    expect(proxy.rules[0]!.hits).toBe(1);
  });

  it('an interrupted publish (abort signal) aborts its uploads and deletes its files', async () => {
    proxy = await startFaultProxy(rgw().endpoint, [{ match: isUploadPart, fault: { kind: 'delay', ms: 400 }, times: Infinity }]);
    const { dir } = await makeArtifactDir('interrupted');
    const controller = new AbortController();
    const store = openStore(url, proxy.endpoint);
    const publishing = publishArtifact(store, target({ id: 'interrupted/h100/fp8/tp1/b1-64' }), dir, { signal: controller.signal });
    await waitFor(async () => (await openStore(url).listPendingUploads()).some((u) => u.key.includes('engines/interrupted/')));
    controller.abort(new Error('interrupted by SIGINT'));
    await expect(publishing).rejects.toThrow(/interrupted by SIGINT|aborted/i);
    await expectNothingPending();
  });
});

describe('the ranged GET receive path (ranged-get.ts) against Ceph RGW', () => {
  it('carries many ranges over few kept-alive connections', async () => {
    const { dir, contents } = await makeArtifactDir('keepalive');
    const t = target({ id: 'keepalive/h100/fp8/tp1/b1-64' });
    await publishArtifact(openStore(url), t, dir);
    proxy = await startFaultProxy(rgw().endpoint);
    const store = openStore(url, proxy.endpoint);
    const manifest = await openStore(url).readManifest(addressOf(t));
    const out = path.join(await tempDir('keepalive-out'), 'engine');
    await downloadArtifact(store, manifest, out);
    for (const [rel, bytes] of contents) expect(sha256(await readFile(path.join(out, rel)))).toBe(sha256(bytes));
    const ranged = proxy.log.filter((l) => l.startsWith('GET')).length;
    expect(ranged).toBeGreaterThanOrEqual(24); // 2 × 12 MiB in 1 MiB ranges, and the small files
    expect(proxy.connections()).toBeLessThanOrEqual(smallTuning.downloadConcurrency!);
  });

  it('over TLS: resets mid-range and truncated bodies resume on new connections, intact', async () => {
    const { dir, contents } = await makeArtifactDir('tls');
    const t = target({ id: 'tls/h100/fp8/tp1/b1-64' });
    await publishArtifact(openStore(url), t, dir);
    proxy = await startFaultProxy(
      rgw().endpoint,
      [
        { match: isRangedGet, fault: { kind: 'reset-response' }, times: 2 },
        { match: isRangedGet, fault: { kind: 'truncate' }, times: 2 },
        { match: isRangedGet, fault: { kind: 'slow-down' }, times: 1 },
      ],
      { tls: await selfSignedCertificate() },
    );
    expect(proxy.endpoint).toMatch(/^https:/);
    const store = openStore(url, proxy.endpoint);
    const out = path.join(await tempDir('tls-out'), 'engine');
    await downloadArtifact(store, await openStore(url).readManifest(addressOf(t)), out);
    expect(proxy.rules.map((r) => r.hits)).toEqual([2, 2, 1]);
    for (const [rel, bytes] of contents) expect(sha256(await readFile(path.join(out, rel)))).toBe(sha256(bytes));
  });

  it('a response it does not read (chunked, no Content-Length) sends the download through the SDK handler, intact', async () => {
    const { dir, contents } = await makeArtifactDir('chunked');
    const t = target({ id: 'chunked/h100/fp8/tp1/b1-64' });
    await publishArtifact(openStore(url), t, dir);
    proxy = await startFaultProxy(rgw().endpoint, [{ match: isRangedGet, fault: { kind: 'chunked' }, times: Infinity }]);
    const store = openStore(url, proxy.endpoint);
    const out = path.join(await tempDir('chunked-out'), 'engine');
    await downloadArtifact(store, await openStore(url).readManifest(addressOf(t)), out);
    for (const [rel, bytes] of contents) expect(sha256(await readFile(path.join(out, rel)))).toBe(sha256(bytes));
  });

  it('a missing object is the SDK\'s NoSuchKey (404), not retried', async () => {
    const { dir } = await makeArtifactDir('missing', 1024 * 1024);
    const t = target({ id: 'missing/h100/fp8/tp1/b1-64' });
    await publishArtifact(openStore(url), t, dir);
    const manifest = await openStore(url).readManifest(addressOf(t));
    await openStore(url).deleteData(`${manifestDataPrefix(manifest, manifest.data)}rank0.engine`);
    proxy = await startFaultProxy(rgw().endpoint);
    const out = path.join(await tempDir('missing-out'), 'engine');
    const error = await downloadArtifact(openStore(url, proxy.endpoint), manifest, out).catch((e: unknown) => e);
    expect(String(error)).toMatch(/NoSuchKey|does not exist|rank0\.engine/);
    expect(proxy.log.filter((l) => l.startsWith('GET') && l.includes('rank0.engine'))).toHaveLength(1);
  });
});

/** A certificate for 127.0.0.1, trusted by this process from now on (as NODE_EXTRA_CA_CERTS would). */
async function selfSignedCertificate(): Promise<{ key: string; cert: string }> {
  const dir = await tempDir('tls-cert');
  await execa('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', path.join(dir, 'key.pem'), '-out', path.join(dir, 'cert.pem')]);
  const [key, cert] = await Promise.all([readFile(path.join(dir, 'key.pem'), 'utf8'), readFile(path.join(dir, 'cert.pem'), 'utf8')]);
  tls.setDefaultCACertificates([...tls.getCACertificates('default'), cert]);
  return { key, cert };
}

describe('publishing processes that die', () => {
  const child = (endpoint: string, dir: string, id: string) =>
    spawn(path.resolve('node_modules/.bin/tsx'), ['test/helpers/publish-child.ts', endpoint, url, dir, id], { stdio: ['ignore', 'pipe', 'pipe'] });
  const exited = (p: ReturnType<typeof child>) =>
    new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) => {
      let stderr = '';
      p.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
      p.on('exit', (code, signal) => resolve({ code, signal, stderr }));
    });

  it('SIGTERM: the process aborts its multipart uploads and exits 143', async () => {
    proxy = await startFaultProxy(rgw().endpoint, [{ match: isUploadPart, fault: { kind: 'delay', ms: 500 }, times: Infinity }]);
    const { dir } = await makeArtifactDir('sigterm');
    const p = child(proxy.endpoint, dir, 'sigterm/h100/fp8/tp1/b1-64');
    const done = exited(p);
    // Its own upload, not a leftover of an earlier test: the child's signal handler is in place by then.
    await waitFor(async () => (await openStore(url).listPendingUploads()).some((u) => u.key.includes('engines/sigterm/')));
    p.kill('SIGTERM');
    const { code, stderr } = await done;
    expect(stderr).toMatch(/interrupted by SIGTERM/);
    expect(code).toBe(143);
    expect(await openStore(url).list('engine', 'sigterm/')).toEqual([]);
    await expectNothingPending();
  });

  it('kill -9: no manifest appears, and gc aborts the orphan upload and sweeps its files', async () => {
    proxy = await startFaultProxy(rgw().endpoint, [{ match: isUploadPart, fault: { kind: 'delay', ms: 500 }, times: Infinity }]);
    const { dir } = await makeArtifactDir('sigkill');
    const p = child(proxy.endpoint, dir, 'sigkill/h100/fp8/tp1/b1-64');
    const done = exited(p);
    const store = openStore(url);
    // Wait until one file is complete and another is mid-upload, so both kinds of leftovers exist.
    await waitFor(async () => (await store.listPendingUploads()).length > 0 && (await unreferencedData(store)).length > 0);
    p.kill('SIGKILL');
    expect((await done).signal).toBe('SIGKILL');
    // Nothing the dead process sent may still be on its way (a part landing after an abort makes
    // RGW list the upload again, which is exactly what gc exists for, but not what this test checks).
    await proxy.close();
    proxy = undefined;
    expect(await store.list('engine', 'sigkill/')).toEqual([]);
    const pending = await store.listPendingUploads();
    expect(pending.length).toBeGreaterThan(0);

    const young = await collectGarbage(store, { keepVersions: 3, matrix: [], candidatesOlderThanHours: 336, olderThanHours: 1, dryRun: false });
    expect(young.aborted).toEqual([]); // younger than the cutoff: might be a live publish
    const dry = await collectGarbage(store, { keepVersions: 3, matrix: [], candidatesOlderThanHours: 336, olderThanHours: 0, dryRun: true });
    expect(dry.aborted.map((u) => u.uploadId).sort()).toEqual(pending.map((u) => u.uploadId).sort());
    expect(await store.listPendingUploads()).toHaveLength(pending.length);
    const swept = await collectGarbage(store, { keepVersions: 3, matrix: [], candidatesOlderThanHours: 336, olderThanHours: 0, dryRun: false });
    expect(swept.aborted).toHaveLength(pending.length);
    expect(swept.orphans.length).toBeGreaterThan(0);
    await expectNothingPending();
  });
});

async function waitFor(condition: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
