/**
 * The plan command's GitHub side, as two calls around the planner: `prepareGitHub` (event, base
 * comparison, fork guard) before the outputs are made, `reportToGitHub` (the pull-request comment)
 * after. Outside Actions (no event) both are quiet and nothing is fetched.
 */
import path from 'node:path';
import { errorMessage, UserError } from '../errors.js';
import { compareAll } from '../core/compare.js';
import { renderCompareMarkdown } from '../core/compare-report.js';
import { readBenchRecordsUnder } from '../store/bench-records.js';
import type { Store } from '../store/store.js';
import { DEFAULT_MAX_CELLS, parseMatrix } from '../core/parse.js';
import type { Plan } from '../core/plan.js';
import type { Logger } from '../commands/context.js';
import type { Settings } from '../inputs.js';
import type { LoadedMatrix } from '../matrix-file.js';
import { createGitHubApi, type GitHubApi } from './api.js';
import { changeLines, compareMatrices } from './changes.js';
import { inert, MAX_COMMENT_LENGTH, renderComment, type CommentPlan } from './comment-body.js';
import { upsertPlanComment, type CommentOutcome } from './comment.js';
import { readEvent, type GitHubEvent } from './event.js';
import { decideForkGuard, type ForkGuardDecision } from './fork-guard.js';

export interface GitHubPlanContext {
  event: GitHubEvent;
  guard: ForkGuardDecision;
  changes: CommentPlan['changes'];
  /** Markdown lines for the job summary, above the tables. */
  notices: string[];
  /** Set when the matrix change breaks the version rules: the plan reports, then fails with it. */
  failure?: UserError;
  api: GitHubApi;
  comment: boolean;
  matrixPath: string;
}

export async function prepareGitHub(settings: Settings, loaded: LoadedMatrix, log: Logger): Promise<GitHubPlanContext> {
  const env = settings.env;
  const event = await readEvent(env);
  const guard = decideForkGuard(event, settings.bool('allow-fork-builds', false));
  const token = settings.string('github-token') ?? env.GITHUB_TOKEN;
  const api = createGitHubApi({
    ...(token ? { token } : {}),
    ...(env.GITHUB_API_URL ? { baseUrl: env.GITHUB_API_URL } : {}),
    ...(env.GITHUB_GRAPHQL_URL ? { graphqlUrl: env.GITHUB_GRAPHQL_URL } : {}),
  });
  const workspace = settings.workspace();
  const matrixPath = repoPath(workspace, loaded.file);

  const changes = await compareWithBase(event, loaded, { workspace, api, maxCells: settings.int('max-cells', DEFAULT_MAX_CELLS, { min: 1 }) });
  const notices: string[] = [];
  if (guard.message) {
    notices.push(inert(guard.message));
    if (guard.allowed) log.warning(guard.message);
    else log.notice(guard.message);
  }
  let failure: UserError | undefined;
  if ('note' in changes) {
    // Outside Actions there is no event and nothing to say.
    if (event.name !== '') log.info(`Changes: ${changes.note}`);
  } else {
    const lines = changeLines(changes.result);
    log.info(lines.length > 0 ? `Changes since ${changes.base}:\n${lines.map((l) => `  ${l}`).join('\n')}` : `Changes since ${changes.base}: none in the matrix`);
    if (lines.length > 0) notices.push(`**Changes since \`${changes.base}\`:** ${lines.map(inert).join('; ')}`);
    const errors = changes.result.errors;
    if (errors.length > 0) {
      notices.push(`**Version rules broken:** ${errors.map(inert).join('; ')}`);
      failure = new UserError(`${loaded.file}: ${errors.length} version rule${errors.length === 1 ? '' : 's'} broken since ${changes.base}:`, errors);
    }
  }
  return { event, guard, changes, notices, ...(failure ? { failure } : {}), api, comment: settings.bool('comment', true), matrixPath };
}

/** The fork guard applied to the job lists: withheld runs get none, so nothing reaches a runner. */
export function guardJobs<T>(context: Pick<GitHubPlanContext, 'guard'>, jobs: T[]): T[] {
  return context.guard.allowed ? jobs : [];
}

/**
 * The TensorRT-LLM vs vLLM section for the plan's summary and comment, from the benchmark records
 * of the plan's cells (one listing); undefined when none is recorded. A record that cannot be read
 * is a warning here, never a failed plan.
 */
export async function benchmarkSection(store: Store, plan: Plan, log: Logger): Promise<string | undefined> {
  try {
    const cells = new Set(plan.engines.map((e) => e.id));
    const records = (await readBenchRecordsUnder(store)).filter((r) => cells.has(r.cell));
    return records.length > 0 ? renderCompareMarkdown(compareAll(records)) : undefined;
  } catch (error) {
    log.warning(`benchmarks not shown: ${errorMessage(error)}`);
    return undefined;
  }
}

/** Posts or updates the pull-request comment; never throws for GitHub's sake. */
export async function reportToGitHub(context: GitHubPlanContext, plan: Plan, log: Logger, benchmarks?: string): Promise<CommentOutcome | undefined> {
  const { event } = context;
  if (!context.comment || event.prNumber === undefined || !event.repo) return undefined;
  if (event.kind !== 'pull_request' && event.kind !== 'pull_request_target') return undefined;
  const env = process.env;
  const runUrl = env.GITHUB_SERVER_URL && env.GITHUB_REPOSITORY && env.GITHUB_RUN_ID
    ? `${env.GITHUB_SERVER_URL}/${env.GITHUB_REPOSITORY}/actions/runs/${env.GITHUB_RUN_ID}`
    : undefined;
  const planBody = renderComment({
    matrixPath: context.matrixPath,
    engines: plan.engines.map((e) => ({ id: e.id, status: e.status, reason: e.reason, runsOn: e.cell.runsOn })),
    images: plan.images.map((i) => ({ id: i.id, status: i.status, reason: i.reason, runsOn: i.image.runsOn })),
    checkpoints: plan.checkpoints.map((c) => ({ id: c.id, status: c.status, reason: c.reason, runsOn: c.checkpoint.runsOn })),
    changes: context.changes,
    guard: context.guard,
    ...(event.headSha ? { headSha: event.headSha } : {}),
    ...(runUrl ? { runUrl } : {}),
  });
  // The comparison goes last, and only whole: GitHub refuses bodies over its limit.
  const body = benchmarks !== undefined && planBody.length + benchmarks.length + 2 <= MAX_COMMENT_LENGTH ? `${planBody}\n\n${benchmarks}` : planBody;
  const outcome = await upsertPlanComment(
    context.api,
    { owner: event.repo.owner, repo: event.repo.name, prNumber: event.prNumber, matrixPath: context.matrixPath },
    body,
    log,
  );
  if (outcome.action !== 'skipped') log.info(`Plan comment ${outcome.action}${outcome.url ? `: ${outcome.url}` : ''}`);
  return outcome;
}

async function compareWithBase(
  event: GitHubEvent,
  loaded: LoadedMatrix,
  deps: { workspace: string; api: GitHubApi; maxCells: number },
): Promise<CommentPlan['changes']> {
  if (event.baseSha === undefined) {
    const why = event.kind === 'workflow_dispatch' ? 'workflow_dispatch plans without a base'
      : event.kind === 'push' ? 'a new branch has no earlier commit to compare with'
      : event.name ? `${event.name} events have no base commit` : 'no GitHub event, so no base commit';
    return { note: why };
  }
  const base = event.baseSha.slice(0, 7);
  // Loaded only when there is a base: git via execa is not needed for the other plans.
  const { readBaseMatrix } = await import('./base-matrix.js');
  const found = await readBaseMatrix({
    file: path.resolve(deps.workspace, loaded.file),
    sha: event.baseSha,
    workspace: deps.workspace,
    ...(event.repo ? { repo: event.repo } : {}),
    api: deps.api,
  });
  if (found.status === 'unavailable') return { note: `not compared with ${base}: ${found.reason}` };
  if (found.status === 'absent') return { base, result: compareMatrices(undefined, loaded.matrix) };
  const parsed = parseMatrix(`${loaded.file} at ${base}`, found.text, deps.maxCells);
  if (!parsed.matrix) {
    return { note: `not compared with ${base}: the matrix there does not validate (${parsed.problems[0] ?? 'unknown problem'})` };
  }
  return { base, result: compareMatrices(parsed.matrix, loaded.matrix) };
}

/** The matrix path as the repository knows it (the marker and the API want that, not a local path). */
function repoPath(workspace: string, file: string): string {
  const relative = path.relative(path.resolve(workspace), path.resolve(workspace, file));
  return relative.startsWith('..') ? file : relative.split(path.sep).join('/');
}
