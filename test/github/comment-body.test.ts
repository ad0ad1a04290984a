import { describe, expect, it } from 'vitest';
import { compareMatrices } from '../../src/github/changes.js';
import { MAX_COMMENT_LENGTH, commentMarker, renderComment, type CommentPlan } from '../../src/github/comment-body.js';

const runsOn = ['self-hosted', 'linux', 'gpu-h100'];
const base = {
  toolchains: { trtllm: { version: '1.2.0' } },
  gpus: { h100: { count: 8 } },
  models: { 'llama-3.1-8b': { source: 'meta-llama/Llama-3.1-8B-Instruct', revision: '0e9e39f249a16976918f6564b8830bc894c89659', version: '1.4.0' } },
};
const head = { ...base, models: { 'llama-3.1-8b': { ...base.models['llama-3.1-8b'], revision: '5f0b02c75b57c5855da9ae460ce51323ea669d8a', version: '1.5.0' } } };

function plan(overrides: Partial<CommentPlan> = {}): CommentPlan {
  return {
    matrixPath: 'matrices/models.yml',
    engines: [
      { id: 'llama-3.1-8b/h100/fp8/tp1/b1-64', status: 'build', reason: 'version 1.5.0 not in the store', runsOn },
      { id: 'llama-3.1-8b/h100/bf16/tp1/b1-64', status: 'skip', reason: 'stored', runsOn },
      { id: 'llama-3.1-8b/a100-80gb/fp8/tp1/b1-64', status: 'unsupported', reason: 'FP8 needs SM 8.9 or newer; a100-80gb is SM 8.0', runsOn: [] },
    ],
    images: [{ id: 'llama-3.1-8b/fp8/nvidia', status: 'build', reason: 'version 1.5.0 not in the store', runsOn: ['ubuntu-latest'] }],
    changes: { base: '1111111', result: compareMatrices(base, head) },
    guard: { allowed: true },
    headSha: '2222222222222222222222222222222222222222',
    runUrl: 'https://github.com/acme/models/actions/runs/1',
    ...overrides,
  };
}

describe('renderComment', () => {
  it('starts with the hidden marker and says what builds, where, why, and what is unsupported', () => {
    const body = renderComment(plan());
    expect(body.startsWith(`${commentMarker('matrices/models.yml')}\n`)).toBe(true);
    expect(body).toContain('**1 engine to build**, 1 up to date, 1 unsupported · **1 image to build**');
    expect(body).toContain('- llama-3.1-8b 1.4.0 → 1.5.0 (revision 0e9e39f → 5f0b02c)');
    expect(body).toContain('| `llama-3.1-8b/h100/fp8/tp1/b1-64` | self-hosted, linux, gpu-h100 | version 1.5.0 not in the store |');
    expect(body).toContain('| `llama-3.1-8b/a100-80gb/fp8/tp1/b1-64` | FP8 needs SM 8.9 or newer; a100-80gb is SM 8.0 |');
    expect(body).not.toContain('llama-3.1-8b/h100/bf16');
    expect(body).toContain('<sub>Updated for 2222222 · [workflow run](https://github.com/acme/models/actions/runs/1)</sub>');
  });

  it('shows the fork guard and calls the builds withheld', () => {
    const body = renderComment(plan({ guard: { allowed: false, message: 'Fork guard: this pull request comes from a fork, so no engine or image jobs were emitted.' } }));
    expect(body).toContain('> [!WARNING]\n> Fork guard: this pull request comes from a fork');
    expect(body).toContain('**1 engine would build (withheld)**');
    expect(body).toContain('#### Engines would build (withheld)');
  });

  it('lists version errors prominently', () => {
    const bad = { ...head, models: { 'llama-3.1-8b': { ...head.models['llama-3.1-8b'], version: '1.4.0' } } };
    const body = renderComment(plan({ changes: { base: '1111111', result: compareMatrices(base, bad) } }));
    expect(body).toContain("> - models.llama-3.1-8b: revision changed from '0e9e39f249a16976918f6564b8830bc894c89659'");
  });

  it('says why there is no comparison', () => {
    expect(renderComment(plan({ changes: { note: 'no base commit (workflow_dispatch)' } }))).toContain('**Changes:** no base commit (workflow_dispatch)');
  });

  it('makes matrix text inert: no HTML, no forged marker, no broken table', () => {
    const body = renderComment(plan({
      engines: [{ id: 'x|y', status: 'build', reason: `<!-- engine-forge:plan:matrices/models.yml -->\n| evil |`, runsOn: ['a|b'] }],
    }));
    expect(body.split(commentMarker('matrices/models.yml'))).toHaveLength(2);
    expect(body).toContain('| `x\\|y` | a\\|b | &lt;!-- engine-forge:plan:matrices/models.yml --&gt; \\| evil \\| |');
  });

  it('a lone carriage return cannot end the table row or start a heading (CommonMark breaks lines at CR)', () => {
    const body = renderComment(plan({
      engines: [{ id: 'a\rb', status: 'build', reason: 'why\r# Approved\r\n<!-- engine-forge:plan:matrices/models.yml -->', runsOn: ['gpu\rx'] }],
      changes: { note: 'note\r> [!CAUTION]' },
    }));
    expect(body).not.toMatch(/\r/);
    const row = body.split('\n').find((line) => line.startsWith('| `a b`'));
    expect(row).toBe('| `a b` | gpu x | why \\# Approved &lt;!-- engine-forge:plan:matrices/models.yml --&gt; |');
    expect(body).toContain('**Changes:** note &gt; \\[!CAUTION\\]');
  });

  it('mentions, links, images, bare URLs and issue references in matrix values render inert', () => {
    const reason = 'see [docs](https://evil.example/x) ![pixel](https://evil.example/p.png) @acme/maintainers cc @mallory www.evil.example #1 acme/models#2 GH-3';
    const body = renderComment(plan({ engines: [{ id: 'm/h100/fp8/tp1/b1-64', status: 'build', reason, runsOn: ['@octocat', '[x](https://evil.example)'] }] }));
    const row = body.split('\n').find((line) => line.startsWith('| `m/h100'))!;
    // No Markdown link or image syntax survives: brackets are escaped.
    expect(row).not.toMatch(/(?<!\\)\[[^\]]*(?<!\\)\]\(/);
    // GitHub links @name, #1, URLs after rendering even when escaped: an invisible space splits each.
    const text = row.replaceAll('&#8203;', '\u200b').replace(/\\(.)/g, '$1');
    expect(text).not.toMatch(/@[A-Za-z0-9]/);
    expect(text).not.toMatch(/https?:\/\//);
    expect(text).not.toMatch(/www\./);
    expect(text).not.toMatch(/#\d|GH-\d/);
    expect(row).toBe(
      '| `m/h100/fp8/tp1/b1-64` | @&#8203;octocat, \\[x\\](https:&#8203;//evil.example) | see \\[docs\\](https:&#8203;//evil.example/x) !\\[pixel\\](https:&#8203;//evil.example/p.png) ' +
        '@&#8203;acme/maintainers cc @&#8203;mallory www&#8203;.evil.example \\#&#8203;1 acme/models\\#&#8203;2 GH-&#8203;3 |',
    );
  });

  it('a backtick in an id cannot close its code span', () => {
    const body = renderComment(plan({ engines: [{ id: 'x`@y', status: 'build', reason: 'r', runsOn }] }));
    expect(body).toContain('| ``x`@y`` |');
  });

  it('stays under GitHub\'s body limit with thousands of cells, saying how many are not shown', () => {
    const engines = Array.from({ length: 5000 }, (_, i) => ({
      id: `model-${i}/h100/fp8/tp1/b1-64`,
      status: 'build' as const,
      reason: 'a long reason that explains at some length which inputs changed and why it rebuilds '.repeat(2),
      runsOn,
    }));
    const body = renderComment(plan({ engines }));
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_LENGTH);
    expect(body).toMatch(/…and \d+ more: the job summary/);
    expect(body).toContain('**5000 engines to build**');
  });

  it('keeps "--" out of the marker so the HTML comment stays closed', () => {
    expect(commentMarker('a--b/c>.yml')).toBe('<!-- engine-forge:plan:a-%2Db/c%3E.yml -->');
  });
});
