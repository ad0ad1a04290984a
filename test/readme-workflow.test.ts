/**
 * The README's workflows, run as written, must work: every YAML block that is a workflow goes
 * through actionlint (scripts/services/actionlint.sh installs it), and every reference to the
 * action — its `with:` keys, `steps.<id>.outputs.<name>`, `needs.<job>.outputs.<name>` — is
 * checked against action.yml and the jobs' declared outputs. Step snippets are checked too.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { expandMatrix, type Combination, type Value } from '../src/core/expand.js';
import { ROOT } from './support/run.js';

const ACTIONLINT = path.join(ROOT, '.engine-forge', 'bin', 'actionlint');
const USES_US = /^engine-forge\/engine-forge@/;

interface Block {
  /** 1-based line of the block's first YAML line in README.md. */
  line: number;
  text: string;
}

interface Step {
  id?: string;
  uses?: string;
  with?: Record<string, unknown>;
}

interface Job {
  needs?: string | string[];
  outputs?: Record<string, string>;
  steps?: Step[];
}

export function yamlBlocks(markdown: string): Block[] {
  const blocks: Block[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    if (lines[i] !== '```yaml') continue;
    const start = i + 1;
    while (++i < lines.length && lines[i] !== '```');
    blocks.push({ line: start + 1, text: lines.slice(start, i).join('\n') });
  }
  return blocks;
}

const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
const action = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, unknown>; outputs: Record<string, unknown> };
const inputs = new Set(Object.keys(action.inputs));
const outputs = new Set(Object.keys(action.outputs));
const blocks = yamlBlocks(readme).map((b) => ({ ...b, data: parse(b.text) as unknown }));
const isWorkflow = (data: unknown): data is { jobs: Record<string, Job> } => typeof data === 'object' && data !== null && 'jobs' in data && 'on' in data;
const workflows = blocks.flatMap((b) => (isWorkflow(b.data) ? [{ ...b, data: b.data }] : []));

function isJobs(data: unknown): data is Record<string, Job> {
  if (typeof data !== 'object' || data === null || Array.isArray(data) || 'on' in data) return false;
  const values = Object.values(data);
  return values.length > 0 && values.every((j) => typeof j === 'object' && j !== null && 'steps' in j && 'runs-on' in j);
}

/** Steps of a snippet: a step list, one step, or a bare `with:` mapping under a `uses:`. */
function snippetSteps(data: unknown): Step[] {
  if (Array.isArray(data)) return data.filter((s): s is Step => typeof s === 'object' && s !== null);
  if (typeof data === 'object' && data !== null && 'uses' in data) return [data as Step];
  return [];
}

/** Every problem with how a workflow uses the action, as `README.md:<line> <what>`. */
function referenceProblems(block: Block & { data: unknown }): string[] {
  const problems: string[] = [];
  const at = (needle: string) => {
    const offset = block.text.split('\n').findIndex((l) => l.includes(needle));
    return `README.md:${block.line + Math.max(offset, 0)}`;
  };
  const checkWith = (step: Step) => {
    if (!step.uses || !USES_US.test(step.uses)) return;
    for (const key of Object.keys(step.with ?? {})) {
      if (!inputs.has(key)) problems.push(`${at(`${key}:`)} with: ${key} is not an input of action.yml`);
    }
  };
  // A fragment of jobs (`engine-images:` …) is checked like a workflow's jobs.
  const fragment = isJobs(block.data) ? block.data : undefined;
  if (!isWorkflow(block.data) && !fragment) {
    snippetSteps(block.data).forEach(checkWith);
    return problems;
  }
  const jobs = fragment ?? (block.data as { jobs: Record<string, Job> }).jobs;
  for (const [name, job] of Object.entries(jobs)) {
    const steps = job.steps ?? [];
    steps.forEach(checkWith);
    const needs = new Set(typeof job.needs === 'string' ? [job.needs] : (job.needs ?? []));
    const text = JSON.stringify(job);
    for (const [, id, output] of text.matchAll(/steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
      const step = steps.find((s) => s.id === id);
      if (!step) problems.push(`${at(`steps.${id}.`)} job ${name}: no step has id ${id}`);
      else if (step.uses && USES_US.test(step.uses) && !outputs.has(output!)) problems.push(`${at(`outputs.${output}`)} job ${name}: ${output} is not an output of action.yml`);
    }
    for (const [, other, output] of text.matchAll(/needs\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)/g)) {
      if (!needs.has(other!)) problems.push(`${at(`needs.${other}.`)} job ${name}: reads needs.${other} but does not list ${other} in needs`);
      else if (!(output! in (jobs[other!]?.outputs ?? {}))) problems.push(`${at(`needs.${other}.outputs.${output}`)} job ${name}: job ${other} declares no output ${output}`);
    }
  }
  return problems;
}

/** actionlint's report on the workflows, located at README lines; '' when clean. */
function actionlint(list: Block[]): string {
  // Fails (never skips) without actionlint: `npm test` installs it.
  if (!existsSync(ACTIONLINT)) throw new Error(`${ACTIONLINT} is missing: run scripts/services/actionlint.sh`);
  // A repository of its own with action.yml (and a main file) at its root, and the workflows
  // using the action as \`uses: ./\`, so actionlint checks inputs and outputs against action.yml.
  const repo = mkdtempSync(path.join(tmpdir(), 'ef-readme-workflow-'));
  spawnSync('git', ['init', '-q', repo]);
  mkdirSync(path.join(repo, '.github', 'workflows'), { recursive: true });
  mkdirSync(path.join(repo, 'dist'));
  writeFileSync(path.join(repo, 'dist', 'index.js'), '');
  writeFileSync(path.join(repo, 'action.yml'), readFileSync(path.join(ROOT, 'action.yml')));
  const files = list.map((w) => {
    const file = path.join('.github', 'workflows', `readme-line-${w.line}.yml`);
    writeFileSync(path.join(repo, file), w.text.replace(/engine-forge\/engine-forge@v1\b/g, './'));
    return file;
  });
  const ran = spawnSync(ACTIONLINT, ['-no-color', '-format', '{{range $err := .}}{{$err.Filepath}}:{{$err.Line}}:{{$err.Column}}: {{$err.Message}} [{{$err.Kind}}]\n{{end}}', ...files], { cwd: repo, encoding: 'utf8' });
  if (ran.error) throw ran.error;
  // Name README lines, not the temporary files.
  return (ran.stdout + ran.stderr).replace(/\.github\/workflows\/readme-line-(\d+)\.yml:(\d+)/g, (_, first: string, line: string) => `README.md:${Number(first) + Number(line) - 1}`);
}

describe("the README's workflow", () => {
  it('has a workflow to check', () => {
    expect(workflows.length).toBeGreaterThan(0);
  });

  it('passes actionlint', () => {
    expect(actionlint(workflows)).toBe('');
  });

  it('actionlint sees the action: a wrong input or output in the workflow is reported on its README line', () => {
    const [first] = workflows;
    const broken = first!.text.replace('command: plan', 'command: plan\n          plan-fil: x').replace('steps.plan.outputs.engines', 'steps.plan.outputs.engine');
    const report = actionlint([{ line: first!.line, text: broken }]);
    expect(report).toMatch(/^README\.md:\d+:\d+: input "plan-fil" is not defined in action "engine-forge"/m);
    expect(report).toMatch(/^README\.md:\d+:\d+: property "engine" is not defined in object type/m);
  });

  it("uses only the action's inputs and outputs, and the jobs' declared outputs", () => {
    expect(blocks.flatMap(referenceProblems)).toEqual([]);
  });

  it('the reference check catches a wrong input, output and job output', () => {
    const bad = {
      line: 1,
      text: '',
      data: parse(`
on: push
jobs:
  plan:
    runs-on: ubuntu-latest
    outputs:
      engines: \${{ steps.plan.outputs.engine }}
    steps:
      - { id: plan, uses: engine-forge/engine-forge@v1, with: { command: plan, plan-fil: x } }
  deploy:
    needs: plan
    runs-on: ubuntu-latest
    steps:
      - run: echo "\${{ needs.plan.outputs.build-count }} \${{ needs.other.outputs.x }}"
`) as unknown,
    };
    expect(referenceProblems(bad).map((p) => p.replace(/^README\.md:\d+ /, ''))).toEqual([
      'with: plan-fil is not an input of action.yml',
      'job plan: engine is not an output of action.yml',
      'job deploy: job plan declares no output build-count',
      'job deploy: reads needs.other but does not list other in needs',
    ]);
  });

  it("each resolve step names one cell of the README's own matrix", () => {
    const matrixBlock = blocks.find((b) => typeof b.data === 'object' && b.data !== null && 'matrix' in b.data && 'models' in b.data);
    const { matrix } = matrixBlock!.data as { matrix: Record<string, unknown> & { exclude?: Combination[]; include?: Combination[] } };
    const axes = Object.entries(matrix).filter((e): e is [string, Value[]] => e[0] !== 'exclude' && e[0] !== 'include');
    const cells = expandMatrix({ axes, exclude: matrix.exclude ?? [], include: matrix.include ?? [] });
    const resolves = workflows.flatMap((w) => Object.values(w.data.jobs).flatMap((j) => (j.steps ?? []).filter((s) => USES_US.test(s.uses ?? '') && s.with?.command === 'resolve')))
      // Steps that take the cell from an expression (a matrix entry) are unique by construction.
      .filter((s) => !['model', 'gpu', 'precision', 'tp', 'batch'].some((k) => String(s.with?.[k] ?? '').includes('${{')));
    expect(resolves.length).toBeGreaterThan(0);
    for (const step of resolves) {
      const q = step.with!;
      const model = String(q.model).split('@')[0];
      const matching = cells.filter(
        (c) => c.model === model && c.gpu === q.gpu && c.precision === q.precision && (q.tp === undefined || String(c.tp) === String(q.tp)) && (q.batch === undefined || c.batch === q.batch),
      );
      expect(matching, JSON.stringify(q)).toHaveLength(1);
    }
  });

});

/** The first column (a `name` in backticks) and the rest of each row of the table under `heading`. */
function tableUnder(heading: string): Map<string, string[]> {
  const lines = readme.split('\n');
  const start = lines.indexOf(heading);
  if (start < 0) throw new Error(`README.md has no heading ${JSON.stringify(heading)}`);
  const rows = new Map<string, string[]>();
  let i = start + 1;
  while (i < lines.length && !lines[i]!.startsWith('|')) i++;
  for (i += 2; i < lines.length && lines[i]!.startsWith('|'); i++) {
    const cells = lines[i]!.split(/(?<!\\)\|/).slice(1, -1).map((c) => c.trim());
    for (const name of cells[0]!.matchAll(/`([a-z0-9-]+)`/g)) rows.set(name[1]!, cells.slice(1));
  }
  return rows;
}

describe("the README's inputs and outputs tables", () => {
  const declared = parse(readFileSync(path.join(ROOT, 'action.yml'), 'utf8')) as { inputs: Record<string, { default?: string }>; outputs: Record<string, unknown> };

  it('list every input of action.yml, no other, with its default', () => {
    const table = tableUnder('### Inputs');
    expect([...table.keys()].sort()).toEqual(Object.keys(declared.inputs).sort());
    for (const [name, input] of Object.entries(declared.inputs)) {
      const shown = table.get(name)?.[0] ?? '';
      expect(shown, `README inputs table, ${name}: default`).toBe(input.default === undefined ? '' : `\`${input.default}\``);
    }
  });

  it('list every output of action.yml, no other', () => {
    expect([...tableUnder('### Outputs').keys()].sort()).toEqual(Object.keys(declared.outputs).sort());
  });

  it('say the Node that package.json engines asks for, and the Node 24 the scripts run on', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { engines: { node: string }; devDependencies: { node: string } };
    expect(readme).toContain(`\`engines\`: \`${pkg.engines.node}\``);
    expect(pkg.devDependencies.node).toMatch(/^\^24\./);
    expect(readme).toContain('`npm ci` installs Node 24');
  });
});
