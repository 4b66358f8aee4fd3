/** Error codes raised by @tongxin/taxonomy. */
export type TaxonomyErrorCode = 'TAXONOMY_INVALID_DATA' | 'TAXONOMY_DATA_UNAVAILABLE';

/** Thrown when the occupation CSV is missing or inconsistent; a bad taxonomy should fail at load, not at match time. */
export class TaxonomyError extends Error {
  override readonly name = 'TaxonomyError';
  readonly code: TaxonomyErrorCode;

  constructor(code: TaxonomyErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
