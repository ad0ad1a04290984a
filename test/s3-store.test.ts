import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { unreferencedData } from '../src/store/gc.js';
import { publishArtifact } from '../src/store/publish-artifact.js';
import { addressOf, manifestKey } from '../src/store/layout.js';
import { freshBucket, openStore } from './helpers/rgw.js';
import { makeArtifactDir, sha256, target, tempDir } from './helpers/fixtures.js';

let url: string;
beforeAll(async () => {
  url = `s3://${await freshBucket('store')}/engines`;
});

describe('S3Store on Ceph RGW', () => {
  it('probes create-only writes and finds RGW honours them', async () => {
    expect(await openStore(url).conditionalWrites()).toEqual({ honoured: true, detail: expect.stringContaining('412') });
  });

  it('publishes a directory, lists it with one request, and fetches it back verified', async () => {
    const store = openStore(url);
    const { dir, contents } = await makeArtifactDir('pub');
    const t = target();
    const result = await publishArtifact(store, t, dir);
    expect(result.created).toBe(true);
    if (!result.created) return;
    expect(result.manifest.files.map((f) => f.path).sort()).toEqual([...contents.keys()].sort());
    for (const f of result.manifest.files) {
      expect(f.sha256).toBe(sha256(contents.get(f.path)!));
      expect(f.size).toBe(contents.get(f.path)!.length);
    }

    const listed = await store.list('engine');
    expect(listed).toEqual([expect.objectContaining({ id: t.id, version: t.version, fingerprint: t.fingerprint, key: manifestKey(addressOf(t)) })]);
    expect(await store.readManifest(addressOf(t))).toEqual(result.manifest);

    const out = await tempDir('fetch');
    await store.fetchFiles(result.manifest, out);
    for (const [rel, bytes] of contents) expect(sha256(await readFile(path.join(out, rel)))).toBe(sha256(bytes));

    const again = await publishArtifact(store, t, dir);
    expect(again).toMatchObject({ created: false, reason: 'already-published' });
    expect(await store.listPendingUploads()).toEqual([]);
    expect(await unreferencedData(store)).toEqual([]);
  });

  it('exactly one of five concurrent publishers of one cell wins; the others leave nothing behind', async () => {
    const t = target({ id: 'race/h100/fp8/tp1/b1-64', model: 'race' });
    const dirs = await Promise.all([0, 1, 2, 3, 4].map((i) => makeArtifactDir(`race${i}`, 6 * 1024 * 1024)));
    const results = await Promise.all(dirs.map(({ dir }, i) => publishArtifact(openStore(url), { ...t, provenance: { publisher: `writer-${i}` } }, dir)));
    const winners = results.filter((r) => r.created);
    expect(winners).toHaveLength(1);
    const winner = winners[0]!;
    if (!winner.created) return;
    for (const r of results.filter((x) => !x.created)) {
      expect(r).toMatchObject({ existing: { provenance: winner.manifest.provenance } });
    }
    const store = openStore(url);
    expect((await store.list('engine', 'race/')).length).toBe(1);
    expect(await unreferencedData(store)).toEqual([]);
    // The winner's bytes are intact: the losers wrote elsewhere.
    const out = await tempDir('race-fetch');
    await store.fetchFiles(await store.readManifest(addressOf(t)), out);
    const winnerIndex = Number(winner.manifest.provenance.publisher!.split('-')[1]);
    expect(sha256(await readFile(path.join(out, 'rank0.engine')))).toBe(sha256(dirs[winnerIndex]!.contents.get('rank0.engine')!));
    expect((await readdir(out)).sort()).toEqual(['config.json', 'empty.txt', 'rank0.engine', 'rank1.engine', 'tokenizer']);
  });
});
