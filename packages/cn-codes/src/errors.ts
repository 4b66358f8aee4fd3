/** Error codes raised by @tongxin/cn-codes. */
export type CnCodesErrorCode = 'CN_CODES_INVALID_INPUT';

/** Thrown by the check-character and generator helpers; validators never throw, they return a reason. */
export class CnCodesError extends Error {
  override readonly name = 'CnCodesError';
  readonly code: CnCodesErrorCode;

  constructor(code: CnCodesErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}
