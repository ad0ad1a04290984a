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

/** A file the manifest lists has no object in the store: the artifact's data is gone. */
export class MissingFileError extends UserError {
  constructor(
    readonly file: string,
    readonly uri: string,
  ) {
    super(
      `artifact file ${quote(file)} is missing from the store (nothing at ${uri}): the artifact's data was deleted after its manifest ` +
        'was written; refusing the artifact (delete its manifest and publish it again)',
    );
    this.name = 'MissingFileError';
  }
}
