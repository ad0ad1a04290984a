import { UserError, quote } from '../errors.js';

/**
 * A repository reference as the `registry` input takes it: `[host[:port]/]path`, no tag or digest.
 * Path components follow the distribution spec (lower case; `.`, `_`, `__` or dashes between).
 */
const HOST = String.raw`(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*(?::[0-9]+)?|\[[0-9a-fA-F:]+\](?::[0-9]+)?)`;
const COMPONENT = String.raw`[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*`;
const REPOSITORY = new RegExp(`^(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*$`);

/** Validates and normalises the `registry` input (a trailing slash is dropped); `label` names the input in messages. */
export function parseRepository(input: string, label = "input 'registry'"): string {
  const repository = input.trim().replace(/\/+$/, '');
  if (repository.length === 0) throw new UserError(`${label} is empty: give a repository such as 'ghcr.io/acme/models'`);
  const last = repository.slice(repository.lastIndexOf('/') + 1);
  if (repository.includes('@') || last.includes(':')) {
    throw new UserError(`${label} must be a repository without a tag or digest (got ${quote(input)}): engine-forge chooses the tags`);
  }
  if (!REPOSITORY.test(repository)) {
    throw new UserError(
      `${label} is not a valid repository reference (got ${quote(input)}): expected [host[:port]/]path in lower case, e.g. 'ghcr.io/acme/models'`,
    );
  }
  if (repository.length > 255) throw new UserError(`${label} is longer than 255 characters (got ${quote(input)})`);
  return repository;
}

/** Tags allow [A-Za-z0-9_.-], start with a letter, digit or underscore, and hold at most 128 characters. */
function tagPart(value: string): string {
  return value.replace(/[^A-Za-z0-9_.-]/g, '_');
}

const FINGERPRINT_TAG_LENGTH = 12;

/**
 * The two tags of an image: `<model>-<version>-<precision>-<vendor>`, which moves when the image
 * for that model version is rebuilt (a new vLLM, a new base image), and the same with
 * `-<fingerprint12>` appended, which never moves. The fingerprint tag is pushed first, so the
 * moving tag never points at something the immutable one does not.
 */
export function imageTags(recipe: { model: string; version: string; precision: string; vendor: string; fingerprint: string }): { moving: string; immutable: string } {
  const suffix = `-${recipe.fingerprint.slice(0, FINGERPRINT_TAG_LENGTH)}`;
  let moving = tagPart(`${recipe.model}-${recipe.version}-${recipe.precision}-${recipe.vendor}`);
  if (/^[.-]/.test(moving)) moving = `_${moving}`;
  moving = moving.slice(0, 128 - suffix.length);
  return { moving, immutable: `${moving}${suffix}` };
}

/** `repository:tag` for each tag, immutable first. */
export function imageReferences(repository: string, recipe: Parameters<typeof imageTags>[0]): string[] {
  const tags = imageTags(recipe);
  return [`${repository}:${tags.immutable}`, `${repository}:${tags.moving}`];
}
