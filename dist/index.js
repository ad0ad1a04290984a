import { createRequire as __efCreateRequire } from 'node:module';
const require = __efCreateRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-CPHIGHH7.js";
import "./chunks/chunk-JHBNBNTF.js";

// src/index.ts
await run();
//# sourceMappingURL=index.js.map
