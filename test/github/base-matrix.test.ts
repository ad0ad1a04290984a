import { rm } from 'node:fs/promises';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { createGitHubApi } from '../../src/github/api.js';
import { readBaseMatrix } from '../../src/github/base-matrix.js';
import { startFakeGitHub, type FakeGitHub } from '../support/github-api.js';
import { createTempRepo } from '../support/git-repo.js';

const V1 = 'version: 1\nmodels:\n  llama-3.1-8b: { version: 1.4.0 }\n';
const V2 = 'version: 1\nmodels:\n  llama-3.1-8b: { version: 1.5.0 }\n';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0)) await step();
});

async function twoCommits() {
  const repo = await createTempRepo();
  cleanup.push(() => rm(repo.dir, { recursive: true, force: true }));
  const base = await repo.commit({ 'matrices/models.yml': V1, 'README.md': 'x\n' }, 'base');
  const head = await repo.commit({ 'matrices/models.yml': V2 }, 'bump');
  return { repo, base, head };
}

async function fakeGitHub(): Promise<FakeGitHub> {
  const github = await startFakeGitHub({ tokens: { ghs_read: 'read' } });
  cleanup.push(() => github.close());
  return github;
}

describe('readBaseMatrix', () => {
  it('reads the file at the base commit from git history when the checkout has it', async () => {
    const { repo, base } = await twoCommits();
    const github = await fakeGitHub();
    const result = await readBaseMatrix({
      file: path.join(repo.dir, 'matrices/models.yml'),
      sha: base,
      repo: { owner: 'acme', name: 'models' },
      api: createGitHubApi({ baseUrl: github.url }),
    });
    expect(result).toEqual({ status: 'found', text: V1, via: 'git' });
    expect(github.requests).toEqual([]);
  });

  it('works from a subdirectory and a relative path', async () => {
    const { repo, base } = await twoCommits();
    const cwd = process.cwd();
    process.chdir(path.join(repo.dir, 'matrices'));
    try {
      expect(await readBaseMatrix({ file: 'models.yml', sha: base })).toEqual({ status: 'found', text: V1, via: 'git' });
    } finally {
      process.chdir(cwd);
    }
  });

  it('a file added after the base is absent there', async () => {
    const repo = await createTempRepo();
    cleanup.push(() => rm(repo.dir, { recursive: true, force: true }));
    const base = await repo.commit({ 'README.md': 'x\n' }, 'base');
    await repo.commit({ 'matrices/models.yml': V1 }, 'add matrix');
    expect(await readBaseMatrix({ file: path.join(repo.dir, 'matrices/models.yml'), sha: base })).toEqual({ status: 'absent', via: 'git' });
  });

  it('in a shallow clone (actions/checkout fetch-depth 1) it asks the contents API', async () => {
    const { repo, base, head } = await twoCommits();
    const clone = await mkdtemp(path.join(tmpdir(), 'ef-shallow-'));
    cleanup.push(() => rm(clone, { recursive: true, force: true }));
    await execa('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, clone]);
    expect((await execa('git', ['-C', clone, 'rev-parse', 'HEAD'])).stdout).toBe(head);

    const github = await fakeGitHub();
    github.setFile(base, 'matrices/models.yml', V1);
    const result = await readBaseMatrix({
      file: path.join(clone, 'matrices/models.yml'),
      sha: base,
      repo: { owner: 'acme', name: 'models' },
      api: createGitHubApi({ token: 'ghs_read', baseUrl: github.url }),
    });
    expect(result).toEqual({ status: 'found', text: V1, via: 'api' });
    expect(github.requests).toEqual([
      expect.objectContaining({
        method: 'GET',
        path: '/repos/acme/models/contents/matrices/models.yml',
        query: { ref: base },
        accept: 'application/vnd.github.raw+json',
      }),
    ]);
  });

  it('a 404 from the contents API means the file is new', async () => {
    const { repo } = await twoCommits();
    const github = await fakeGitHub();
    const missing = 'f'.repeat(40);
    github.addCommit(missing);
    const result = await readBaseMatrix({
      file: path.join(repo.dir, 'matrices/models.yml'),
      sha: missing,
      repo: { owner: 'acme', name: 'models' },
      api: createGitHubApi({ baseUrl: github.url }),
    });
    expect(result).toEqual({ status: 'absent', via: 'api' });
  });

  it('a commit GitHub does not have (force-pushed away) is no answer, not an absent file', async () => {
    const { repo } = await twoCommits();
    const github = await fakeGitHub();
    const gone = 'd'.repeat(40);
    const result = await readBaseMatrix({
      file: path.join(repo.dir, 'matrices/models.yml'),
      sha: gone,
      repo: { owner: 'acme', name: 'models' },
      api: createGitHubApi({ baseUrl: github.url }),
    });
    expect(result).toEqual({ status: 'unavailable', reason: expect.stringContaining(`no commit ${gone} in acme/models`) });
  });

  it('without git it reads the path relative to the workspace through the API', async () => {
    const workspace = await mkdtemp(path.join(tmpdir(), 'ef-nogit-'));
    cleanup.push(() => rm(workspace, { recursive: true, force: true }));
    await writeFile(path.join(workspace, 'models.yml'), V2);
    const github = await fakeGitHub();
    const sha = 'a'.repeat(40);
    github.setFile(sha, 'models.yml', V1);
    const result = await readBaseMatrix({
      file: path.join(workspace, 'models.yml'),
      sha,
      workspace,
      repo: { owner: 'acme', name: 'models' },
      api: createGitHubApi({ baseUrl: github.url }),
    });
    expect(result).toEqual({ status: 'found', text: V1, via: 'api' });
  });

  it('says why when neither git nor the API can answer', async () => {
    const { repo } = await twoCommits();
    const bad = await fakeGitHub();
    const result = await readBaseMatrix({
      file: path.join(repo.dir, 'matrices/models.yml'),
      sha: 'e'.repeat(40),
      repo: { owner: 'acme', name: 'models' },
      api: createGitHubApi({ token: 'not-a-token', baseUrl: bad.url }),
    });
    expect(result).toEqual({ status: 'unavailable', reason: expect.stringContaining('401: Bad credentials') });
    const noApi = await readBaseMatrix({ file: path.join(repo.dir, 'matrices/models.yml'), sha: 'e'.repeat(40) });
    expect(noApi).toEqual({ status: 'unavailable', reason: expect.stringContaining('fetch-depth: 0') });
  });
});
