import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { GPU_CATALOGUE, smNumber } from '../src/core/gpus.js';
import { parseNvidiaSmiCsv } from '../src/core/nvidia-smi.js';

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
