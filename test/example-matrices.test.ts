import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveCells } from '../src/core/cells.js';
import { comparePep440, parsePep440 } from '../src/core/pep440.js';
import { LAST_TENSORRT_BACKEND } from '../src/core/rules.js';
import { loadMatrixFile } from '../src/matrix-file.js';
import { ROOT } from './support/run.js';

const examples = readdirSync(path.join(ROOT, 'matrices')).filter((f) => f.endsWith('.yml'));

describe('the example matrices', () => {
  it.each(examples)('%s loads, and its engine cells are unsupported only for reasons of GPU or precision, never the toolchain', async (file) => {
    const loaded = await loadMatrixFile(path.join('matrices', file), { workspace: ROOT });
    const { engines } = deriveCells(loaded.matrix);
    expect(engines.filter((c) => c.unsupported === undefined).length).toBeGreaterThan(0);
    for (const cell of engines) expect(cell.unsupported ?? '').not.toMatch(/backend|1\.3\.0rc20|TensorRT-LLM \d/);
  });

  it('name current releases, and keep one engine-era pin (backend tensorrt, ≤ 1.3.0rc20) on purpose', async () => {
    const current = await loadMatrixFile('matrices/example.yml', { workspace: ROOT });
    expect(current.matrix.toolchains.trtllm).toMatchObject({ version: '1.4.0rc1', backend: 'pytorch' });
    expect(current.matrix.toolchains.vllm).toMatchObject({ version: '0.33.0', image: 'vllm/vllm-openai:v0.33.0' });
    const engineEra = await loadMatrixFile('matrices/engine-era.yml', { workspace: ROOT });
    expect(engineEra.matrix.toolchains.trtllm.backend).toBe('tensorrt');
    expect(comparePep440(parsePep440(engineEra.matrix.toolchains.trtllm.version)!, parsePep440(LAST_TENSORRT_BACKEND)!)).toBeLessThanOrEqual(0);
  });
});
