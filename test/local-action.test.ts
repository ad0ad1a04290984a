/**
 * `npm run local-action` with the committed .env.example leaves the outputs and the job summary in
 * files a user can read, where .env.example says they are.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/run.js';

describe('.env.example for npm run local-action', () => {
  it('writes outputs and summary under .engine-forge/local-action', () => {
    const env: Record<string, string> = Object.fromEntries(
      readFileSync(path.join(ROOT, '.env.example'), 'utf8')
        .split('\n')
        .filter((l) => /^[A-Z_][A-Z0-9_-]*=/.test(l))
        .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
    );
    const outputFile = env.GITHUB_OUTPUT ?? '';
    const summaryFile = env.GITHUB_STEP_SUMMARY ?? '';
    expect(outputFile).toBe('.engine-forge/local-action/output');
    expect(summaryFile).toBe('.engine-forge/local-action/summary.md');
    // The npm script as package.json has it, reading .env.example where a user's copy is .env.
    const script = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts['local-action']!;
    expect(script).toMatch(/ \.env$/);
    const ran = spawnSync('sh', ['-c', `${script}.example`], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { PATH: `${path.join(ROOT, 'node_modules', '.bin')}:${process.env.PATH}`, HOME: process.env.HOME },
      timeout: 180_000,
    });
    expect(ran.status, ran.stderr).toBe(0);
    // local-action stubs @actions/core's outputs and prints them in its "Action Outputs" table.
    const count = /'build-count'\s*│\s*'(\d+)'/.exec(ran.stdout);
    expect(Number(count?.[1]), ran.stdout.slice(-2000)).toBeGreaterThan(0);
    expect(ran.stdout).toMatch(/'engines'\s*│\s*'\{"include":\[/);
    expect(ran.stdout).toContain(path.join('.engine-forge', 'local-action', 'tmp', 'engine-forge', 'plan.json'));
    expect(readFileSync(path.join(ROOT, summaryFile), 'utf8')).toMatch(/^## engine-forge plan: `matrices\/example\.yml`/);
  });
});
