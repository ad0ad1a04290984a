import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGitHubApi, nextLink } from '../../src/github/api.js';
import { upsertPlanComment, type CommentLog } from '../../src/github/comment.js';
import { commentMarker } from '../../src/github/comment-body.js';
import { ACTIONS_BOT, startFakeGitHub, type FakeGitHub } from '../support/github-api.js';

const target = { owner: 'acme', repo: 'models', prNumber: 17, matrixPath: 'matrices/models.yml' };
const marker = commentMarker(target.matrixPath);

function recordingLog(): CommentLog & { notices: string[]; warnings: string[] } {
  const notices: string[] = [];
  const warnings: string[] = [];
  return { notices, warnings, notice: (m) => notices.push(m), warning: (m) => warnings.push(m) };
}

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub({
    tokens: {
      ghs_write: 'write',
      ghs_read: 'read',
      // A personal access token acts as its user; another app's installation token as that app's bot.
      ghp_release: { access: 'write', as: { login: 'Release-Eng', type: 'User' } },
      ghs_otherapp: { access: 'write', as: { login: 'acme-ci[bot]', type: 'Bot' } },
    },
  });
});
afterEach(async () => {
  await github.close();
});

describe('upsertPlanComment', () => {
  it('creates one comment, then edits it in place on the next push', async () => {
    const api = createGitHubApi({ token: 'ghs_write', baseUrl: github.url });
    const log = recordingLog();
    const first = await upsertPlanComment(api, target, `${marker}\nplan one\n`, log);
    expect(first.action).toBe('created');
    const second = await upsertPlanComment(api, target, `${marker}\nplan two\n`, log);
    expect(second).toMatchObject({ action: 'updated', id: 'id' in first ? first.id : -1 });
    expect(github.comments(17).map((c) => c.body)).toEqual([`${marker}\nplan two\n`]);
    expect(github.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /repos/acme/models/issues/17/comments',
      'POST /repos/acme/models/issues/17/comments',
      'GET /repos/acme/models/issues/17/comments',
      // Whose comment is whose: asked once a marked comment exists.
      'POST /graphql',
      `PATCH /repos/acme/models/issues/comments/${'id' in first ? first.id : -1}`,
    ]);
    expect(github.requests[0]).toMatchObject({ query: { per_page: '100' }, authorization: 'Bearer ghs_write' });
    expect(log.notices).toEqual([]);
  });

  it('does not touch a comment whose body is already current', async () => {
    const api = createGitHubApi({ token: 'ghs_write', baseUrl: github.url });
    await upsertPlanComment(api, target, `${marker}\nsame\n`, recordingLog());
    const again = await upsertPlanComment(api, target, `${marker}\nsame\n`, recordingLog());
    expect(again.action).toBe('unchanged');
    expect(github.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql')).toHaveLength(1);
  });

  it('finds its comment on the third page by following the Link header', async () => {
    for (let i = 0; i < 230; i++) github.addComment(17, `review chatter ${i}`, { login: 'ada', type: 'User' });
    const ours = github.addComment(17, `${marker}\nold plan\n`);
    github.addComment(17, 'one more after it', { login: 'ada', type: 'User' });
    const api = createGitHubApi({ token: 'ghs_write', baseUrl: github.url });
    const outcome = await upsertPlanComment(api, target, `${marker}\nnew plan\n`, recordingLog());
    expect(outcome).toMatchObject({ action: 'updated', id: ours.id });
    expect(github.comments(17)).toHaveLength(232);
    const pages = github.requests.filter((r) => r.method === 'GET');
    // GitHub's next links use /repositories/<id>/…; the client must follow them verbatim.
    expect(pages.map((r) => `${r.path}?page=${r.query.page ?? '1'}`)).toEqual([
      '/repos/acme/models/issues/17/comments?page=1',
      '/repositories/812345678/issues/17/comments?page=2',
      '/repositories/812345678/issues/17/comments?page=3',
    ]);
  });

  it('ignores a reply that quotes the marker and prefers the bot\'s comment over a pasted one', async () => {
    github.addComment(17, `> ${marker}\n> quoted`, { login: 'ada', type: 'User' });
    github.addComment(17, `${marker}\npasted by a person`, { login: 'mallory', type: 'User' });
    const bot = github.addComment(17, `${marker}\nours`);
    const api = createGitHubApi({ token: 'ghs_write', baseUrl: github.url });
    expect(await upsertPlanComment(api, target, `${marker}\nnew\n`, recordingLog())).toMatchObject({ action: 'updated', id: bot.id });
  });

  it('never edits a marked comment someone else wrote before the bot\'s first: it posts its own', async () => {
    const planted = github.addComment(17, `${marker}\nplan says: merge me, @maintainers`, { login: 'mallory', type: 'User' });
    const api = createGitHubApi({ token: 'ghs_write', baseUrl: github.url });
    const outcome = await upsertPlanComment(api, target, `${marker}\nreal plan\n`, recordingLog());
    expect(outcome.action).toBe('created');
    expect(github.comments(17).find((c) => c.id === planted.id)?.body).toBe(`${marker}\nplan says: merge me, @maintainers`);
    expect(github.comments(17).map((c) => c.user.login)).toEqual(['mallory', 'github-actions[bot]']);
    // The next push edits the bot's comment, still not mallory's.
    const next = await upsertPlanComment(api, target, `${marker}\nreal plan 2\n`, recordingLog());
    expect(next).toMatchObject({ action: 'updated', id: 'id' in outcome ? outcome.id : -1 });
    expect(github.requests.filter((r) => r.method === 'PATCH').map((r) => r.path)).toEqual([`/repos/acme/models/issues/comments/${'id' in outcome ? outcome.id : -1}`]);
  });

  it('another app\'s bot is not ours either: only the token\'s own identity counts', async () => {
    github.addComment(17, `${marker}\nfrom another app`, { login: 'acme-ci[bot]', type: 'Bot' });
    const api = createGitHubApi({ token: 'ghs_write', baseUrl: github.url });
    expect((await upsertPlanComment(api, target, `${marker}\nplan\n`, recordingLog())).action).toBe('created');
    // With that app's own token, its comment is the one to edit.
    const app = createGitHubApi({ token: 'ghs_otherapp', baseUrl: github.url });
    expect(await upsertPlanComment(app, target, `${marker}\nplan\n`, recordingLog())).toMatchObject({ action: 'updated', id: github.comments(17)[0]!.id });
  });

  it('with a personal access token its user is the author, whatever the case of the login', async () => {
    github.addComment(17, `${marker}\nbot plan`, ACTIONS_BOT);
    const mine = github.addComment(17, `${marker}\nmy plan`, { login: 'release-eng', type: 'User' });
    const api = createGitHubApi({ token: 'ghp_release', baseUrl: github.url });
    expect(await upsertPlanComment(api, target, `${marker}\nnew\n`, recordingLog())).toMatchObject({ action: 'updated', id: mine.id });
    // REST GET /user would have refused the GITHUB_TOKEN; the GraphQL viewer names both kinds.
    const user = await fetch(`${github.url}/user`, { headers: { authorization: 'Bearer ghs_write' } });
    expect(user.status).toBe(403);
  });

  it('when the token\'s identity cannot be learnt it warns and edits nothing', async () => {
    github.addComment(17, `${marker}\nold`);
    const failing = (async (url: string | URL | Request, init?: RequestInit) =>
      String(url).endsWith('/graphql') ? new Response('{"message":"Server Error"}', { status: 502 }) : fetch(url, init)) as typeof fetch;
    const api = createGitHubApi({ token: 'ghs_write', baseUrl: github.url, fetch: failing });
    const log = recordingLog();
    const outcome = await upsertPlanComment(api, target, `${marker}\nnew\n`, log);
    expect(outcome.action).toBe('skipped');
    expect(log.warnings[0]).toContain('GitHub API POST /graphql answered 502');
    expect(github.requests.filter((r) => r.method !== 'GET' && r.path !== '/graphql')).toEqual([]);
  });

  it('keeps a separate comment per matrix file', async () => {
    const api = createGitHubApi({ token: 'ghs_write', baseUrl: github.url });
    const other = { ...target, matrixPath: 'matrices/other.yml' };
    await upsertPlanComment(api, target, `${marker}\na\n`, recordingLog());
    await upsertPlanComment(api, other, `${commentMarker(other.matrixPath)}\nb\n`, recordingLog());
    expect(github.comments(17)).toHaveLength(2);
  });

  it('with a read-only token it emits a notice naming the permission and does not throw', async () => {
    const api = createGitHubApi({ token: 'ghs_read', baseUrl: github.url });
    const log = recordingLog();
    const outcome = await upsertPlanComment(api, target, `${marker}\nplan\n`, log);
    expect(outcome.action).toBe('skipped');
    expect(log.notices).toHaveLength(1);
    expect(log.notices[0]).toContain('403: Resource not accessible by integration');
    expect(log.notices[0]).toContain('pull-requests: write');
    expect(github.comments(17)).toEqual([]);
  });

  it('a server error is a warning, never a failure', async () => {
    const api = createGitHubApi({ token: 'ghs_write', baseUrl: 'http://127.0.0.1:9' });
    const log = recordingLog();
    const outcome = await upsertPlanComment(api, target, `${marker}\nplan\n`, log);
    expect(outcome.action).toBe('skipped');
    expect(log.warnings).toHaveLength(1);
  });
});

describe('nextLink', () => {
  it('picks rel="next" out of a GitHub Link header', () => {
    const header =
      '<https://api.github.com/repositories/1/issues/2/comments?per_page=100&page=1>; rel="prev", ' +
      '<https://api.github.com/repositories/1/issues/2/comments?per_page=100&page=3>; rel="next", ' +
      '<https://api.github.com/repositories/1/issues/2/comments?per_page=100&page=5>; rel="last"';
    expect(nextLink(header)).toBe('https://api.github.com/repositories/1/issues/2/comments?per_page=100&page=3');
    expect(nextLink(null)).toBeUndefined();
    expect(nextLink('<https://x/?page=1>; rel="first"')).toBeUndefined();
  });
});

describe('createGitHubApi', () => {
  it('never follows a pagination link to another origin, where the token would go too', async () => {
    const github = await startFakeGitHub();
    const evil = (async (url: string | URL | Request, init?: RequestInit) => {
      const response = await fetch(url, init);
      return new Response(await response.text(), {
        status: response.status,
        headers: { 'content-type': 'application/json', link: '<https://attacker.example/steal?page=2>; rel="next"' },
      });
    }) as typeof fetch;
    try {
      const api = createGitHubApi({ baseUrl: github.url, fetch: evil });
      await expect(api.paginate('/repos/acme/models/issues/1/comments')).rejects.toThrow('pagination link leaves the API origin');
    } finally {
      await github.close();
    }
  });
});
