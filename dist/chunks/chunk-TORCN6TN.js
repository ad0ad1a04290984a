import { createRequire as __efCreateRequire } from 'node:module';
const require = __efCreateRequire(import.meta.url);

// src/errors.ts
var UserError = class extends Error {
  /** One line per problem, already formatted (`file:line:col key: message (got 'value')`). */
  problems;
  constructor(message, problems = []) {
    super(message);
    this.name = "UserError";
    this.problems = problems;
  }
};
function errorMessage(error) {
  if (error instanceof UserError) {
    return error.problems.length > 0 ? `${error.message}
${error.problems.map((p) => `  ${p}`).join("\n")}` : error.message;
  }
  if (error instanceof Error) return error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
function quote(value) {
  let text;
  if (typeof value === "string") text = value;
  else if (value === void 0) text = "nothing";
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  return `'${text.length > 80 ? `${text.slice(0, 77)}...` : text}'`;
}

export {
  UserError,
  errorMessage,
  quote
};
//# sourceMappingURL=chunk-TORCN6TN.js.map
