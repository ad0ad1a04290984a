import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseMatrix, workspace, yamlOf } from './support/matrix.js';
import { runCli } from './support/run.js';

type M = ReturnType<typeof baseMatrix>;
const edit = (f: (m: M) => void) => {
  const m = baseMatrix();
  f(m);
  return yamlOf(m);
};

/** Each case: matrix text, and what the error must say. Every case runs the committed CLI bundle. */
const cases: [name: string, text: string | Uint8Array, expected: RegExp[], args?: string[]][] = [
  ['malformed YAML', 'version: 1\nmodels: [a\n  b: c\n', [/m\.yml:\d+:\d+ \(yaml\): /]],
  ['an unknown top-level key', edit((m) => void ((m as Record<string, unknown>).runners = {})), [/m\.yml:\d+:1 runners: unknown key; expected one of/]],
  ['a misspelt key', edit((m) => void ((m.models['llama-3.1-8b']!['max-seq-length'] = 8192), delete m.models['llama-3.1-8b']!['max-seq-len'])), [/models\.llama-3\.1-8b\.max-seq-length: unknown key \(did you mean 'max-seq-len'\?\)/, /models\.llama-3\.1-8b\.max-seq-len: is required/]],
  ['an unknown GPU family', edit((m) => void ((m.gpus.h10 = { 'runs-on': ['x'], count: 1 }), (m.matrix.gpu as string[]).push('h10'))), [/gpus\.h10: unknown GPU family \(did you mean 'h100'\?\)/]],
  ['a misspelt precision', edit((m) => void (m.matrix.precision = ['bf16', 'fp9'])), [/m\.yml:\d+:\d+ matrix\.precision\[1\]: unknown precision \(did you mean 'fp8'\?\) \(got 'fp9'\)/]],
  ['batch 64-1', edit((m) => void (m.matrix.batch = ['64-1'])), [/matrix\.batch\[0\]: must satisfy 1 ≤ min ≤ max ≤ 2048 \(got '64-1'\)/]],
  ['batch above 2048', edit((m) => void (m.matrix.batch = ['1-4096'])), [/matrix\.batch\[0\]: must satisfy 1 ≤ min ≤ max ≤ 2048 \(got '1-4096'\)/]],
  ['tp: 0', edit((m) => void (m.matrix.tp = [0])), [/matrix\.tp\[0\]: must be at least 1 \(got '0'\)/]],
  ['duplicate model names', edit(() => {}).replace(/^ {2}qwen-2\.5-7b:/m, '  llama-3.1-8b:'), [/m\.yml:\d+:3 llama-3\.1-8b: duplicate key .* \(got 'llama-3\.1-8b'\)/]],
  ['revision: main', edit((m) => void (m.models['llama-3.1-8b']!.revision = 'main')), [/models\.llama-3\.1-8b\.revision: must be a full 40-character commit SHA: a branch or tag name moves, which makes the build unreproducible \(got 'main'\)/]],
  ['version: 1.2', edit((m) => void (m.models['llama-3.1-8b']!.version = 1.2)), [/models\.llama-3\.1-8b\.version: must be a semver version .* \(got '1\.2'\)/]],
  ['an axis naming an undefined model', edit((m) => void (m.matrix.model = ['llama-3.1-8b', 'llama-3.1-70b'])), [/matrix\.model\[1\]: model is not defined under models \(did you mean 'llama-3\.1-8b'\?\) \(got 'llama-3\.1-70b'\)/]],
  ['include with an unknown key', edit((m) => void (m.matrix.include = [{ gpu: 'h100', precison: 'fp8' }])), [/matrix\.include\[0\]\.precison: unknown key \(did you mean 'precision'\?\)/]],
  ['an empty matrix', edit((m) => void (m.matrix = {})), [/m\.yml:\d+:\d+ matrix: the matrix is empty/]],
  ['max-input-len not below max-seq-len', edit((m) => void (m.models['llama-3.1-8b']!['max-input-len'] = 8192)), [/max-input-len: must be less than max-seq-len \(8192\) \(got '8192'\)/]],
  [
    'a matrix past the default cap, refused before expansion',
    edit((m) => void ((m.matrix.batch = Array.from({ length: 2000 }, (_, i) => `1-${i + 1}`)), (m.matrix.tp = Array.from({ length: 1000 }, (_, i) => i + 1)))),
    [/matrix: expands to 24000000 combinations, more than the limit of 10000/],
  ],
  ['a matrix past a configured cap', edit(() => {}), [/matrix: expands to 24 combinations, more than the limit of 5/], ['--max-cells', '5']],
  ['a file that is not UTF-8', Buffer.concat([Buffer.from('version: 1\n# caf'), Buffer.from([0xe9]), Buffer.from('\nmodels: {}\n')]), [/m\.yml:2: not UTF-8 text \(invalid byte at offset 16\)/]],
];

describe('bad input: a clear error, a non-zero exit, no stack trace', () => {
  it.each(cases)('%s', (_name, text, expected, args = []) => {
    const dir = workspace({ 'm.yml': text });
    const ran = runCli(['plan', '--matrix', 'm.yml', '--store', 'store', ...args], dir);
    expect(ran.status).toBe(1);
    for (const pattern of expected) expect(ran.stderr).toMatch(pattern);
    expect(ran.stderr).not.toMatch(/^\s+at /m);
    expect(ran.stdout).toBe('');
  });

  it('a matrix path outside the workspace', () => {
    const outside = workspace({ 'm.yml': edit(() => {}) });
    const dir = workspace();
    const ran = runCli(['plan', '--matrix', path.join(outside, 'm.yml')], dir);
    expect(ran.status).toBe(1);
    expect(ran.stderr).toMatch(/matrix file '.*m\.yml' is outside the workspace/);
    const dotdot = runCli(['plan', '--matrix', path.relative(dir, path.join(outside, 'm.yml'))], dir);
    expect(dotdot.stderr).toMatch(/is outside the workspace/);
  });

  it('a missing matrix file, an unknown flag and an unknown command', () => {
    const dir = workspace();
    expect(runCli(['plan', '--matrix', 'nope.yml'], dir).stderr).toMatch(/matrix file 'nope\.yml' does not exist/);
    expect(runCli(['plan', '--matirx', 'm.yml'], dir).stderr).toMatch(/unknown flag '--matirx' \(did you mean '--matrix'\?\)/);
    const ran = runCli(['plna'], dir);
    expect(ran.status).toBe(1);
    expect(ran.stderr).toMatch(/command must be one of plan, .* \(did you mean 'plan'\?\) \(got 'plna'\)/);
  });
});
