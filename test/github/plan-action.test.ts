/**
 * The plan's GitHub side end to end, through the committed bundle: event payloads, a temporary git
 * repository with two commits of a matrix, and the GitHub API served locally.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commentMarker } from '../../src/github/comment-body.js';
import { runAction } from '../support/action-run.js';
import { createTempRepo, type TempRepo } from '../support/git-repo.js';
import { startFakeGitHub, type FakeGitHub } from '../support/github-api.js';

const REV_A = '0e9e39f249a16976918f6564b8830bc894c89659';
const REV_B = '5f0b02c75b57c5855da9ae460ce51323ea669d8a';
const MATRIX = 'matrices/models.yml';
const events = path.join(import.meta.dirname, '../fixtures/events');

function matrix(version: string, revision: string, extraGpu = false): string {
  return `version: 1
toolchains:
  trtllm: { version: 1.2.0, image: nvcr.io/nvidia/tensorrt-llm/release:1.2.0, backend: pytorch }
  vllm: { version: 0.11.0, image: vllm/vllm-openai:v0.11.0 }
gpus:
  h100: { runs-on: [self-hosted, linux, gpu-h100], count: 8 }
${extraGpu ? '  h200: { runs-on: [self-hosted, linux, gpu-h200], count: 8 }\n' : ''}models:
  llama-3.1-8b:
    source: meta-llama/Llama-3.1-8B-Instruct
    revision: ${revision}
    version: ${version}
    max-input-len: 4096
    max-seq-len: 8192
matrix:
  model: [llama-3.1-8b]
  gpu: [h100${extraGpu ? ', h200' : ''}]
  precision: [bf16, fp8]
  batch: ["1-64"]
  tp: [1]
`;
}

let github: FakeGitHub;
let repo: TempRepo;
let base: string;
let head: string;
let work: string;

beforeAll(async () => {
  github = await startFakeGitHub({ tokens: { ghs_write: 'write', ghs_read: 'read' } });
  repo = await createTempRepo('ef-plan-e2e-');
  base = await repo.commit({ [MATRIX]: matrix('1.4.0', REV_A) }, 'llama 1.4.0');
  head = await repo.commit({ [MATRIX]: matrix('1.5.0', REV_B, true) }, 'llama 1.5.0, h200');
  work = await mkdtemp(path.join(tmpdir(), 'ef-plan-e2e-work-'));
});
afterAll(async () => {
  await github.close();
  await rm(repo.dir, { recursive: true, force: true });
  await rm(work, { recursive: true, force: true });
});

/** A fixture payload with the SHAs of the temporary repository. */
async function event(fixture: string, shas: { base?: string; head?: string } = {}): Promise<string> {
  let text = await readFile(path.join(events, fixture), 'utf8');
  if (shas.base) text = text.replaceAll('1111111111111111111111111111111111111111', shas.base);
  if (shas.head) text = text.replaceAll('2222222222222222222222222222222222222222', shas.head);
  const file = path.join(work, `${fixture}-${Math.random().toString(36).slice(2)}.json`);
  await writeFile(file, text);
  return file;
}

function plan(eventName: string, eventPath: string, workspace: string, inputs: Record<string, string> = {}, token = 'ghs_write') {
  return runAction(
    { command: 'plan', matrix: MATRIX, store: path.join(work, 'store'), ...inputs },
    {
      GITHUB_WORKSPACE: workspace,
      GITHUB_EVENT_NAME: eventName,
      GITHUB_EVENT_PATH: eventPath,
      GITHUB_API_URL: github.url,
      GITHUB_GRAPHQL_URL: `${github.url}/graphql`,
      GITHUB_REPOSITORY: 'acme/models',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_RUN_ID: '4242',
      GITHUB_TOKEN: token,
    },
  );
}

const include = (json: string | undefined) => (JSON.parse(json ?? '{}') as { include: unknown[] }).include;

describe('plan on push', () => {
  it('reports the version bump and the new GPU family from git history, without asking the API', async () => {
    github.requests.length = 0;
    const run = await plan('push', await event('push.json', { base, head }), repo.dir);
    expect(run.exitCode, run.log).toBe(0);
    expect(run.log).toContain('llama-3.1-8b 1.4.0 → 1.5.0 (revision 0e9e39f → 5f0b02c)');
    expect(run.summary).toContain('llama-3.1-8b 1.4.0 → 1.5.0 (revision 0e9e39f → 5f0b02c); GPU families added: h200');
    expect(include(run.outputs.engines)).toHaveLength(4);
    expect(run.outputs['build-count']).toBe('4');
    expect(github.requests).toEqual([]);
  });

  it('fails a revision change without a version bump, after writing outputs and the summary', async () => {
    const bad = await repo.commit({ [MATRIX]: matrix('1.5.0', REV_A, true) }, 'revert the revision only');
    const run = await plan('push', await event('push.json', { base: head, head: bad }), repo.dir);
    expect(run.exitCode).toBe(1);
    expect(run.log).toContain(
      `::error::${MATRIX}: 1 version rule broken since ${head.slice(0, 7)}:%0A  models.llama-3.1-8b: revision changed from '${REV_B}' to '${REV_A}' but version stayed '1.5.0'`,
    );
    expect(run.summary).toContain('**Version rules broken:**');
    expect(run.outputs['build-count']).toBe('4');
    await repo.git('reset', '-q', '--hard', head);
  });

  it('a lower version fails too', async () => {
    const lower = await repo.commit({ [MATRIX]: matrix('1.3.0', REV_B, true) }, 'downgrade');
    const run = await plan('push', await event('push.json', { base: head, head: lower }), repo.dir);
    expect(run.exitCode).toBe(1);
    expect(run.log).toContain("models.llama-3.1-8b.version: went down from '1.5.0' to '1.3.0'");
    await repo.git('reset', '-q', '--hard', head);
  });

  it('a new branch (before = 0000…) plans without a base', async () => {
    const run = await plan('push', await event('push-new-branch.json', { head }), repo.dir);
    expect(run.exitCode, run.log).toBe(0);
    expect(run.log).toContain('Changes: a new branch has no earlier commit to compare with');
  });
});

describe('plan on pull_request', () => {
  let shallow: string;
  beforeAll(async () => {
    // actions/checkout's default: one commit, so the base comes from the contents API.
    shallow = await mkdtemp(path.join(tmpdir(), 'ef-plan-shallow-'));
    await execa('git', ['clone', '-q', '--depth', '1', `file://${repo.dir}`, shallow]);
    github.setFile(base, MATRIX, matrix('1.4.0', REV_A));
  });
  afterAll(async () => {
    await rm(shallow, { recursive: true, force: true });
  });

  it('reads the base through the contents API and keeps one comment, updated in place', async () => {
    github.requests.length = 0;
    // The marker is public: a comment planted before the bot's first must not become the plan's.
    const planted = github.addComment(17, `${commentMarker(MATRIX)}\n**0 engines to build**, LGTM @acme/maintainers`, { login: 'mallory', type: 'User' });
    const payload = await event('pull_request.json', { base, head });
    const first = await plan('pull_request', payload, shallow);
    expect(first.exitCode, first.log).toBe(0);
    expect(github.requests[0]).toMatchObject({ method: 'GET', path: `/repos/acme/models/contents/${MATRIX}`, query: { ref: base } });
    expect(github.requests.some((r) => r.method === 'PATCH')).toBe(false);
    const comments = github.comments(17).filter((c) => c.user.login === 'github-actions[bot]');
    expect(comments).toHaveLength(1);
    expect(github.comments(17).find((c) => c.id === planted.id)!.body).toContain('LGTM @acme/maintainers');
    const body = comments[0]!.body;
    expect(body.startsWith(commentMarker(MATRIX))).toBe(true);
    expect(body).toContain('- llama-3.1-8b 1.4.0 → 1.5.0 (revision 0e9e39f → 5f0b02c)');
    expect(body).toContain('- GPU families added: h200');
    expect(body).toContain('**4 engines to build**');
    expect(body).toContain('| `llama-3.1-8b/h200/fp8/tp1/b1-64` | self-hosted, linux, gpu-h200 |');
    expect(body).toContain('[workflow run](https://github.com/acme/models/actions/runs/4242)');

    // Another push to the pull request: more chatter, then the same comment edited, never a second one.
    for (let i = 0; i < 120; i++) github.addComment(17, `review ${i}`, { login: 'ada', type: 'User' });
    const second = await plan('pull_request', payload, shallow, { 'allow-fork-builds': 'false' });
    expect(second.exitCode, second.log).toBe(0);
    expect(github.comments(17).filter((c) => c.body.startsWith(commentMarker(MATRIX)))).toHaveLength(2);
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0); // same plan: nothing to edit
    github.setFile(base, MATRIX, matrix('1.3.0', REV_A));
    const third = await plan('pull_request', payload, shallow);
    expect(third.exitCode, third.log).toBe(0);
    expect(github.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([`/repos/acme/models/issues/comments/${comments[0]!.id}`]);
    expect(github.requests.filter((r) => r.method === 'POST' && r.path !== '/graphql')).toHaveLength(1);
    expect(comments[0]!.body).toContain('1.3.0 → 1.5.0');
    github.setFile(base, MATRIX, matrix('1.4.0', REV_A));
  });

  it('with a read-only token the comment is skipped with a notice and the plan succeeds', async () => {
    const payload = await event('pull_request.json', { base, head });
    const before = github.comments(17).length;
    const run = await plan('pull_request', payload, shallow, {}, 'ghs_read');
    expect(run.exitCode, run.log).toBe(0);
    expect(run.log).toMatch(/::notice::Plan comment on pull request #17 skipped: .*403: Resource not accessible by integration/);
    expect(github.comments(17).length).toBe(before);
    expect(include(run.outputs.engines)).toHaveLength(4);
  });

  it('comment: false posts nothing', async () => {
    github.requests.length = 0;
    const run = await plan('pull_request', await event('pull_request.json', { base, head }), repo.dir, { comment: 'false' });
    expect(run.exitCode, run.log).toBe(0);
    expect(github.requests).toEqual([]);
  });
});

describe('fork guard', () => {
  it('a pull request from a fork emits no jobs and says so in the summary and the comment attempt', async () => {
    const payload = await event('pull_request-fork.json', { base, head });
    const run = await plan('pull_request', payload, repo.dir, {}, 'ghs_read');
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs.engines).toBe('{"include":[]}');
    expect(run.outputs.images).toBe('{"include":[]}');
    expect(run.outputs['build-count']).toBe('0');
    expect(run.summary).toContain('Fork guard: this pull request comes from a fork, so no engine or image jobs were emitted');
    expect(run.log).toContain('::notice::Fork guard:');
    // A fork's pull_request token is read-only: the comment is refused, the plan still passes.
    expect(run.log).toMatch(/::notice::Plan comment on pull request #42 skipped/);
    expect(github.comments(42)).toEqual([]);
  });

  it('allow-fork-builds: true lets the jobs through with a warning', async () => {
    const run = await plan('pull_request', await event('pull_request-fork.json', { base, head }), repo.dir, { 'allow-fork-builds': 'true', comment: 'false' });
    expect(run.exitCode, run.log).toBe(0);
    expect(include(run.outputs.engines)).toHaveLength(4);
    expect(run.log).toContain('::warning::Fork guard off');
  });

  it('pull_request_target withholds jobs and the comment tells the pull request why', async () => {
    const run = await plan('pull_request_target', await event('pull_request_target-fork.json', { base, head }), repo.dir);
    expect(run.exitCode, run.log).toBe(0);
    expect(run.outputs.engines).toBe('{"include":[]}');
    const comment = github.comments(42).find((c) => c.body.startsWith(commentMarker(MATRIX)));
    expect(comment?.body).toContain('> [!WARNING]\n> Fork guard: this run is a pull_request_target event');
    expect(comment?.body).toContain('**4 engines would build (withheld)**');
  });
});

describe('plan on workflow_dispatch', () => {
  it('plans without a base and posts nothing', async () => {
    github.requests.length = 0;
    const run = await plan('workflow_dispatch', await event('workflow_dispatch.json'), repo.dir);
    expect(run.exitCode, run.log).toBe(0);
    expect(run.log).toContain('Changes: workflow_dispatch plans without a base');
    expect(include(run.outputs.engines)).toHaveLength(4);
    expect(github.requests).toEqual([]);
  });
});
