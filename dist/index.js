import { createRequire as __efCreateRequire } from 'node:module';
const require = __efCreateRequire(import.meta.url);
import {
  Settings,
  actionInputs,
  commands
} from "./chunks/chunk-J7BL2VEL.js";
import {
  debug,
  info,
  notice,
  setFailed,
  setOutput,
  summary,
  warning
} from "./chunks/chunk-L7GGZJVW.js";
import "./chunks/chunk-Z63VYH5F.js";
import "./chunks/chunk-EQPYO55T.js";
import {
  UserError,
  errorMessage
} from "./chunks/chunk-DKPLMQHU.js";
import "./chunks/chunk-ZV4UUMJZ.js";

// src/main.ts
var actionLog = { info, warning: (l) => warning(l), notice: (l) => notice(l) };
async function run() {
  try {
    const settings = new Settings(actionInputs());
    const result = await commands[settings.command()]({ settings, log: actionLog });
    await report(result);
    if (result.failure) throw result.failure;
  } catch (error) {
    if (!(error instanceof UserError)) debug(error instanceof Error ? error.stack ?? "" : "");
    setFailed(errorMessage(error));
  }
}
async function report(result) {
  for (const [name, value] of Object.entries(result.outputs)) setOutput(name, value);
  info(result.text);
  if (result.summary !== void 0 && process.env.GITHUB_STEP_SUMMARY) {
    await summary.addRaw(result.summary).write({ overwrite: false });
  }
}

// src/index.ts
await run();
//# sourceMappingURL=index.js.map
