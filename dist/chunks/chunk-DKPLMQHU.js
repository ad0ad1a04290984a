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
  if (error instanceof Error) return s3ErrorMessage(error) ?? error.message;
  if (typeof error === "string") return error;
  try {
    return JSON.stringify(error);
  } catch {
    return String(error);
  }
}
var S3_CODES = {
  NoSuchBucket: "the bucket does not exist (check the store URL and the endpoint)",
  AccessDenied: "access denied (check the credentials and the policy)",
  InvalidAccessKeyId: "the access key is unknown to this endpoint",
  SignatureDoesNotMatch: "the secret key does not match the access key"
};
function s3ErrorMessage(error) {
  const s3 = error;
  if (!s3.$metadata || error.message !== "UnknownError" && error.message !== "") return void 0;
  const status = s3.$metadata.httpStatusCode;
  const bucket = typeof s3.BucketName === "string" ? ` for bucket ${quote(s3.BucketName)}` : "";
  const meaning = S3_CODES[error.name];
  return `S3 answered ${error.name === "Error" || error.name === "UnknownError" ? "an error" : error.name}${status ? ` (HTTP ${status})` : ""}${bucket}${meaning ? `: ${meaning}` : ""}`;
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
//# sourceMappingURL=chunk-DKPLMQHU.js.map
