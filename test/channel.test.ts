import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { chooseChannel } from '../src/commands/channel.js';
import { parseEvent } from '../src/github/event.js';
import { collectGarbage } from '../src/store/gc.js';
import { LocalArtifactStore } from '../src/store/local-artifacts.js';
import { eventEnv, runCommand as run, type Inputs } from './helpers/commands.js';
import { makeArtifactDir, sha256 } from './helpers/fixtures.js';
import { freshBucket, openStore, rgw } from './helpers/rgw.js';
import { baseMatrix, workspace, yamlOf } from './support/matrix.js';

const CELL = 'llama-3.1-8b/h100/fp8/tp1/b1-64';

function matrixYaml(version: string): string {
  const m = baseMatrix();
  m.models['llama-3.1-8b']!.version = version;
  m.matrix = { model: ['llama-3.1-8b'], gpu: ['h100'], precision: ['fp8'], batch: ['1-64'], tp: [1] };
  return yamlOf(m);
}

interface PlanJson {
  counts: { build: number; promoted: number };
  cells: { id: string; status: string; reason: string; promoted?: boolean }[];
}

/**
 * A pull request bumps 1.4.0 → 1.5.0 and builds it. Until it merges, nothing on the default branch
 * (resolve, plan, gc) takes 1.5.0 for published; after the merge, the push's plan promotes the
 * pull request's build (0 builds) and resolve returns it, from the very files the pull request uploaded.
 */
async function story(store: Inputs, open: () => Parameters<typeof collectGarbage>[0]): Promise<void> {
  const ws = workspace({ 'matrix.yml': matrixYaml('1.4.0') });
  const main = eventEnv(ws, 'push');
  const pr = eventEnv(ws, 'pull_request', { pr: 12 });
  const plan = { command: 'plan', matrix: 'matrix.yml', comment: 'false', 'plan-file': path.join(ws, 'plan.json'), ...store } as const;
  const publish = (dir: string): Inputs => ({ command: 'publish', matrix: 'matrix.yml', cell: CELL, 'artifact-dir': dir, ...store });
  const resolve = (model: string): Inputs => ({ command: 'resolve', model, gpu: 'h100', precision: 'fp8', ...store });

  const old = await makeArtifactDir('ch-old', 64 * 1024);
  await run(ws, publish(old.dir), main);
  expect((await run(ws, resolve('llama-3.1-8b@^1'))).outputs.version).toBe('1.4.0');

  // The pull request: its plan builds the bump, its publish stores a candidate.
  await writeFile(path.join(ws, 'matrix.yml'), matrixYaml('1.5.0'));
  expect((await run(ws, plan, pr)).outputs['build-count']).toBe('1');
  const bumped = await makeArtifactDir('ch-new', 64 * 1024);
  const candidate = await run(ws, publish(bumped.dir), pr);
  expect(candidate.outputs.published).toBe('1');
  // Unmerged: a deploy of the default branch never gets 1.5.0.
  const deploy = await run(ws, resolve('llama-3.1-8b@^1'), main);
  expect(deploy.outputs.version).toBe('1.4.0');
  await expect(run(ws, resolve('llama-3.1-8b@1.5.0'), main)).rejects.toThrow(/no complete artifact .*versions stored .*: 1\.4\.0\)/);
  expect(decodeURIComponent(candidate.outputs.manifest!)).toMatch(new RegExp(`candidates/engines/${CELL}/1\\.5\\.0/`));
  expect(candidate.lines.join('\n')).toMatch(/pull-request candidates \(the pull_request event is not merged code\)/);
  // A second push to the pull request does not build it again.
  const again = await run(ws, plan, pr);
  expect(again.outputs['build-count']).toBe('0');
  expect((again.json as PlanJson).cells[0]!.reason).toMatch(/built for a pull request/);

  // The default branch (still 1.4.0) neither builds nor promotes anything; gc keeps the candidate and its files.
  await writeFile(path.join(ws, 'matrix.yml'), matrixYaml('1.4.0'));
  const mainPlan = await run(ws, plan, main);
  expect((mainPlan.json as PlanJson).counts).toMatchObject({ build: 0, promoted: 0 });
  const later = new Date(Date.now() + 30 * 3_600_000); // the candidate's files are older than the sweep cutoff by then
  const swept = await collectGarbage(open(), { keepVersions: 1, matrix: [], olderThanHours: 24, candidatesOlderThanHours: 14 * 24, dryRun: false, now: later });
  expect(swept).toMatchObject({ expiredCandidates: [], liveCandidates: 1, orphans: [] });
  expect((await run(ws, resolve('llama-3.1-8b@^1'), main)).outputs.version).toBe('1.4.0');

  // Merged: the push's plan promotes the candidate instead of building it.
  await writeFile(path.join(ws, 'matrix.yml'), matrixYaml('1.5.0'));
  const merged = await run(ws, plan, main);
  expect(merged.outputs['build-count']).toBe('0');
  const json = merged.json as PlanJson;
  expect(json.counts).toMatchObject({ build: 0, promoted: 1 });
  expect(json.cells[0]).toMatchObject({ id: CELL, status: 'skip', promoted: true, reason: expect.stringMatching(/^promoted from pull request #12 \(built by https:\/\/github\.com\/acme\/models\/actions\/runs\/100 .*not rebuilt$/) });
  expect(merged.summary).toMatch(/Promoted without rebuilding:\*\* 1 pull-request build/);
  expect(merged.lines.join('\n')).toMatch(/llama-3\.1-8b\/h100\/fp8\/tp1\/b1-64@1\.5\.0: promoted from pull request #12/);
  // The next plan finds it published (no second promotion, no build).
  const next = await run(ws, plan, main);
  expect((next.json as PlanJson).counts).toMatchObject({ build: 0, promoted: 0 });

  const resolved = await run(ws, { ...resolve('llama-3.1-8b@^1'), download: 'engine' }, main);
  expect(resolved.outputs.version).toBe('1.5.0');
  // The pull request's files, not a copy.
  expect(resolved.outputs.uri).toBe(candidate.outputs.uri);
  for (const [rel, bytes] of bumped.contents) expect(sha256(await readFile(path.join(ws, 'engine', rel)))).toBe(sha256(bytes));
  const manifest = (resolved.json as { manifest: { provenance: Record<string, unknown> } }).manifest;
  expect(manifest.provenance).toMatchObject({ pullRequest: 12, promotedBy: 'https://github.com/acme/models/actions/runs/200' });

  // gc drops the redundant candidate manifest but never the files the published one points at.
  const after = await collectGarbage(open(), { keepVersions: 3, matrix: [], olderThanHours: 24, candidatesOlderThanHours: 14 * 24, dryRun: false, now: later });
  expect(after.expiredCandidates.map((c) => c.version)).toEqual(['1.5.0']);
  const second = await collectGarbage(open(), { keepVersions: 3, matrix: [], olderThanHours: 24, candidatesOlderThanHours: 14 * 24, dryRun: false, now: later });
  expect(second.orphans).toEqual([]);
  await expect(run(ws, { ...resolve('llama-3.1-8b@^1'), download: 'engine2' }, main)).resolves.toMatchObject({ outputs: { version: '1.5.0' } });
}

describe('the pull-request channel', () => {
  it('keeps an unmerged bump from resolving and promotes a merged one without a second build (local store)', async () => {
    const ws = workspace();
    const root = path.join(ws, 'store');
    await story({ store: root }, () => new LocalArtifactStore(root));
  });

  it('keeps an unmerged bump from resolving and promotes a merged one without a second build (Ceph RGW)', async () => {
    const url = `s3://${await freshBucket('channel')}/ef`;
    await story({ store: url, 's3-endpoint': rgw().endpoint, 's3-force-path-style': 'true', 'aws-region': 'us-east-1' }, () => openStore(url));
  });

  it('is chosen from the event: only the default branch publishes and promotes', () => {
    const repository = { full_name: 'acme/models', default_branch: 'main' };
    const pr = parseEvent('pull_request', { number: 3, pull_request: { number: 3 }, repository });
    expect(chooseChannel(undefined, pr)).toMatchObject({ channel: 'candidate', promote: false, pullRequest: 3 });
    expect(chooseChannel(undefined, parseEvent('push', { ref: 'refs/heads/main', repository }))).toMatchObject({ channel: 'published', promote: true });
    expect(chooseChannel(undefined, parseEvent('push', { ref: 'refs/heads/feature', repository }))).toMatchObject({ channel: 'candidate', promote: false });
    expect(chooseChannel(undefined, parseEvent('merge_group', { merge_group: {}, repository }))).toMatchObject({ channel: 'candidate' });
    expect(chooseChannel(undefined, parseEvent('schedule', {}))).toMatchObject({ channel: 'published', promote: true });
    // A CLI run publishes as before but never promotes: it may be a checkout of an unmerged branch.
    expect(chooseChannel(undefined, parseEvent('', {}))).toMatchObject({ channel: 'published', promote: false });
    expect(chooseChannel('pull-request', parseEvent('push', { ref: 'refs/heads/main', repository }))).toMatchObject({ channel: 'candidate' });
    expect(chooseChannel('default-branch', parseEvent('', {}))).toMatchObject({ channel: 'published', promote: true });
  });

  it('names the input when the channel is unknown', async () => {
    const ws = workspace({ 'matrix.yml': matrixYaml('1.4.0') });
    await expect(run(ws, { command: 'plan', matrix: 'matrix.yml', channel: 'pr' })).rejects.toThrow(/input 'channel' must be one of auto, default-branch, pull-request .*'pr'/);
  });
});
