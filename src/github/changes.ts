import semver from 'semver';
import { quote } from '../errors.js';

/**
 * The parts of a validated matrix that the comparison reads. Structural, so the core's zod-inferred
 * Matrix fits without this module importing the schema.
 */
export interface ComparableMatrix {
  toolchains: Readonly<Record<string, object | undefined>>;
  gpus: Readonly<Record<string, object>>;
  models: Readonly<Record<string, { version: string; revision: string; source: string }>>;
  matrix?: object;
}

export interface ModelChange {
  model: string;
  kind: 'added' | 'removed' | 'changed';
  /** One line for people, e.g. "llama-3.1-8b 1.4.0 → 1.5.0 (revision 0e9e39f → 5f0b02c)". */
  text: string;
}

export interface MatrixChanges {
  models: ModelChange[];
  gpus: { added: string[]; removed: string[]; changed: string[] };
  toolchains: string[];
  axes: string[];
  /** Version rules broken by the change; the plan fails on these after reporting. */
  errors: string[];
}

/** Pure: what changed from the base matrix to the head one. No base: everything is added. */
export function compareMatrices(base: ComparableMatrix | undefined, head: ComparableMatrix): MatrixChanges {
  const changes: MatrixChanges = {
    models: [],
    gpus: { added: [], removed: [], changed: [] },
    toolchains: [],
    axes: [],
    errors: [],
  };
  const baseModels = base?.models ?? {};
  for (const [name, model] of sorted(head.models)) {
    const before = baseModels[name];
    if (!before) {
      changes.models.push({ model: name, kind: 'added', text: `${name} ${model.version} added (revision ${short(model.revision)})` });
      continue;
    }
    const change = compareModel(name, before, model);
    if (change.text) changes.models.push({ model: name, kind: 'changed', text: change.text });
    changes.errors.push(...change.errors);
  }
  for (const [name, model] of sorted(baseModels)) {
    if (!(name in head.models)) changes.models.push({ model: name, kind: 'removed', text: `${name} ${model.version} removed` });
  }
  if (!base) return { ...changes, gpus: { ...changes.gpus, added: Object.keys(head.gpus).sort() } };

  for (const name of Object.keys(head.gpus).sort()) {
    const before = base.gpus[name];
    if (!before) changes.gpus.added.push(name);
    else {
      const diffs = diffFields(before, head.gpus[name]!);
      if (diffs.length > 0) changes.gpus.changed.push(`${name}: ${diffs.join(', ')}`);
    }
  }
  changes.gpus.removed = Object.keys(base.gpus).filter((name) => !(name in head.gpus)).sort();

  const toolchainNames = [...new Set([...Object.keys(base.toolchains), ...Object.keys(head.toolchains)])].sort();
  for (const name of toolchainNames) {
    const before = base.toolchains[name];
    const after = head.toolchains[name];
    if (!before && after) changes.toolchains.push(`${name} added${versionOf(after)}`);
    else if (before && !after) changes.toolchains.push(`${name} removed`);
    else if (before && after) changes.toolchains.push(...toolchainLines(name, before, after));
  }
  changes.axes = diffFields(base.matrix ?? {}, head.matrix ?? {}).map((line) => `matrix ${line}`);
  return changes;
}

/** True when the comparison found nothing to report. */
export function isUnchanged(changes: MatrixChanges): boolean {
  const { models, gpus, toolchains, axes } = changes;
  return models.length + gpus.added.length + gpus.removed.length + gpus.changed.length + toolchains.length + axes.length === 0;
}

/** The changes as lines for people, models first. */
export function changeLines(changes: MatrixChanges): string[] {
  return [
    ...changes.models.map((m) => m.text),
    ...(changes.gpus.added.length > 0 ? [`GPU families added: ${changes.gpus.added.join(', ')}`] : []),
    ...(changes.gpus.removed.length > 0 ? [`GPU families removed: ${changes.gpus.removed.join(', ')}`] : []),
    ...changes.gpus.changed.map((g) => `GPU ${g}`),
    ...changes.toolchains.map((t) => `toolchain ${t}`),
    ...changes.axes,
  ];
}

interface ModelFields {
  version: string;
  revision: string;
  source: string;
}

function compareModel(name: string, before: ModelFields & object, after: ModelFields & object): { text: string; errors: string[] } {
  const errors: string[] = [];
  const versionChanged = before.version !== after.version;
  const weightsChanged = before.revision !== after.revision || before.source !== after.source;
  const head = versionChanged ? `${name} ${before.version} → ${after.version}` : `${name} ${after.version}`;
  const details: string[] = [];
  if (before.source !== after.source) details.push(`source ${before.source} → ${after.source}`);
  if (before.revision !== after.revision) details.push(`revision ${short(before.revision)} → ${short(after.revision)}`);
  const rest = diffFields(before, after, new Set(['version', 'revision', 'source']));

  const older = semver.valid(before.version);
  const newer = semver.valid(after.version);
  if (!newer) {
    errors.push(`models.${name}.version: ${quote(after.version)} is not a semantic version (like '1.4.0')`);
  } else if (older) {
    if (semver.lt(newer, older)) {
      errors.push(
        `models.${name}.version: went down from ${quote(before.version)} to ${quote(after.version)}; a version may only move forward`,
      );
    } else if (weightsChanged && !semver.gt(newer, older)) {
      const what = before.revision !== after.revision
        ? `revision changed from ${quote(before.revision)} to ${quote(after.revision)}`
        : `source changed from ${quote(before.source)} to ${quote(after.source)}`;
      errors.push(
        `models.${name}: ${what} but version stayed ${quote(after.version)}; raise the version to ship new weights`,
      );
    }
  }

  if (!versionChanged && details.length === 0 && rest.length === 0) return { text: '', errors };
  let text = head;
  if (details.length > 0) text += ` (${details.join(', ')})`;
  if (rest.length > 0) text += `${versionChanged || details.length > 0 ? ';' : ':'} ${rest.join(', ')}`;
  return { text, errors };
}

function toolchainLines(name: string, before: object, after: object): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const lines: string[] = [];
  if (b.version !== a.version) lines.push(`${name} ${show(b.version)} → ${show(a.version)}`);
  const rest = diffFields(before, after, new Set(['version']));
  if (rest.length > 0) lines.push(`${name} ${rest.join(', ')}`);
  return lines;
}

function versionOf(toolchain: object): string {
  const version = (toolchain as Record<string, unknown>).version;
  return version === undefined ? '' : ` (${show(version)})`;
}

/** "key old → new" for every top-level key whose value differs; nested values compare as JSON. */
function diffFields(before: object, after: object, skip: ReadonlySet<string> = new Set()): string[] {
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => !skip.has(k)).sort();
  const lines: string[] = [];
  for (const key of keys) {
    if (canonical(b[key]) === canonical(a[key])) continue;
    if (b[key] === undefined) lines.push(`${key} set to ${show(a[key])}`);
    else if (a[key] === undefined) lines.push(`${key} ${show(b[key])} removed`);
    else lines.push(`${key} ${show(b[key])} → ${show(a[key])}`);
  }
  return lines;
}

/** JSON with sorted keys, so reordering a mapping is not a change. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)))
      : v,
  ) ?? 'undefined';
}

function show(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value) && value.every((v) => typeof v !== 'object' || v === null)) return `[${value.join(', ')}]`;
  return canonical(value);
}

function short(revision: string): string {
  return /^[0-9a-f]{8,}$/i.test(revision) ? revision.slice(0, 7) : revision;
}

function sorted<T>(record: Readonly<Record<string, T>>): Array<[string, T]> {
  return Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}
