import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { matrixJsonSchema } from '../src/core/json-schema.js';
import { ROOT } from './support/run.js';

describe('matrices/schema.json', () => {
  it('is what the zod schema generates (run `npm run schema` after changing it)', () => {
    expect(readFileSync(path.join(ROOT, 'matrices/schema.json'), 'utf8')).toBe(matrixJsonSchema());
  });
  it('is what the example matrix points editors at', () => {
    expect(readFileSync(path.join(ROOT, 'matrices/example.yml'), 'utf8')).toMatch(/^# yaml-language-server: \$schema=\.\/schema\.json$/m);
  });
});
