#!/usr/bin/env node
import { createRequire as __efCreateRequire } from 'node:module';
const require = __efCreateRequire(import.meta.url);
import {
  COMMANDS,
  INPUT_NAMES,
  Settings,
  commands,
  didYouMean
} from "./chunks/chunk-J7BL2VEL.js";
import "./chunks/chunk-L7GGZJVW.js";
import "./chunks/chunk-Z63VYH5F.js";
import "./chunks/chunk-EQPYO55T.js";
import {
  UserError,
  errorMessage,
  quote
} from "./chunks/chunk-DKPLMQHU.js";
import "./chunks/chunk-ZV4UUMJZ.js";

// src/cli.ts
var USAGE = `usage: engine-forge <command> [--flag value ...] [--json]

commands: ${COMMANDS.join(", ")}
  plan     --matrix FILE [--store DIR|s3://bucket/prefix] [--json]
  build    --matrix FILE --cell JSON [--runtime docker|podman|native] [--work-dir DIR] [--cache-dir DIR] [--publish false] [--store ...] [--channel auto|default-branch|pull-request]
  publish  --matrix FILE --cell JSON --artifact-dir DIR [--store ...] [--channel auto|default-branch|pull-request]
  resolve  --model NAME@RANGE --gpu FAMILY --precision P [--tp N] [--batch MIN-MAX] [--download DIR]
  image    --matrix FILE --cell JSON --registry REPO [--builder docker|buildah|podman] [--channel auto|default-branch|pull-request]
  gc       [--matrix FILE] [--keep K] [--dry-run false (needs --matrix)] [--abort-uploads-older-than 24h] [--expire-candidates-after 14d]
flags are the action's inputs: ${INPUT_NAMES.filter((n) => n !== "command").map((n) => `--${n}`).join(" ")}`;
function parseArgs(argv) {
  const values = /* @__PURE__ */ new Map();
  let json = false;
  let help = false;
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--json") json = true;
    else if (arg === "--help" || arg === "-h") help = true;
    else if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (!INPUT_NAMES.includes(name)) {
        throw new UserError(`unknown flag ${quote(`--${name}`)}${didYouMean(name, INPUT_NAMES).replace(/'([^']+)'/, "'--$1'")}

${USAGE}`);
      }
      let value;
      if (eq !== -1) value = arg.slice(eq + 1);
      else if (argv[i + 1] !== void 0 && !argv[i + 1].startsWith("--")) value = argv[++i];
      else value = "true";
      values.set(name, value);
    } else positional.push(arg);
  }
  if (positional.length > 1) throw new UserError(`expected one command, got ${quote(positional.join(" "))}

${USAGE}`);
  if (positional[0] !== void 0) values.set("command", positional[0]);
  return { source: { kind: "cli", get: (name) => values.get(name) }, json, help };
}
var cliLog = {
  info: (line) => process.stderr.write(`${line}
`),
  warning: (line) => process.stderr.write(`warning: ${line}
`),
  notice: (line) => process.stderr.write(`notice: ${line}
`)
};
async function main(argv) {
  try {
    const { source, json, help } = parseArgs(argv);
    if (help || source.get("command") === void 0) {
      process.stdout.write(`${USAGE}
`);
      return help ? 0 : 2;
    }
    const settings = new Settings(source);
    const result = await commands[settings.command()]({ settings, log: cliLog });
    if (json) process.stdout.write(`${JSON.stringify(result.json ?? result.outputs, null, 2)}
`);
    else process.stdout.write(`${result.text}
`);
    if (!json && result.outputs.plan) process.stderr.write(`plan JSON (every cell with its status, reason and fingerprint): ${result.outputs.plan}
`);
    if (result.failure) throw result.failure;
    return 0;
  } catch (error) {
    process.stderr.write(`engine-forge: ${errorMessage(error)}
`);
    if (!(error instanceof UserError) && process.env.ENGINE_FORGE_DEBUG) process.stderr.write(`${error.stack ?? ""}
`);
    return 1;
  }
}
process.exitCode = await main(process.argv.slice(2));
export {
  parseArgs
};
//# sourceMappingURL=cli.js.map
