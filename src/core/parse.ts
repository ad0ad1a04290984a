import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { z } from 'zod';
import { quote } from '../errors.js';
import { GPU_CATALOGUE } from './gpus.js';
import { comparePep440, parsePep440 } from './pep440.js';
import { PRECISIONS } from './precision.js';
import { LAST_TENSORRT_BACKEND } from './rules.js';
import { AXES, MatrixSchema, type Matrix } from './schema.js';
import { closest, didYouMean } from './suggest.js';

/** A path into the matrix document, e.g. ['models', 'llama', 'revision'] or ['matrix', 'include', 0]. */
export type KeyPath = readonly (string | number)[];

export interface Problem {
  path: KeyPath;
  message: string;
  /** Show `(got '…')` with the value found at the path. */
  showValue?: boolean;
  /** What to show as got instead of the parsed value (the text as written, when YAML mangled it). */
  got?: string;
  /** Point at the key rather than its value (unknown keys, duplicates). */
  atKey?: boolean;
}

export interface ParseResult {
  matrix?: Matrix;
  /** Formatted `file:line:col key: message (got 'value')`, in document order. */
  problems: string[];
}

export const DEFAULT_MAX_CELLS = 10_000;

/** A located document: the YAML AST for positions and the plain data for values. */
export class Located {
  readonly data: unknown;
  private readonly lines = new LineCounter();
  readonly doc: Document.Parsed;

  constructor(
    readonly file: string,
    private readonly text: string,
  ) {
    this.doc = parseDocument(text, { lineCounter: this.lines, uniqueKeys: true, prettyErrors: false, strict: true });
    this.data = this.doc.errors.length === 0 ? this.doc.toJS({ maxAliasCount: 100 }) : undefined;
  }

  /** 1-based line and column of the node at `path` (or its key), falling back to the nearest ancestor. */
  position(path: KeyPath, atKey = false): { line: number; col: number } {
    let node: unknown = this.doc.contents;
    let offset = (this.doc.contents as Node | null)?.range?.[0] ?? 0;
    for (let i = 0; i < path.length; i++) {
      const segment = path[i];
      let next: unknown;
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        if (pair && isPair(pair)) {
          const last = i === path.length - 1;
          const keyNode = pair.key as Node;
          if (last && atKey && keyNode.range) offset = keyNode.range[0];
          else if (keyNode.range) offset = keyNode.range[0];
          next = last && atKey ? undefined : pair.value;
        }
      } else if (isSeq(node) && typeof segment === 'number') {
        next = node.items[segment];
      }
      if (next === undefined) break;
      const range = (next as Node).range;
      if (range) offset = range[0];
      node = next;
    }
    return this.lines.linePos(offset);
  }

  /** A YAML syntax error, located; duplicate keys name the key, since that is what to fix. */
  yamlProblem(error: { code: string; message: string; pos: [number, number] }): string {
    const { line, col } = this.lines.linePos(error.pos[0]);
    const first = (error.message.split('\n')[0] ?? error.message).replace(/ at line \d+, column \d+:?$/, '');
    if (error.code === 'DUPLICATE_KEY') {
      const rest = this.text.slice(error.pos[0]);
      const key = (/^("[^"\n]*"|'[^'\n]*'|[^:\n]+?)\s*:/.exec(rest)?.[1] ?? rest.split('\n')[0] ?? '').replace(/^["']|["']$/g, '');
      return `${this.file}:${line}:${col} ${key}: duplicate key — each model, GPU family and setting may appear only once (got '${key}')`;
    }
    return `${this.file}:${line}:${col} (yaml): ${first}`;
  }

  /** The scalar at `path` exactly as written in the file (a number YAML rounded, a quoted digit string). */
  sourceAt(path: KeyPath): { text: string; quoted: boolean } | undefined {
    let node: unknown = this.doc.contents;
    for (const segment of path) {
      if (isMap(node)) {
        const pair = node.items.find((item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(segment));
        node = pair && isPair(pair) ? pair.value : undefined;
      } else if (isSeq(node) && typeof segment === 'number') {
        node = node.items[segment];
      } else {
        return undefined;
      }
    }
    if (!isScalar(node) || typeof node.source !== 'string') return undefined;
    return { text: node.source, quoted: node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' };
  }

  valueAt(path: KeyPath): unknown {
    let value: unknown = this.data;
    for (const segment of path) {
      if (value === null || typeof value !== 'object') return undefined;
      value = (value as Record<string | number, unknown>)[segment];
    }
    return value;
  }

  format(problem: Problem): string {
    const { line, col } = this.position(problem.path, problem.atKey);
    const key = renderPath(problem.path);
    const got = problem.got !== undefined ? ` (got ${problem.got})` : problem.showValue ? ` (got ${quote(this.valueAt(problem.path))})` : '';
    return `${this.file}:${line}:${col} ${key}: ${problem.message}${got}`;
  }
}

export function renderPath(path: KeyPath): string {
  let out = '';
  for (const segment of path) out += typeof segment === 'number' ? `[${segment}]` : out === '' ? segment : `.${segment}`;
  return out === '' ? '(top level)' : out;
}

/**
 * Text → validated matrix, collecting every problem rather than stopping at the first. Pure: the
 * caller reads the file. Cross-field checks that make the file invalid (not merely a cell
 * unsupported) run here too, so the user fixes everything in one pass.
 */
export function parseMatrix(file: string, text: string, maxCells = DEFAULT_MAX_CELLS): ParseResult {
  const located = new Located(file, text);
  if (located.doc.errors.length > 0) {
    return { problems: located.doc.errors.map((e) => located.yamlProblem(e)) };
  }
  if (located.data === null || typeof located.data !== 'object' || Array.isArray(located.data)) {
    return { problems: [`${file}:1:1 (top level): must be a mapping with version, toolchains, gpus, models and matrix (got ${quote(located.data ?? '')})`] };
  }
  const parsed = MatrixSchema.safeParse(located.data);
  const problems: Problem[] = [];
  if (parsed.success) problems.push(...crossChecks(parsed.data, maxCells));
  else problems.splice(0, problems.length, ...parsed.error.issues.flatMap((issue) => zodProblems(issue, located)));
  const formatted = sortByPosition(located, problems);
  return parsed.success && formatted.length === 0 ? { matrix: parsed.data, problems: [] } : { problems: formatted };
}

function sortByPosition(located: Located, problems: Problem[]): string[] {
  const seen = new Set<string>();
  return problems
    .map((p) => ({ p, pos: located.position(p.path, p.atKey), text: located.format(p) }))
    .sort((a, b) => a.pos.line - b.pos.line || a.pos.col - b.pos.col)
    .map((x) => x.text)
    .filter((t) => (seen.has(t) ? false : (seen.add(t), true)));
}


/** The schema of the value at `path`, or undefined where the path leaves the schema. */
function schemaAt(path: KeyPath): z.core.$ZodType | undefined {
  let schema: z.core.$ZodType = MatrixSchema;
  for (const segment of path) {
    schema = unwrap(schema);
    const def = schema._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; valueType?: z.core.$ZodType; element?: z.core.$ZodType };
    if (def.type === 'object' && def.shape) {
      const next = def.shape[String(segment)];
      if (next === undefined) return undefined;
      schema = next;
    } else if (def.type === 'record' && def.valueType) schema = def.valueType;
    else if (def.type === 'array' && def.element) schema = def.element;
    else return undefined;
  }
  return schema;
}

/** The keys a strict object at `path` accepts, for "did you mean" on unknown keys. */
function knownKeysAt(path: KeyPath): string[] {
  const schema = schemaAt(path);
  const def = schema === undefined ? undefined : (unwrap(schema)._zod.def as { type: string; shape?: Record<string, unknown> });
  return def?.type === 'object' && def.shape ? Object.keys(def.shape) : [];
}

/** Whether `value` would pass the schema at `path`: would quoting (or unquoting) fix it? */
function validAt(path: KeyPath, value: unknown): boolean {
  const schema = schemaAt(path);
  return schema !== undefined && z.safeParse(schema, value).success;
}

function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if ((def.type === 'optional' || def.type === 'default' || def.type === 'nullable' || def.type === 'prefault') && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

function zodProblems(issue: z.core.$ZodIssue, located: Located): Problem[] {
  const path = issue.path.filter((s): s is string | number => typeof s !== 'symbol');
  const value = located.valueAt(path);
  switch (issue.code) {
    case 'unrecognized_keys': {
      const known = knownKeysAt(path);
      return issue.keys.map((key) => ({
        path: [...path, key],
        atKey: true,
        message: `unknown key${didYouMean(key, known)}${known.length > 0 && !didYouMean(key, known) ? `; expected one of ${known.filter((k) => k !== '$schema').join(', ')}` : ''}`,
      }));
    }
    case 'invalid_type': {
      if (value === undefined) return [{ path, message: 'is required' }];
      const written = located.sourceAt(path);
      // `revision: 0123…` or `…6e17` is a number to YAML, rounded past recognition: show the text as written.
      if (typeof value === 'number' && issue.expected === 'string' && written && !written.quoted) {
        const key = path.at(-1);
        if (validAt(path, written.text)) return [{ path, message: `YAML read this as a number: quote it, as in ${typeof key === 'string' ? `${key}: ` : ''}"${written.text}"` }];
        return [{ path, message: issue.message.startsWith('Invalid input') ? 'must be a string' : issue.message, got: quote(written.text) }];
      }
      // `tp: "2"`: the quotes make it a string.
      if (typeof value === 'string' && issue.expected === 'number' && written?.quoted && value.trim() !== '' && validAt(path, Number(value))) {
        return [{ path, message: 'is a string, not a number: remove the quotes', got: `"${written.text}"` }];
      }
      return [{ path, message: issue.message.startsWith('Invalid input') ? `must be a ${issue.expected}` : issue.message, showValue: true }];
    }
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const word = issue.code === 'too_small' ? 'at least' : 'at most';
      const text = issue.origin === 'array' ? `must have ${word} ${bound} item${Number(bound) === 1 ? '' : 's'}` : issue.origin === 'string' ? issue.message : `must be ${word} ${bound}`;
      return [{ path, message: issue.message.startsWith('Too ') ? text : issue.message, showValue: true }];
    }
    case 'invalid_value': {
      const options = issue.values.map(String);
      const got = String(value ?? '');
      const what = path.includes('precision') ? 'unknown precision' : 'must be';
      const list = options.join(', ');
      return [{ path, message: `${what === 'must be' ? `must be one of ${list}` : `${what}${didYouMean(got, options) || `; expected one of ${list}`}`}`, showValue: true }];
    }
    default:
      return [{ path, message: issue.message, showValue: true }];
  }
}

/** Checks across keys: references between sections, the catalogue, the expansion cap. */
function crossChecks(m: Matrix, maxCells: number): Problem[] {
  const problems: Problem[] = [];
  const tensorrt = tensorrtBackendProblem(m.toolchains.trtllm);
  if (tensorrt) problems.push(tensorrt);
  const catalogue = Object.keys(GPU_CATALOGUE);

  for (const [family, spec] of Object.entries(m.gpus)) {
    if (family in GPU_CATALOGUE) continue;
    const missing = [spec.vendor === undefined ? 'vendor' : '', spec['memory-gb'] === undefined ? 'memory-gb' : '', spec.vendor === 'nvidia' && spec['compute-capability'] === undefined ? 'compute-capability' : ''].filter(Boolean);
    if (missing.length > 0) {
      problems.push({
        path: ['gpus', family],
        atKey: true,
        message: `unknown GPU family${didYouMean(family, catalogue)}; built-in families are ${catalogue.join(', ')} — to declare your own, give ${missing.join(', ')}`,
      });
    }
  }

  for (const [name, model] of Object.entries(m.models)) {
    if (model['max-input-len'] >= model['max-seq-len']) {
      problems.push({ path: ['models', name, 'max-input-len'], message: `must be less than max-seq-len (${model['max-seq-len']})`, showValue: true });
    }
  }

  const section = m.matrix;
  const axes = AXES.filter((axis) => section[axis] !== undefined);
  const checkReference = (path: KeyPath, axis: 'model' | 'gpu', value: string): void => {
    const defined = axis === 'model' ? Object.keys(m.models) : Object.keys(m.gpus);
    if (defined.includes(value)) return;
    const where = axis === 'model' ? 'models' : 'gpus';
    let hint: string;
    if (axis === 'gpu' && value in GPU_CATALOGUE) {
      // A built-in family missing from gpus: suggesting the value itself would say nothing.
      const typo = closest(value, defined);
      hint = `; ${value} is built in: add it under gpus with its runs-on labels${typo ? ` (or is gpus.${typo} a typo of it?)` : ''}`;
    } else {
      hint = didYouMean(value, axis === 'gpu' ? [...defined, ...catalogue] : defined);
    }
    problems.push({ path, message: `${axis === 'model' ? 'model' : 'GPU family'} is not defined under ${where}${hint}`, showValue: true });
  };
  for (const axis of ['model', 'gpu'] as const) {
    section[axis]?.forEach((value, i) => checkReference(['matrix', axis, i], axis, value));
  }
  for (const list of ['exclude', 'include'] as const) {
    section[list]?.forEach((entry, i) => {
      if (entry.model !== undefined) checkReference(['matrix', list, i, 'model'], 'model', entry.model);
      if (entry.gpu !== undefined) checkReference(['matrix', list, i, 'gpu'], 'gpu', entry.gpu);
      if (list === 'exclude') {
        for (const key of Object.keys(entry)) {
          if (!axes.includes(key as (typeof AXES)[number])) {
            problems.push({ path: ['matrix', 'exclude', i, key], atKey: true, message: `exclude names '${key}', which is not an axis of this matrix (axes: ${axes.join(', ') || 'none'})` });
          }
        }
      }
    });
  }

  const includes = section.include?.length ?? 0;
  const product = axes.length === 0 ? 0 : axes.reduce((n, axis) => n * (section[axis]?.length ?? 1), 1);
  if (product + includes === 0) {
    problems.push({ path: ['matrix'], message: 'the matrix is empty: give at least one axis (model, gpu, precision, batch, tp) or an include' });
  } else if (product + includes > maxCells) {
    problems.push({
      path: ['matrix'],
      message: `expands to ${product + includes} combinations, more than the limit of ${maxCells} (raise max-cells if this is intended)`,
    });
  }
  return problems;
}

/**
 * The TensorRT engine backend left TensorRT-LLM after 1.3.0rc20. Every cell would be unsupported
 * and the run green with nothing built, so it is the matrix that is wrong, at the toolchain's line.
 */
function tensorrtBackendProblem(trtllm: Matrix['toolchains']['trtllm']): Problem | undefined {
  if (trtllm.backend !== 'tensorrt') return undefined;
  const path = ['toolchains', 'trtllm', 'version'];
  const version = parsePep440(trtllm.version);
  if (version === undefined) {
    return { path, message: `must be a PEP 440 version such as ${LAST_TENSORRT_BACKEND}, to tell whether it still has backend 'tensorrt'`, showValue: true };
  }
  if (comparePep440(version, parsePep440(LAST_TENSORRT_BACKEND)!) <= 0) return undefined;
  return {
    path,
    message: `backend 'tensorrt' was removed after TensorRT-LLM ${LAST_TENSORRT_BACKEND}: pin version ≤ ${LAST_TENSORRT_BACKEND}, or use backend 'pytorch'`,
    showValue: true,
  };
}

export { PRECISIONS };
