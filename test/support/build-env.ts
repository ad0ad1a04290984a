import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT } from './run.js';

/**
 * A GPU runner as `build` sees it here, in native runtime: the stand-ins for nvidia-smi, hf and the
 * TensorRT-LLM tools on PATH (test/support/bin), the examples directory of stand-ins, and wrappers in
 * front of `hf` and `python3` that record every call, so a test can count downloads and calibrations.
 */
export interface Runner {
  dir: string;
  bin: string;
  calls: string;
  workDir: string;
  cacheDir: string;
  env: Record<string, string>;
  /** Every recorded call of `tool` (`hf` or `python3`), as its argv joined by spaces. */
  callsOf(tool: 'hf' | 'python3'): string[];
}

const STANDINS = path.join(ROOT, 'test/support/bin');
export const EXAMPLES = path.join(ROOT, 'test/support/trtllm-examples');

/** The Python with ModelOpt, torch and transformers (scripts/services/modelopt-venv.sh), for the real quantizer. */
export function modeloptPython(): string {
  return execFileSync('bash', [path.join(ROOT, 'scripts/services/modelopt-venv.sh')], { encoding: 'utf8', env: process.env, stdio: ['ignore', 'pipe', 'inherit'] }).trim();
}

export function runner(options: { quantizerPython: string; smi?: string }): Runner {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ef-runner-'));
  const bin = path.join(dir, 'bin');
  const calls = path.join(dir, 'calls');
  mkdirSync(bin);
  writeFileSync(calls, '');
  const python = execFileSync('bash', ['-c', 'command -v python3'], { encoding: 'utf8' }).trim();
  // hf: recorded, then the stand-in.
  wrapper(bin, 'hf', `printf 'hf %s\\n' "$*" >> "${calls}"\nexec "${STANDINS}/hf" "$@"`);
  // python3: recorded; engine-forge's quantizer runs for real with ModelOpt on the CPU (no GPU here),
  // everything else (the examples' stand-ins) with the system Python.
  wrapper(
    bin,
    'python3',
    `printf 'python3 %s\\n' "$*" >> "${calls}"\ncase "$1" in\n  */engine_forge_quantize.py) exec "${options.quantizerPython}" "$@" --device cpu ;;\n  *) exec "${python}" "$@" ;;\nesac`,
  );
  const workDir = path.join(dir, 'work');
  const cacheDir = path.join(dir, 'cache');
  return {
    dir,
    bin,
    calls,
    workDir,
    cacheDir,
    env: {
      PATH: `${bin}:${STANDINS}:${process.env.PATH ?? '/usr/bin:/bin'}`,
      ...(options.smi ? { EF_FAKE_SMI_CSV: path.join(ROOT, 'test/fixtures', options.smi) } : {}),
    },
    callsOf: (tool) =>
      readFileSync(calls, 'utf8')
        .split('\n')
        .filter((l) => l.startsWith(`${tool} `))
        .map((l) => l.slice(tool.length + 1)),
  };
}

function wrapper(bin: string, name: string, body: string): void {
  const file = path.join(bin, name);
  writeFileSync(file, `#!/usr/bin/env bash\n${body}\n`);
  chmodSync(file, 0o755);
}

/** Every regular file under `dir` (recursively) whose bytes contain `needle`. */
export function filesContaining(dir: string, needle: string): string[] {
  if (!existsSync(dir)) return [];
  const found: string[] = [];
  const bytes = Buffer.from(needle);
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    if (readFileSync(file).includes(bytes)) found.push(file);
  }
  return found;
}

/** Processes whose environment holds `marker` (a value only this test's processes carry). */
export function processesWith(marker: string): number[] {
  const pids: number[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name) || Number(name) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${name}/environ`).includes(Buffer.from(marker))) pids.push(Number(name));
    } catch {
      // gone, or not ours to read
    }
  }
  return pids;
}
