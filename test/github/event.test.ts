import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseEvent, readEvent } from '../../src/github/event.js';
import { decideForkGuard } from '../../src/github/fork-guard.js';
import { UserError } from '../../src/errors.js';

const fixture = (name: string) => path.join(import.meta.dirname, '../fixtures/events', name);
const read = (name: string, event: string) => readEvent({ GITHUB_EVENT_NAME: event, GITHUB_EVENT_PATH: fixture(name) });

describe('readEvent', () => {
  it('push compares against the event\'s before', async () => {
    expect(await read('push.json', 'push')).toEqual({
      name: 'push',
      kind: 'push',
      baseSha: '1111111111111111111111111111111111111111',
      headSha: '2222222222222222222222222222222222222222',
      isFork: false,
      repo: { owner: 'acme', name: 'models' },
      ref: 'refs/heads/main',
      defaultBranch: 'main',
    });
  });

  it('a push that creates a branch (before = 0000…) has no base', async () => {
    const event = await read('push-new-branch.json', 'push');
    expect(event.baseSha).toBeUndefined();
    expect(event.headSha).toBe('2222222222222222222222222222222222222222');
  });

  it('pull_request compares against the base SHA and is not a fork within the repository', async () => {
    expect(await read('pull_request.json', 'pull_request')).toEqual({
      name: 'pull_request',
      kind: 'pull_request',
      baseSha: '1111111111111111111111111111111111111111',
      headSha: '2222222222222222222222222222222222222222',
      prNumber: 17,
      isFork: false,
      repo: { owner: 'acme', name: 'models' },
      defaultBranch: 'main',
    });
  });

  it('a pull request whose head lives in another repository is a fork', async () => {
    const event = await read('pull_request-fork.json', 'pull_request');
    expect(event).toMatchObject({ kind: 'pull_request', prNumber: 42, isFork: true });
    const target = await read('pull_request_target-fork.json', 'pull_request_target');
    expect(target).toMatchObject({ kind: 'pull_request_target', prNumber: 42, isFork: true });
  });

  it('a pull request from a deleted fork (head.repo null) is treated as a fork', () => {
    const event = parseEvent('pull_request', {
      number: 5,
      pull_request: { number: 5, head: { sha: 'a'.repeat(40), repo: null }, base: { sha: 'b'.repeat(40), repo: { full_name: 'acme/models' } } },
      repository: { full_name: 'acme/models' },
    });
    expect(event.isFork).toBe(true);
  });

  it('workflow_dispatch plans without a base', async () => {
    expect(await read('workflow_dispatch.json', 'workflow_dispatch')).toEqual({
      name: 'workflow_dispatch',
      kind: 'workflow_dispatch',
      isFork: false,
      repo: { owner: 'acme', name: 'models' },
      ref: 'refs/heads/main',
      defaultBranch: 'main',
    });
  });

  it('a workflow_run started by a fork\'s pull request is untrusted', () => {
    const event = parseEvent('workflow_run', {
      workflow_run: { head_repository: { full_name: 'mallory/models' } },
      repository: { full_name: 'acme/models' },
    });
    expect(event).toMatchObject({ kind: 'other', isFork: true });
  });

  it('outside Actions (no event) is a local run with no base', async () => {
    expect(await readEvent({})).toEqual({ name: '', kind: 'other', isFork: false });
  });

  it('an unreadable payload is a UserError naming the path', async () => {
    await expect(readEvent({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: '/nonexistent/event.json' })).rejects.toThrow(UserError);
    await expect(readEvent({ GITHUB_EVENT_NAME: 'push', GITHUB_EVENT_PATH: '/nonexistent/event.json' })).rejects.toThrow(
      "GITHUB_EVENT_PATH '/nonexistent/event.json' cannot be read",
    );
  });

  it('a SHA that is not a commit id is ignored rather than passed on', () => {
    expect(parseEvent('push', { before: '--output=/tmp/x', after: 'HEAD' }).baseSha).toBeUndefined();
  });
});

describe('decideForkGuard', () => {
  it('lets trusted events through silently', () => {
    expect(decideForkGuard({ kind: 'push', isFork: false }, false)).toEqual({ allowed: true });
    expect(decideForkGuard({ kind: 'pull_request', isFork: false }, false)).toEqual({ allowed: true });
  });

  it('withholds jobs for a fork pull request and for pull_request_target', () => {
    const fork = decideForkGuard({ kind: 'pull_request', isFork: true }, false);
    expect(fork.allowed).toBe(false);
    expect(fork.message).toContain('this pull request comes from a fork');
    expect(fork.message).toContain('allow-fork-builds: true');
    const target = decideForkGuard({ kind: 'pull_request_target', isFork: false }, false);
    expect(target.allowed).toBe(false);
    expect(target.message).toContain('pull_request_target');
  });

  it('allow-fork-builds lets them through, with a message saying so', () => {
    const decision = decideForkGuard({ kind: 'pull_request', isFork: true }, true);
    expect(decision.allowed).toBe(true);
    expect(decision.message).toContain('allow-fork-builds is true');
  });
});
