import { describe, expect, it } from 'vitest';
import { expandMatrix } from '../src/core/expand.js';

// The examples from GitHub's "Running variations of jobs in a workflow" documentation.
describe('expandMatrix follows GitHub strategy.matrix semantics', () => {
  it('takes the cartesian product, first axis slowest', () => {
    expect(expandMatrix({ axes: [['os', ['ubuntu-22.04', 'ubuntu-20.04']], ['version', [10, 12, 14]]] })).toEqual([
      { os: 'ubuntu-22.04', version: 10 },
      { os: 'ubuntu-22.04', version: 12 },
      { os: 'ubuntu-22.04', version: 14 },
      { os: 'ubuntu-20.04', version: 10 },
      { os: 'ubuntu-20.04', version: 12 },
      { os: 'ubuntu-20.04', version: 14 },
    ]);
  });

  it('expands include into original combinations without overwriting them, else adds new ones', () => {
    const result = expandMatrix({
      axes: [
        ['fruit', ['apple', 'pear']],
        ['animal', ['cat', 'dog']],
      ],
      include: [{ color: 'green' }, { color: 'pink', animal: 'cat' }, { fruit: 'apple', shape: 'circle' }, { fruit: 'banana' }, { fruit: 'banana', animal: 'cat' }],
    });
    expect(result).toEqual([
      { fruit: 'apple', animal: 'cat', color: 'pink', shape: 'circle' },
      { fruit: 'apple', animal: 'dog', color: 'green', shape: 'circle' },
      { fruit: 'pear', animal: 'cat', color: 'pink' },
      { fruit: 'pear', animal: 'dog', color: 'green' },
      { fruit: 'banana' },
      { fruit: 'banana', animal: 'cat' },
    ]);
  });

  it('adds a key to the one matching combination', () => {
    const result = expandMatrix({
      axes: [
        ['os', ['windows-latest', 'ubuntu-latest']],
        ['node', [14, 16]],
      ],
      include: [{ os: 'windows-latest', node: 16, npm: 6 }],
    });
    expect(result).toHaveLength(4);
    expect(result.filter((c) => c.npm === 6)).toEqual([{ os: 'windows-latest', node: 16, npm: 6 }]);
  });

  it('excludes by partial match before include runs', () => {
    const result = expandMatrix({
      axes: [
        ['os', ['macos-latest', 'windows-latest']],
        ['version', [12, 14, 16]],
        ['environment', ['staging', 'production']],
      ],
      exclude: [
        { os: 'macos-latest', version: 12, environment: 'production' },
        { os: 'windows-latest', version: 16 },
      ],
    });
    expect(result).toHaveLength(9);
    expect(result).not.toContainEqual({ os: 'macos-latest', version: 12, environment: 'production' });
    expect(result.some((c) => c.os === 'windows-latest' && c.version === 16)).toBe(false);
  });

  it('builds a matrix from include alone', () => {
    expect(
      expandMatrix({
        axes: [],
        include: [
          { site: 'production', datacenter: 'site-a' },
          { site: 'staging', datacenter: 'site-b' },
        ],
      }),
    ).toEqual([
      { site: 'production', datacenter: 'site-a' },
      { site: 'staging', datacenter: 'site-b' },
    ]);
  });

  it('lets a later include overwrite a value an earlier include added', () => {
    const result = expandMatrix({ axes: [['a', [1]]], include: [{ b: 'x' }, { a: 1, b: 'y' }] });
    expect(result).toEqual([{ a: 1, b: 'y' }]);
  });

  it('does not extend combinations that an earlier include added', () => {
    const result = expandMatrix({ axes: [['a', [1]]], include: [{ a: 2 }, { a: 2, b: 'x' }] });
    expect(result).toEqual([{ a: 1 }, { a: 2 }, { a: 2, b: 'x' }]);
  });
});
