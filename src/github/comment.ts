import { errorMessage } from '../errors.js';
import { GitHubApiError, type GitHubApi } from './api.js';
import { commentMarker } from './comment-body.js';

export interface CommentTarget {
  owner: string;
  repo: string;
  prNumber: number;
  matrixPath: string;
}

export type CommentOutcome =
  | { action: 'created' | 'updated' | 'unchanged'; id: number; url?: string }
  | { action: 'skipped'; reason: string };

export interface CommentLog {
  notice(message: string): void;
  warning(message: string): void;
}

interface IssueComment {
  id: number;
  body?: string | null;
  html_url?: string;
  user?: { login?: string; type?: string } | null;
}

/**
 * One comment per pull request and matrix file: found by its hidden marker across every page of
 * comments, edited in place, created only when absent. Only a comment written by the token's own
 * identity is ours: the marker is public, so anyone could post it first and have the plan written
 * under their name. A comment is a courtesy: no answer from GitHub fails the plan; a token without
 * write access gets a notice saying which permission to add.
 */
export async function upsertPlanComment(
  api: GitHubApi,
  target: CommentTarget,
  body: string,
  log: CommentLog,
): Promise<CommentOutcome> {
  const repoPath = `/repos/${encodeURIComponent(target.owner)}/${encodeURIComponent(target.repo)}`;
  const marker = commentMarker(target.matrixPath);
  try {
    const comments = await api.paginate<IssueComment>(`${repoPath}/issues/${target.prNumber}/comments?per_page=100`);
    // startsWith: a reply quoting our comment carries the marker too, but never first.
    const marked = comments.filter((c) => typeof c.body === 'string' && c.body.startsWith(marker));
    // Asked only when there is something to tell apart: the first plan of a pull request needs no lookup.
    const me = marked.length > 0 ? await tokenLogin(api) : undefined;
    const existing = me === undefined ? undefined : marked.find((c) => writtenBy(c, me));
    if (existing) {
      if (existing.body === body) return { action: 'unchanged', id: existing.id, ...url(existing) };
      const updated = await api.request<IssueComment>('PATCH', `${repoPath}/issues/comments/${existing.id}`, { body });
      return { action: 'updated', id: updated.id, ...url(updated) };
    }
    const created = await api.request<IssueComment>('POST', `${repoPath}/issues/${target.prNumber}/comments`, { body });
    return { action: 'created', id: created.id, ...url(created) };
  } catch (error) {
    if (error instanceof GitHubApiError && [401, 403, 404].includes(error.status)) {
      const reason =
        `Plan comment on pull request #${target.prNumber} skipped: the token may not write to it (${errorMessage(error)}). ` +
        'Give the job `permissions: pull-requests: write`, or set `comment: false`. Pull requests from forks get a read-only token.';
      log.notice(reason);
      return { action: 'skipped', reason };
    }
    const reason = `Plan comment on pull request #${target.prNumber} skipped: ${errorMessage(error)}`;
    log.warning(reason);
    return { action: 'skipped', reason };
  }
}

/**
 * The login the token acts as. GraphQL's `viewer` answers every kind of token (GITHUB_TOKEN and
 * other app installation tokens, which REST `GET /user` refuses with 403, as well as personal ones).
 */
export async function tokenLogin(api: GitHubApi): Promise<string> {
  const data = await api.graphql<{ viewer?: { login?: unknown } }>('query { viewer { login } }');
  const login = data.viewer?.login;
  if (typeof login !== 'string' || login === '') throw new Error('GitHub GraphQL named no viewer login for the token, so its own comment cannot be told apart');
  return login;
}

/** Logins compare case-insensitively; a bot's login carries "[bot]" in REST, which `viewer` may leave off. */
function writtenBy(comment: IssueComment, login: string): boolean {
  const author = comment.user?.login?.toLowerCase();
  if (author === undefined) return false;
  const me = login.toLowerCase();
  return author === me || (comment.user?.type === 'Bot' && author === `${me}[bot]`);
}

function url(comment: IssueComment): { url?: string } {
  return comment.html_url ? { url: comment.html_url } : {};
}
