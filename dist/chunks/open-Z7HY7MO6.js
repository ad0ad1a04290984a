import { createRequire as __efCreateRequire } from 'node:module';
const require = __efCreateRequire(import.meta.url);
import {
  UserError
} from "./chunk-JHBNBNTF.js";

// src/store/s3/open.ts
async function openS3Store(location, _settings) {
  throw new UserError(`S3 stores are not available in this build (store ${location})`);
}
export {
  openS3Store
};
//# sourceMappingURL=open-Z7HY7MO6.js.map
