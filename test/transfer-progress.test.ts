/**
 * Progress lines in the runner's log, end to end: the committed bundle publishes to and downloads
 * from Ceph RGW through a proxy that delays every part and range, so each transfer outlasts
 * several of the (shortened) progress intervals.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeArtifactDir } from './helpers/fixtures.js';
import { isRangedGet, isUploadPart, startFaultProxy, type FaultProxy } from './helpers/fault-proxy.js';
import { freshBucket, rgw } from './helpers/rgw.js';
import { runAction } from './support/action-run.js';
import { baseMatrix, workspace, yamlOf } from './support/matrix.js';

const CELL = 'llama-3.1-8b/h100/fp8/tp1/b1-64';
let proxy: FaultProxy;
let store: string;

beforeAll(async () => {
  proxy = await startFaultProxy(rgw().endpoint, [
    { match: isUploadPart, fault: { kind: 'delay', ms: 300 }, times: Infinity },
    { match: isRangedGet, fault: { kind: 'delay', ms: 300 }, times: Infinity },
  ]);
  store = `s3://${await freshBucket('progress')}/ci`;
});
afterAll(async () => {
  await proxy.close();
});

describe('transfer progress in the Actions log (committed bundle, Ceph RGW)', () => {
  it('publish and resolve --download print done/total, MB/s and ETA lines, one per interval per transfer', async () => {
    const m = baseMatrix();
    m.matrix = { model: ['llama-3.1-8b'], gpu: ['h100'], precision: ['fp8'], batch: ['1-64'], tp: [1] };
    const ws = workspace({ 'matrix.yml': yamlOf(m) });
    const { dir } = await makeArtifactDir('progress');
    const s3 = { store, 's3-endpoint': proxy.endpoint, 'aws-region': 'us-east-1' };
    const env = {
      GITHUB_WORKSPACE: ws,
      GITHUB_ACTIONS: 'true',
      AWS_ACCESS_KEY_ID: rgw().accessKeyId,
      AWS_SECRET_ACCESS_KEY: rgw().secretAccessKey,
      ENGINE_FORGE_PROGRESS: '0.1',
    };
    const total = String.raw`\d+\.\d\d MB`;

    const published = await runAction({ command: 'publish', matrix: 'matrix.yml', cell: CELL, 'artifact-dir': dir, ...s3 }, env);
    expect(published.exitCode, published.log).toBe(0);
    const up = published.log.split('\n').filter((l) => l.startsWith(`upload ${CELL}@1.4.0: `));
    expect(up.length, published.log).toBeGreaterThanOrEqual(2);
    expect(up[0]).toMatch(new RegExp(String.raw`: \d+(\.\d\d)? k?M?B of ${total} \(\d+%\), \d+(\.\d)? MB/s, ETA (\d+[hms](\d\d[ms])?|\?)$`));
    expect(up.at(-1)).toMatch(new RegExp(String.raw`: 25\.26 MB in \d+s \(\d+(\.\d)? MB/s\)$`));

    const resolved = await runAction({ command: 'resolve', model: 'llama-3.1-8b', gpu: 'h100', precision: 'fp8', download: 'engine', ...s3 }, env);
    expect(resolved.exitCode, resolved.log).toBe(0);
    const down = resolved.log.split('\n').filter((l) => l.startsWith(`download ${CELL}@1.4.0: `));
    expect(down.length, resolved.log).toBeGreaterThanOrEqual(2);
    expect(down[0]).toMatch(new RegExp(String.raw`: \d+(\.\d\d)? k?M?B of ${total} \(\d+%\), \d+(\.\d)? MB/s, ETA (\d+[hms](\d\d[ms])?|\?)$`));
    expect(down.at(-1)).toMatch(new RegExp(String.raw`: 25\.26 MB in \d+s \(\d+(\.\d)? MB/s\)$`));
    expect(resolved.log).toContain(`verified against its SHA-256, into ${path.join(ws, 'engine')}`);
  });
});
