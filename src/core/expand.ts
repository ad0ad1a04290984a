/**
 * GitHub Actions `strategy.matrix` expansion, exactly:
 * 1. the cartesian product of the axes (first axis varies slowest, values in file order);
 * 2. `exclude` removes every combination that matches all of an entry's keys (partial match);
 * 3. each `include` entry is added to every original combination whose axis values it does not
 *    overwrite — its non-axis keys may overwrite values added by an earlier include — and when it
 *    fits none, it becomes a combination of its own. Combinations added by include are never
 *    extended by later includes.
 */
export type Value = string | number | boolean;
export type Combination = Record<string, Value>;

export interface MatrixSpec {
  axes: ReadonlyArray<readonly [key: string, values: readonly Value[]]>;
  exclude?: readonly Combination[];
  include?: readonly Combination[];
}

export function expandMatrix(spec: MatrixSpec): Combination[] {
  const axisKeys = new Set(spec.axes.map(([key]) => key));
  let combos: Combination[] = spec.axes.length === 0 ? [] : [{}];
  for (const [key, values] of spec.axes) {
    const next: Combination[] = [];
    for (const combo of combos) for (const value of values) next.push({ ...combo, [key]: value });
    combos = next;
  }

  const excludes = spec.exclude ?? [];
  combos = combos.filter((combo) => !excludes.some((entry) => matches(combo, entry)));

  const originals = combos.length;
  const added: Combination[] = [];
  for (const entry of spec.include ?? []) {
    let extended = false;
    for (let i = 0; i < originals; i++) {
      const combo = combos[i]!;
      const fits = Object.entries(entry).every(([key, value]) => !axisKeys.has(key) || combo[key] === value);
      if (!fits) continue;
      for (const [key, value] of Object.entries(entry)) if (!axisKeys.has(key)) combo[key] = value;
      extended = true;
    }
    if (!extended) added.push({ ...entry });
  }
  return [...combos, ...added];
}

function matches(combo: Combination, partial: Combination): boolean {
  return Object.entries(partial).every(([key, value]) => combo[key] === value);
}
