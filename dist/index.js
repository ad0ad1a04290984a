import { createRequire as __efCreateRequire } from 'node:module';
const require = __efCreateRequire(import.meta.url);
import {
  run
} from "./chunks/chunk-S7WZESKE.js";
import "./chunks/chunk-JHBNBNTF.js";

// src/index.ts
await run();
//# sourceMappingURL=index.js.map
