// Writes matrices/schema.json from the zod schema; test/schema.test.ts fails when it drifts.
import { writeFileSync } from 'node:fs';
import { matrixJsonSchema } from '../src/core/json-schema.js';

writeFileSync('matrices/schema.json', matrixJsonSchema());
