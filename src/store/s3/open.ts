import { UserError } from '../../errors.js';
import type { Settings } from '../../inputs.js';
import type { ArtifactWriter } from '../store.js';

// Replaced by the S3 store implementation (issue 3).
export async function openS3Store(location: string, _settings: Settings): Promise<ArtifactWriter> {
  throw new UserError(`S3 stores are not available in this build (store ${location})`);
}
