import { realpath } from 'node:fs/promises';
import path from 'node:path';
import { execa } from 'execa';
import { errorMessage } from '../errors.js';
import type { GitHubApi } from './api.js';

/** The matrix file as it was at the base commit, and how we learnt it. */
export type BaseMatrixText =
  | { status: 'found'; text: string; via: 'git' | 'api' }
  /** The file did not exist at the base: every model in it is new. */
  | { status: 'absent'; via: 'git' | 'api' }
  /** Neither the checkout nor the API could say; changes are not reported. */
  | { status: 'unavailable'; reason: string };

export interface BaseMatrixOptions {
  /** The matrix file in the checkout (absolute, or relative to the working directory). */
  file: string;
  sha: string;
  /** Root of the checkout (GITHUB_WORKSPACE); used for the API path when git is not there. */
  workspace?: string;
  repo?: { owner: string; name: string };
  api?: GitHubApi;
}

/**
 * Reads the matrix at `sha`: from git history when the checkout has that commit, else through the
 * contents API — actions/checkout fetches one commit by default, so the base is usually missing.
 */
export async function readBaseMatrix(options: BaseMatrixOptions): Promise<BaseMatrixText> {
  const file = path.resolve(options.file);
  const git = await gitLocation(file);
  if (git) {
    const fromGit = await readFromGit(git.top, git.relative, options.sha);
    if (fromGit) return fromGit;
  }

  const relative = git?.relative ?? relativeTo(options.workspace ?? process.cwd(), file);
  if (relative === undefined) {
    return { status: 'unavailable', reason: `the matrix file '${file}' is outside the workspace` };
  }
  if (!options.api || !options.repo) {
    return {
      status: 'unavailable',
      reason: `commit ${options.sha.slice(0, 7)} is not in the checkout (fetch-depth: 0 brings it) and no repository is known to ask the GitHub API`,
    };
  }
  try {
    const text = await options.api.readFile(options.repo.owner, options.repo.name, relative, options.sha);
    return text === undefined ? { status: 'absent', via: 'api' } : { status: 'found', text, via: 'api' };
  } catch (error) {
    return { status: 'unavailable', reason: `reading ${relative} at ${options.sha.slice(0, 7)}: ${errorMessage(error)}` };
  }
}

async function gitLocation(file: string): Promise<{ top: string; relative: string } | undefined> {
  const result = await execa('git', ['-C', path.dirname(file), 'rev-parse', '--show-toplevel'], { reject: false });
  if (result.exitCode !== 0 || !result.stdout) return undefined;
  // Compare real paths: the toplevel git prints has symlinks resolved, the input path may not.
  const top = await realpath(result.stdout.trim());
  const relative = relativeTo(top, await realpath(file).catch(() => file));
  return relative === undefined ? undefined : { top, relative };
}

/** undefined when the commit is not in the checkout (a shallow clone), so the caller asks the API. */
async function readFromGit(top: string, relative: string, sha: string): Promise<BaseMatrixText | undefined> {
  // Only a full commit id reaches git: an argument starting with '-' would be an option.
  if (!/^[0-9a-f]{40,64}$/.test(sha)) return undefined;
  const hasCommit = await execa('git', ['-C', top, 'cat-file', '-e', `${sha}^{commit}`], { reject: false });
  if (hasCommit.exitCode !== 0) return undefined;
  const blob = await execa('git', ['-C', top, 'cat-file', 'blob', `${sha}:${relative}`], {
    reject: false,
    stripFinalNewline: false,
  });
  if (blob.exitCode === 0) return { status: 'found', text: blob.stdout, via: 'git' };
  const exists = await execa('git', ['-C', top, 'cat-file', '-e', `${sha}:${relative}`], { reject: false });
  if (exists.exitCode !== 0) return { status: 'absent', via: 'git' };
  return undefined;
}

/** `file` relative to `root` with forward slashes, or undefined when it lies outside. */
function relativeTo(root: string, file: string): string | undefined {
  const relative = path.relative(path.resolve(root), file);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return undefined;
  return relative.split(path.sep).join('/');
}
