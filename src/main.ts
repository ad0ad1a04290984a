import * as core from '@actions/core';
import { errorMessage, UserError } from './errors.js';
import { actionInputs, Settings } from './inputs.js';
import type { CommandResult, Logger } from './commands/context.js';
import { commands } from './commands/index.js';

const actionLog: Logger = { info: core.info, warning: (l) => core.warning(l), notice: (l) => core.notice(l) };

/** The action's entry: inputs from the runner, outputs to GITHUB_OUTPUT, a job summary, one error boundary. */
export async function run(): Promise<void> {
  try {
    const settings = new Settings(actionInputs());
    const result = await commands[settings.command()]({ settings, log: actionLog });
    await report(result);
    if (result.failure) throw result.failure;
  } catch (error) {
    if (!(error instanceof UserError)) core.debug(error instanceof Error ? (error.stack ?? '') : '');
    core.setFailed(errorMessage(error));
  }
}

async function report(result: CommandResult): Promise<void> {
  for (const [name, value] of Object.entries(result.outputs)) core.setOutput(name, value);
  core.info(result.text);
  if (result.summary !== undefined && process.env.GITHUB_STEP_SUMMARY) {
    await core.summary.addRaw(result.summary).write({ overwrite: false });
  }
}
