/**
 * Where a build's output goes: collapsible groups in the Actions log, plain lines on a terminal.
 */
import { randomUUID } from 'node:crypto';
import * as core from '@actions/core';
import type { BuildLog } from './types.js';

/**
 * The Actions log: `::group::`/`::endgroup::` around each step. A tool's output is not ours to
 * trust (a model card, a dataset row): workflow commands are paused inside a group, so a printed
 * `::add-mask::` or `::set-output` line is shown, never obeyed. Masking of secrets still applies.
 */
export function actionsBuildLog(): BuildLog {
  let resume: string | undefined;
  const pause = (): void => {
    resume = randomUUID().replaceAll('-', '');
    core.info(`::stop-commands::${resume}`);
  };
  const unpause = (): void => {
    if (resume === undefined) return;
    core.info(`::${resume}::`);
    resume = undefined;
  };
  return {
    group(name) {
      unpause();
      core.startGroup(name);
      pause();
    },
    endGroup() {
      unpause();
      core.endGroup();
    },
    line(text) {
      core.info(text);
    },
    warning(text) {
      const paused = resume !== undefined;
      unpause();
      core.warning(text);
      if (paused) pause();
    },
  };
}

/** A terminal: a header line per step, output as it comes, warnings on stderr. */
export function terminalBuildLog(out: (text: string) => void = (t) => process.stdout.write(t), err: (text: string) => void = (t) => process.stderr.write(t)): BuildLog {
  return {
    group: (name) => out(`==> ${name}\n`),
    endGroup: () => {},
    line: (text) => out(`${text}\n`),
    warning: (text) => err(`warning: ${text}\n`),
  };
}
