import type { GitHubEvent } from './event.js';

export interface ForkGuardDecision {
  /** Whether engine and image jobs may be emitted at all. */
  allowed: boolean;
  /** Why, for the job summary and the pull-request comment; absent for ordinary trusted runs. */
  message?: string;
}

/**
 * Pure: may this run send jobs to self-hosted runners? Code from a fork must not reach them, and
 * pull_request_target runs with the base repository's secrets and write token whatever the head is.
 */
export function decideForkGuard(event: Pick<GitHubEvent, 'kind' | 'isFork'>, allowForkBuilds: boolean): ForkGuardDecision {
  const untrusted = event.kind === 'pull_request_target'
    ? 'this run is a pull_request_target event, which runs with the repository\'s secrets and write token'
    : event.isFork
      ? 'this pull request comes from a fork'
      : undefined;
  if (untrusted === undefined) return { allowed: true };
  if (allowForkBuilds) {
    return {
      allowed: true,
      message: `Fork guard off: ${untrusted}, and allow-fork-builds is true, so its jobs go to self-hosted runners.`,
    };
  }
  return {
    allowed: false,
    message:
      `Fork guard: ${untrusted}, so no engine or image jobs were emitted and nothing runs on self-hosted runners. ` +
      'Set allow-fork-builds: true only if those runners may run code from outside the team.',
  };
}
