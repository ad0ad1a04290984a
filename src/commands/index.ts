import type { CommandName } from '../inputs.js';
import { buildCommand } from './build.js';
import { benchCommand } from './bench.js';
import { compareCommand } from './compare.js';
import type { Command } from './context.js';
import { gcCommand } from './gc.js';
import { imageCommand } from './image.js';
import { planCommand } from './plan.js';
import { publishCommand } from './publish.js';
import { resolveCommand } from './resolve.js';

/**
 * One entry per command; each module owns its inputs and effects. Kept apart from main.ts so
 * the CLI does not load the Actions toolkit (and its HTTP client) it never uses.
 */
export const commands: Record<CommandName, Command> = {
  plan: planCommand,
  build: buildCommand,
  publish: publishCommand,
  image: imageCommand,
  resolve: resolveCommand,
  gc: gcCommand,
  compare: compareCommand,
  bench: benchCommand,
};

