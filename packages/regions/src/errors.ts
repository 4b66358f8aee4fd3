/** Error codes raised by @tongxin/regions. */
export type RegionsErrorCode = 'REGIONS_INVALID_CODE' | 'REGIONS_DATA_UNAVAILABLE';

/** Thrown for malformed input codes or when the bundled division data cannot be read. */
export class RegionsError extends Error {
  override readonly name = 'RegionsError';
  readonly code: RegionsErrorCode;

  constructor(code: RegionsErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.code = code;
  }
}
