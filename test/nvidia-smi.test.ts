import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GPU_CATALOGUE, smNumber } from '../src/core/gpus.js';
import { parseNvidiaSmiCsv, parseRunnerGpus } from '../src/core/nvidia-smi.js';

// Real output captured on an H200 machine (test/fixtures, copied from the project's shared fixtures).
const csv = readFileSync(path.join(import.meta.dirname, 'fixtures/nvidia-smi-h200.csv'), 'utf8');
const query = readFileSync(path.join(import.meta.dirname, 'fixtures/nvidia-smi-q-h200.txt'), 'utf8');

describe('nvidia-smi → GPU family', () => {
  it('maps the real H200 output to the h200 family with matching facts', () => {
    const [gpu, ...rest] = parseNvidiaSmiCsv(csv);
    expect(rest).toEqual([]);
    expect(gpu).toEqual({
      index: 0,
      name: 'NVIDIA H200',
      uuid: 'GPU-606dada1-4bb2-3179-8bab-a992742bf0cd',
      computeCapability: '9.0',
      memoryMiB: 143771,
      driver: '580.159.04',
      busId: '00000000:00:06.0',
      family: 'h200',
    });
    const facts = GPU_CATALOGUE.h200!;
    expect(smNumber(facts.computeCapability!)).toBe(smNumber(gpu!.computeCapability));
    // The catalogue's marketed 141 GB is what nvidia-smi's 143771 MiB rounds to, not more.
    expect(facts.memoryGb).toBeLessThanOrEqual((gpu!.memoryMiB * 1024 * 1024) / 1e9);
  });

  it('agrees with the product name in nvidia-smi -q', () => {
    const product = /Product Name\s*:\s*(.+)/.exec(query)?.[1]?.trim();
    expect(product).toBe('NVIDIA H200');
    expect(parseNvidiaSmiCsv(csv)[0]!.name).toBe(product);
  });

  it('leaves an unknown card without a family and finds columns by name', () => {
    const text = 'name, index, uuid, compute_cap, memory.total [MiB], driver_version, pci.bus_id\nNVIDIA RTX PRO 6000, 0, GPU-1, 12.0, 97887 MiB, 580.1, 0:1\n';
    const [gpu] = parseNvidiaSmiCsv(text);
    expect(gpu!.family).toBeUndefined();
    expect(gpu!.computeCapability).toBe('12.0');
    expect(gpu!.memoryMiB).toBe(97887);
  });

  it('says which column is missing', () => {
    expect(() => parseNvidiaSmiCsv('index, name\n0, x\n')).toThrow(/no 'uuid' column/);
  });
});

describe('nvidia-smi → what pre-flight reads', () => {
  const capture = (name: string): string => readFileSync(path.join(import.meta.dirname, 'fixtures', `nvidia-smi-${name}.csv`), 'utf8');

  it.each([
    ['h200', 1, 'h200', '9.0', 143771],
    ['h100x8', 8, 'h100', '9.0', 81559],
    ['a100-80gbx4', 4, 'a100-80gb', '8.0', 81920],
  ])('maps every GPU of the %s capture to its family with its memory in use', (name, count, family, cc, total) => {
    const gpus = parseRunnerGpus(capture(name));
    expect(gpus).toHaveLength(count);
    expect(gpus.map((g) => g.index)).toEqual([...Array(count).keys()]);
    for (const g of gpus) {
      expect(g).toMatchObject({ family, computeCapability: cc, memoryMiB: total, memoryUsedMiB: 0, driver: '580.159.04' });
      expect(g.uuid).toMatch(/^GPU-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    }
    expect(new Set(gpus.map((g) => g.uuid)).size).toBe(count);
    // The catalogue's marketed size is what nvidia-smi's MiB round to, never more.
    expect(GPU_CATALOGUE[family]!.memoryGb).toBeLessThanOrEqual(Math.ceil((total * 2 ** 20) / 1e9));
  });

  it('reads the busy GPU of the busy capture', () => {
    expect(parseRunnerGpus(capture('h100x8-busy')).map((g) => g.memoryUsedMiB)).toEqual([72418, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('keeps memory nvidia-smi cannot read ([N/A]) as unknown, and needs the memory.used column', () => {
    const na = 'index, name, uuid, compute_cap, memory.total [MiB], memory.used [MiB], driver_version, pci.bus_id\n0, NVIDIA H200, GPU-1, 9.0, [N/A], [N/A], 580.1, 0:1\n';
    expect(parseRunnerGpus(na)[0]!.memoryUsedMiB).toBeNaN();
    expect(() => parseRunnerGpus('index, name, uuid, compute_cap, memory.total [MiB], driver_version, pci.bus_id\n')).toThrow(/no 'memory.used' column/);
  });
});
