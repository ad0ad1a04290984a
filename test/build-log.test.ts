import { afterEach, describe, expect, it, vi } from 'vitest';
import { actionsBuildLog, terminalBuildLog } from '../src/build/toolchain.js';

describe('actionsBuildLog', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it("groups a step's output and pauses workflow commands inside it, so a tool's output is shown, never obeyed", () => {
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      written.push(String(chunk));
      return true;
    });
    const log = actionsBuildLog();
    log.group('trtllm-build');
    log.line('::add-mask::nothing');
    log.warning('slow disk');
    log.line('done');
    log.endGroup();
    const lines = written.join('').split('\n').filter((l) => l !== '');
    const token = /^::stop-commands::([0-9a-f]{32})$/.exec(lines[1] ?? '')?.[1];
    expect(token).toBeDefined();
    expect(lines[0]).toBe('::group::trtllm-build');
    expect(lines[2]).toBe('::add-mask::nothing');
    // The warning is a real annotation: commands resume for it, then pause again with a fresh token.
    expect(lines[3]).toBe(`::${token}::`);
    expect(lines[4]).toBe('::warning::slow disk');
    const again = /^::stop-commands::([0-9a-f]{32})$/.exec(lines[5] ?? '')?.[1];
    expect(again).toBeDefined();
    expect(lines.slice(6)).toEqual(['done', `::${again}::`, '::endgroup::']);
  });
});

describe('terminalBuildLog', () => {
  it('prints a header per step, lines as they come, warnings on stderr', () => {
    const out: string[] = [];
    const err: string[] = [];
    const log = terminalBuildLog((t) => out.push(t), (t) => err.push(t));
    log.group('quantize');
    log.line('calibrating');
    log.warning('no timing cache');
    log.endGroup();
    expect(out.join('')).toBe('==> quantize\ncalibrating\n');
    expect(err.join('')).toBe('warning: no timing cache\n');
  });
});
