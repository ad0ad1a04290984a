import { readFile } from 'node:fs/promises';
import { UserError, quote } from '../errors.js';

export type EventKind = 'push' | 'pull_request' | 'pull_request_target' | 'workflow_dispatch' | 'other';

/** What the plan needs from the workflow event: where to compare from, and whether the code is trusted. */
export interface GitHubEvent {
  kind: EventKind;
  /** The event name as GitHub gave it (`merge_group`, `schedule`, … for kind `other`). */
  name: string;
  /** The commit to compare the matrix against; absent for a new branch, a dispatch or an unknown event. */
  baseSha?: string;
  headSha?: string;
  prNumber?: number;
  /** The code under test comes from another repository (a fork), or we cannot tell that it does not. */
  isFork: boolean;
  /** `owner/name` of the repository the workflow runs in; absent outside Actions. */
  repo?: { owner: string; name: string };
  /** The ref the run is for (`refs/heads/main`), from the payload or GITHUB_REF. */
  ref?: string;
  /** The repository's default branch (`main`), when the payload says. */
  defaultBranch?: string;
}

// A branch creation or deletion reports the missing side as forty zeros.
const NULL_SHA = /^0+$/;
const SHA = /^[0-9a-f]{40}([0-9a-f]{24})?$/;

/** Reads GITHUB_EVENT_NAME and the payload at GITHUB_EVENT_PATH; no event at all is a local run. */
export async function readEvent(env: NodeJS.ProcessEnv = process.env): Promise<GitHubEvent> {
  const name = env.GITHUB_EVENT_NAME ?? '';
  const path = env.GITHUB_EVENT_PATH;
  let payload: unknown = {};
  if (path) {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      throw new UserError(`GITHUB_EVENT_PATH ${quote(path)} cannot be read: ${(error as Error).message}`);
    }
    try {
      payload = JSON.parse(text);
    } catch {
      throw new UserError(`GITHUB_EVENT_PATH ${quote(path)} is not JSON`);
    }
  }
  const event = parseEvent(name, payload, env.GITHUB_REPOSITORY);
  return event.ref === undefined && env.GITHUB_REF ? { ...event, ref: env.GITHUB_REF } : event;
}

/** Pure: event name + payload → the facts the plan uses. Unknown shapes degrade to "no base". */
export function parseEvent(name: string, payload: unknown, repository?: string): GitHubEvent {
  const p = asRecord(payload);
  const repo = parseRepo(str(asRecord(p.repository).full_name) ?? repository);
  const ref = str(p.ref);
  const defaultBranch = str(asRecord(p.repository).default_branch);
  const base: Pick<GitHubEvent, 'name' | 'repo' | 'ref' | 'defaultBranch'> = { name, ...(repo ? { repo } : {}), ...(ref ? { ref } : {}), ...(defaultBranch ? { defaultBranch } : {}) };

  if (name === 'push') {
    return {
      ...base,
      kind: 'push',
      ...sha('baseSha', str(p.before)),
      ...sha('headSha', str(p.after)),
      isFork: false,
    };
  }
  if (name === 'pull_request' || name === 'pull_request_target') {
    const pr = asRecord(p.pull_request);
    const number = typeof p.number === 'number' ? p.number : pr.number;
    return {
      ...base,
      kind: name,
      ...sha('baseSha', str(asRecord(pr.base).sha)),
      ...sha('headSha', str(asRecord(pr.head).sha)),
      ...(typeof number === 'number' && Number.isInteger(number) ? { prNumber: number } : {}),
      isFork: pullRequestIsFork(pr, repo),
    };
  }
  if (name === 'workflow_dispatch') return { ...base, kind: 'workflow_dispatch', isFork: false };
  // Other events that carry a pull request (review, review comment) or a run of one (workflow_run)
  // still say where the code came from; the fork guard must see that too.
  const pr = asRecord(p.pull_request);
  if (Object.keys(pr).length > 0) return { ...base, kind: 'other', isFork: pullRequestIsFork(pr, repo) };
  const run = asRecord(p.workflow_run);
  if (Object.keys(run).length > 0) {
    const from = str(asRecord(run.head_repository).full_name);
    return { ...base, kind: 'other', isFork: !repo || from !== `${repo.owner}/${repo.name}` };
  }
  return { ...base, kind: 'other', isFork: false };
}

function pullRequestIsFork(pr: Record<string, unknown>, repo: GitHubEvent['repo']): boolean {
  // A deleted fork leaves head.repo null: untrusted. Compare names rather than trusting head.repo.fork,
  // which is also true for a branch of a repository that is itself a fork.
  const head = str(asRecord(asRecord(pr.head).repo).full_name);
  const target = str(asRecord(asRecord(pr.base).repo).full_name) ?? (repo ? `${repo.owner}/${repo.name}` : undefined);
  return head === undefined || target === undefined || head.toLowerCase() !== target.toLowerCase();
}

function sha<K extends 'baseSha' | 'headSha'>(key: K, value: string | undefined): Partial<Record<K, string>> {
  if (value === undefined || NULL_SHA.test(value) || !SHA.test(value)) return {};
  return { [key]: value } as Partial<Record<K, string>>;
}

function parseRepo(fullName: string | undefined): GitHubEvent['repo'] {
  const match = /^([^/\s]+)\/([^/\s]+)$/.exec(fullName ?? '');
  return match ? { owner: match[1]!, name: match[2]! } : undefined;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
