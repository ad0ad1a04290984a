import { readEvent, type GitHubEvent } from '../github/event.js';
import type { Settings } from '../inputs.js';
import type { Channel } from '../store/layout.js';

/** The `channel` input: where a run's artifacts go, and whether its plan may promote candidates. */
export const CHANNEL_INPUTS = ['auto', 'default-branch', 'pull-request'] as const;

export interface ChannelChoice {
  /** Where publish, build and image write manifests; what plan counts as already built. */
  channel: Channel;
  /** Whether plan promotes a candidate whose fingerprint a cell needs (only on the default branch). */
  promote: boolean;
  pullRequest?: number;
  /** Why, for the log. */
  why: string;
}

/**
 * Decides the channel. Code that has not merged into the default branch publishes candidates,
 * which `resolve` and the default branch's plan never take for published: a pull request (or an
 * event carrying one), a merge queue's trial merge, a push to another branch or a tag. Only a run
 * known to be on the default branch promotes. Outside Actions (a CLI run) publishes as before but
 * never promotes: it cannot tell a merged change from a checkout of a pull request's branch.
 */
export function chooseChannel(input: (typeof CHANNEL_INPUTS)[number] | undefined, event: GitHubEvent): ChannelChoice {
  const pr = event.prNumber === undefined ? {} : { pullRequest: event.prNumber };
  if (input === 'pull-request') return { channel: 'candidate', promote: false, ...pr, why: 'channel: pull-request' };
  if (input === 'default-branch') return { channel: 'published', promote: true, why: 'channel: default-branch' };
  if (event.name === '') return { channel: 'published', promote: false, why: 'outside GitHub Actions' };
  if (event.name.startsWith('pull_request') || event.prNumber !== undefined || event.name === 'merge_group') {
    return { channel: 'candidate', promote: false, ...pr, why: `the ${event.name} event is not merged code` };
  }
  // Scheduled runs always run on the default branch's latest commit.
  if (event.name === 'schedule') return { channel: 'published', promote: true, why: 'a scheduled run is on the default branch' };
  if (event.defaultBranch !== undefined && event.ref === `refs/heads/${event.defaultBranch}`) {
    return { channel: 'published', promote: true, why: `${event.ref} is the default branch` };
  }
  const where = event.ref === undefined ? 'a ref' : event.ref;
  const what = event.defaultBranch === undefined ? 'the default branch is unknown for this event' : `the default branch is ${event.defaultBranch}`;
  return { channel: 'candidate', promote: false, why: `${where} on ${event.name}: ${what} (set 'channel: default-branch' to publish)` };
}

export async function channelOf(settings: Settings): Promise<ChannelChoice> {
  return chooseChannel(settings.oneOf('channel', CHANNEL_INPUTS), await readEvent(settings.env));
}
