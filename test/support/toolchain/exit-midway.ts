// Runs one step and exits the process abruptly once the step says it has started, as signals.ts
// does on a second SIGINT/SIGTERM: usage `exit-midway.ts RUNTIME IMAGE MOUNT -- ARGV...`.
// What the step started must not outlive this process.
import { openToolchain, terminalBuildLog } from '../../../src/build/toolchain.js';
import type { RuntimeKind } from '../../../src/build/types.js';

const [runtime, image, mount, separator, ...argv] = process.argv.slice(2);
if (separator !== '--' || argv.length === 0) throw new Error('usage: exit-midway.ts RUNTIME IMAGE MOUNT -- ARGV...');
const terminal = terminalBuildLog();
const toolchain = openToolchain({
  runtime: runtime as RuntimeKind,
  image: image ?? '',
  gpus: [],
  mounts: mount ? [mount] : [],
  log: {
    ...terminal,
    line: (text) => {
      terminal.line(text);
      if (/^(grandchild \d+|started)$/.test(text)) process.exit(130);
    },
  },
});
await toolchain.run({ name: 'exit midway', argv, timeoutMs: 600_000 }, new AbortController().signal);
throw new Error('the step ended before it said it had started');
