import { UserError, quote } from '../errors.js';

/** A downloaded file does not match its manifest: the store holds a damaged or replaced object. */
export class IntegrityError extends UserError {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`artifact file ${quote(file)} failed verification: ${detail}; refusing the artifact`);
    this.name = 'IntegrityError';
  }
}
