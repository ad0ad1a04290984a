import { createRequire as __efCreateRequire } from 'node:module';
const require = __efCreateRequire(import.meta.url);
import {
  execa
} from "./chunk-EQPYO55T.js";
import {
  errorMessage
} from "./chunk-DKPLMQHU.js";
import "./chunk-ZV4UUMJZ.js";

// src/github/base-matrix.ts
import { realpath } from "node:fs/promises";
import path from "node:path";
async function readBaseMatrix(options) {
  const file = path.resolve(options.file);
  const git = await gitLocation(file);
  if (git) {
    const fromGit = await readFromGit(git.top, git.relative, options.sha);
    if (fromGit) return fromGit;
  }
  const relative = git?.relative ?? relativeTo(options.workspace ?? process.cwd(), file);
  if (relative === void 0) {
    return { status: "unavailable", reason: `the matrix file '${file}' is outside the workspace` };
  }
  if (!options.api || !options.repo) {
    return {
      status: "unavailable",
      reason: `commit ${options.sha.slice(0, 7)} is not in the checkout (fetch-depth: 0 brings it) and no repository is known to ask the GitHub API`
    };
  }
  try {
    const text = await options.api.readFile(options.repo.owner, options.repo.name, relative, options.sha);
    return text === void 0 ? { status: "absent", via: "api" } : { status: "found", text, via: "api" };
  } catch (error) {
    return { status: "unavailable", reason: `reading ${relative} at ${options.sha.slice(0, 7)}: ${errorMessage(error)}` };
  }
}
async function gitLocation(file) {
  const result = await execa("git", ["-C", path.dirname(file), "rev-parse", "--show-toplevel"], { reject: false });
  if (result.exitCode !== 0 || !result.stdout) return void 0;
  const top = await realpath(result.stdout.trim());
  const relative = relativeTo(top, await realpath(file).catch(() => file));
  return relative === void 0 ? void 0 : { top, relative };
}
async function readFromGit(top, relative, sha) {
  if (!/^[0-9a-f]{40,64}$/.test(sha)) return void 0;
  const hasCommit = await execa("git", ["-C", top, "cat-file", "-e", `${sha}^{commit}`], { reject: false });
  if (hasCommit.exitCode !== 0) return void 0;
  const blob = await execa("git", ["-C", top, "cat-file", "blob", `${sha}:${relative}`], {
    reject: false,
    stripFinalNewline: false
  });
  if (blob.exitCode === 0) return { status: "found", text: blob.stdout, via: "git" };
  const exists = await execa("git", ["-C", top, "cat-file", "-e", `${sha}:${relative}`], { reject: false });
  if (exists.exitCode !== 0) return { status: "absent", via: "git" };
  return void 0;
}
function relativeTo(root, file) {
  const relative = path.relative(path.resolve(root), file);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) return void 0;
  return relative.split(path.sep).join("/");
}
export {
  readBaseMatrix
};
//# sourceMappingURL=base-matrix-5THXRIAU.js.map
