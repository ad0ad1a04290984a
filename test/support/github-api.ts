/**
 * A stand-in for the GitHub REST API (the one service that cannot run here), serving the endpoints
 * engine-forge calls the way api.github.com does: issue comments with per_page/page and a Link header
 * whose URLs use the /repositories/<id>/ form, 201/200 answers with the comment, 403 "Resource not
 * accessible by integration" for a read-only token, 401 without one, the contents API in its raw and
 * JSON media types. Every token acts as an identity: what it posts is authored by it, GraphQL's
 * `viewer` names it (any token kind), and REST `GET /user` answers only user tokens (an installation
 * token such as GITHUB_TOKEN gets 403, as on GitHub). Every request is recorded so tests can assert
 * what was sent.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type TokenAccess = 'write' | 'read';

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authorization?: string;
  accept?: string;
  body?: unknown;
}

/** Who a token acts as: a user (personal access token) or an app's bot (installation token). */
export interface FakeIdentity {
  login: string;
  type: 'Bot' | 'User';
  /** The account's id; derived from the login when omitted. */
  id?: number;
}

export interface FakeComment {
  id: number;
  body: string;
  user: FakeIdentity;
}

/** A token's access, acting as github-actions[bot] (the GITHUB_TOKEN), or with its own identity. */
export type FakeToken = TokenAccess | { access: TokenAccess; as: FakeIdentity };

export interface FakeGitHubOptions {
  /** `owner/name` of the one repository served. */
  repository?: string;
  repositoryId?: number;
  tokens?: Record<string, FakeToken>;
}

export interface FakeGitHub {
  url: string;
  requests: RecordedRequest[];
  /** Comments of an issue or pull request, oldest first (live: tests may push to it). */
  comments(issue: number): FakeComment[];
  addComment(issue: number, body: string, user?: FakeComment['user']): FakeComment;
  /** Serve `text` as `path` at commit `ref` through the contents API (the commit then exists). */
  setFile(ref: string, path: string, text: string): void;
  /** A commit the repository has, with no files served at it. */
  addCommit(ref: string): void;
  close(): Promise<void>;
}

/** The GITHUB_TOKEN's identity on github.com. */
export const ACTIONS_BOT: FakeIdentity = { login: 'github-actions[bot]', type: 'Bot', id: 41898282 };
const BOT = ACTIONS_BOT;

function accountId(user: FakeIdentity): number {
  if (user.id !== undefined) return user.id;
  let hash = 7;
  for (const ch of user.login.toLowerCase()) hash = (hash * 31 + ch.charCodeAt(0)) % 90_000_000;
  return 10_000_000 + hash;
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const repository = options.repository ?? 'acme/models';
  const repositoryId = options.repositoryId ?? 812_345_678;
  const tokens = options.tokens ?? {};
  const requests: RecordedRequest[] = [];
  const issues = new Map<number, FakeComment[]>();
  const files = new Map<string, string>();
  const commits = new Set<string>();
  let nextId = 2_000_000_001;
  let origin = '';

  const commentsOf = (issue: number): FakeComment[] => {
    let list = issues.get(issue);
    if (!list) issues.set(issue, (list = []));
    return list;
  };
  const render = (issue: number, c: FakeComment) => ({
    id: c.id,
    node_id: `IC_${c.id}`,
    url: `${origin}/repos/${repository}/issues/comments/${c.id}`,
    html_url: `https://github.com/${repository}/pull/${issue}#issuecomment-${c.id}`,
    issue_url: `${origin}/repos/${repository}/issues/${issue}`,
    body: c.body,
    user: { login: c.user.login, id: accountId(c.user), type: c.user.type },
    created_at: '2026-01-01T00:00:00Z',
    updated_at: '2026-01-01T00:00:00Z',
    author_association: c.user.type === 'Bot' ? 'NONE' : 'MEMBER',
  });
  const findComment = (id: number): { issue: number; comment: FakeComment } | undefined => {
    for (const [issue, list] of issues) {
      const comment = list.find((c) => c.id === id);
      if (comment) return { issue, comment };
    }
    return undefined;
  };

  const server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', origin);
    const raw = await readBody(req);
    let body: unknown;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return send(res, 400, { message: 'Problems parsing JSON', documentation_url: 'https://docs.github.com/rest' });
      }
    }
    const method = req.method ?? 'GET';
    requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      ...(req.headers.accept ? { accept: req.headers.accept } : {}),
      ...(body === undefined ? {} : { body }),
    });

    // Authentication: a public repository reads without a token; writes need one with write access.
    const auth = req.headers.authorization;
    let access: TokenAccess | 'anonymous' = 'anonymous';
    let identity: FakeIdentity | undefined;
    if (auth) {
      const token = /^(?:Bearer|token) (.+)$/i.exec(auth)?.[1];
      const known = token === undefined ? undefined : tokens[token];
      if (!known) return send(res, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
      access = typeof known === 'string' ? known : known.access;
      identity = typeof known === 'string' ? BOT : known.as;
    }
    const write = (docs: string): boolean => {
      if (access === 'write') return true;
      if (access === 'anonymous') send(res, 401, { message: 'Requires authentication', documentation_url: docs, status: '401' });
      else send(res, 403, { message: 'Resource not accessible by integration', documentation_url: docs, status: '403' });
      return false;
    };

    if (url.pathname === '/graphql' && method === 'POST') return graphql(res, identity, body);
    if (url.pathname === '/user' && method === 'GET') {
      const docs = 'https://docs.github.com/rest/users/users#get-the-authenticated-user';
      if (!identity) return send(res, 401, { message: 'Requires authentication', documentation_url: docs, status: '401' });
      // An installation token (GITHUB_TOKEN, an app's) is not a user: GitHub refuses it here.
      if (identity.type === 'Bot') return send(res, 403, { message: 'Resource not accessible by integration', documentation_url: docs, status: '403' });
      return send(res, 200, { login: identity.login, id: accountId(identity), node_id: `U_${accountId(identity)}`, type: 'User', site_admin: false });
    }

    const repoPrefix = `/repos/${repository}`;
    let rest: string | undefined;
    if (url.pathname.toLowerCase().startsWith(`${repoPrefix.toLowerCase()}/`)) rest = url.pathname.slice(repoPrefix.length);
    else if (url.pathname.startsWith(`/repositories/${repositoryId}/`)) rest = url.pathname.slice(`/repositories/${repositoryId}`.length);
    if (rest === undefined) return notFound(res);

    let match = /^\/issues\/(\d+)\/comments$/.exec(rest);
    if (match) {
      const issue = Number(match[1]);
      if (method === 'GET') return listComments(res, url, issue);
      if (method === 'POST') {
        if (!write('https://docs.github.com/rest/issues/comments#create-an-issue-comment')) return;
        const text = (body as { body?: unknown } | undefined)?.body;
        if (typeof text !== 'string') return invalid(res, '"body" wasn\'t supplied.');
        const comment: FakeComment = { id: nextId++, body: text, user: identity ?? BOT };
        commentsOf(issue).push(comment);
        return send(res, 201, render(issue, comment), { location: `${origin}/repos/${repository}/issues/comments/${comment.id}` });
      }
    }
    match = /^\/issues\/comments\/(\d+)$/.exec(rest);
    if (match) {
      const found = findComment(Number(match[1]));
      if (method === 'GET') return found ? send(res, 200, render(found.issue, found.comment)) : notFound(res);
      if (method === 'PATCH') {
        if (!write('https://docs.github.com/rest/issues/comments#update-an-issue-comment')) return;
        if (!found) return notFound(res);
        const text = (body as { body?: unknown } | undefined)?.body;
        if (typeof text !== 'string') return invalid(res, '"body" wasn\'t supplied.');
        found.comment.body = text;
        return send(res, 200, render(found.issue, found.comment));
      }
    }
    match = /^\/contents\/(.+)$/.exec(rest);
    if (match && method === 'GET') {
      const path = match[1]!.split('/').map(decodeURIComponent).join('/');
      const ref = url.searchParams.get('ref') ?? 'main';
      if (!commits.has(ref)) {
        return send(res, 404, { message: `No commit found for the ref ${ref}`, documentation_url: 'https://docs.github.com/rest/repos/contents#get-repository-content', status: '404' });
      }
      const text = files.get(`${ref}:${path}`);
      if (text === undefined) return notFound(res, 'https://docs.github.com/rest/repos/contents#get-repository-content');
      if ((req.headers.accept ?? '').includes('application/vnd.github.raw')) {
        res.writeHead(200, { 'content-type': 'application/vnd.github.raw; charset=utf-8' });
        res.end(text);
        return;
      }
      return send(res, 200, {
        type: 'file',
        encoding: 'base64',
        size: Buffer.byteLength(text),
        name: path.split('/').pop(),
        path,
        content: Buffer.from(text).toString('base64').replace(/(.{60})/g, '$1\n'),
      });
    }
    return notFound(res);
  }

  /**
   * GraphQL as GitHub answers it: 401 without a token; otherwise 200, with `errors` for what the
   * schema lacks. Only `viewer { … }` with login, databaseId, id is served; that is all the client asks.
   */
  function graphql(res: ServerResponse, identity: FakeIdentity | undefined, body: unknown): void {
    if (!identity) {
      return send(res, 401, { message: 'This endpoint requires you to be authenticated.', documentation_url: 'https://docs.github.com/graphql/guides/forming-calls-with-graphql#authenticating-with-graphql' });
    }
    const query = (body as { query?: unknown } | undefined)?.query;
    if (typeof query !== 'string') return send(res, 200, { errors: [{ message: 'A query attribute must be specified and must be a string.' }] });
    const selection = /^\s*(?:query\b[^{]*)?\{\s*viewer\s*\{([^{}]*)\}\s*\}\s*$/.exec(query);
    if (!selection) return send(res, 200, { errors: [{ message: 'engine-forge test API: only `{ viewer { … } }` is served', locations: [{ line: 1, column: 1 }] }] });
    const fields: Record<string, unknown> = { login: identity.login, databaseId: accountId(identity), id: `${identity.type === 'Bot' ? 'BOT' : 'U'}_${accountId(identity)}` };
    const viewer: Record<string, unknown> = {};
    for (const field of selection[1]!.split(/[\s,]+/).filter(Boolean)) {
      if (!(field in fields)) return send(res, 200, { errors: [{ path: ['query', 'viewer', field], extensions: { code: 'undefinedField', typeName: 'User', fieldName: field }, message: `Field '${field}' doesn't exist on type 'User'` }] });
      viewer[field] = fields[field];
    }
    send(res, 200, { data: { viewer } });
  }

  function listComments(res: ServerResponse, url: URL, issue: number): void {
    // GitHub: per_page defaults to 30 and is capped at 100; pages count from 1.
    const perPage = Math.min(Math.max(Number(url.searchParams.get('per_page') ?? 30) || 30, 1), 100);
    const page = Math.max(Number(url.searchParams.get('page') ?? 1) || 1, 1);
    const all = issues.get(issue) ?? [];
    const last = Math.max(Math.ceil(all.length / perPage), 1);
    const slice = all.slice((page - 1) * perPage, page * perPage).map((c) => render(issue, c));
    const link = (p: number, rel: string) =>
      `<${origin}/repositories/${repositoryId}/issues/${issue}/comments?per_page=${perPage}&page=${p}>; rel="${rel}"`;
    const links: string[] = [];
    if (page > 1) links.push(link(page - 1, 'prev'));
    if (page < last) links.push(link(page + 1, 'next'), link(last, 'last'));
    if (page > 1) links.push(link(1, 'first'));
    send(res, 200, slice, links.length > 0 ? { link: links.join(', ') } : {});
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url: origin,
    requests,
    comments: commentsOf,
    addComment(issue, body, user = BOT) {
      const comment: FakeComment = { id: nextId++, body, user };
      commentsOf(issue).push(comment);
      return comment;
    },
    setFile(ref, path, text) {
      commits.add(ref);
      files.set(`${ref}:${path}`, text);
    },
    addCommit(ref) {
      commits.add(ref);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function send(res: ServerResponse, status: number, json: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(json));
}

function notFound(res: ServerResponse, docs = 'https://docs.github.com/rest'): void {
  send(res, 404, { message: 'Not Found', documentation_url: docs, status: '404' });
}

function invalid(res: ServerResponse, detail: string): void {
  send(res, 422, { message: `Invalid request.\n\n${detail}`, documentation_url: 'https://docs.github.com/rest', status: '422' });
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}
