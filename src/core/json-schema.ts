import { z } from 'zod';
import { MatrixSchema } from './schema.js';

/** The editor-facing JSON Schema of a matrix file (what a user writes: defaults are optional). */
export function matrixJsonSchema(): string {
  const schema = z.toJSONSchema(MatrixSchema, { io: 'input', target: 'draft-2020-12' });
  return `${JSON.stringify({ ...schema, $id: 'https://github.com/engine-forge/engine-forge/matrices/schema.json' }, null, 2)}\n`;
}
