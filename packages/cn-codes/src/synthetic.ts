import { creditCodeCheckChar, validateCreditCode } from './credit-code.ts';
import { CnCodesError } from './errors.ts';
import { idNumberCheckChar, validateIdNumber } from './id-number.ts';

/** Inputs for {@link makeIdNumber}. */
export interface IdNumberSpec {
  /** Six-digit region code whose first two digits are a province, e.g. '140723'. */
  regionCode: string;
  /** 'YYYY-MM-DD', a real date from 1900-01-01 to today. */
  birthDate: string;
  /** 0–999; odd means male, even female (it becomes digits 15–17). */
  sequence: number;
}

/**
 * Build a valid ID number for seeds and tests. The result always passes {@link validateIdNumber}.
 * @throws CnCodesError CN_CODES_INVALID_INPUT for a malformed spec or one the validator would reject.
 */
export function makeIdNumber(spec: IdNumberSpec): string {
  const { regionCode, birthDate, sequence } = spec;
  if (!/^\d{6}$/.test(regionCode)) throw new CnCodesError('CN_CODES_INVALID_INPUT', 'regionCode must be 6 digits');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(birthDate)) {
    throw new CnCodesError('CN_CODES_INVALID_INPUT', 'birthDate must be YYYY-MM-DD');
  }
  if (!Number.isInteger(sequence) || sequence < 0 || sequence > 999) {
    throw new CnCodesError('CN_CODES_INVALID_INPUT', 'sequence must be an integer 0–999');
  }
  const first17 = regionCode + birthDate.replaceAll('-', '') + String(sequence).padStart(3, '0');
  const id = first17 + idNumberCheckChar(first17);
  const result = validateIdNumber(id);
  if (!result.ok)
    throw new CnCodesError('CN_CODES_INVALID_INPUT', `generated number fails validation: ${result.reason}`);
  return id;
}

/**
 * Append the check character to 17 code characters (uppercased).
 * @throws CnCodesError CN_CODES_INVALID_INPUT for bad characters or non-digit positions 3–8.
 */
export function makeCreditCode(first17: string): string {
  const code = first17.toUpperCase() + creditCodeCheckChar(first17);
  if (!validateCreditCode(code).ok) {
    throw new CnCodesError('CN_CODES_INVALID_INPUT', 'positions 3–8 must be a 6-digit region code');
  }
  return code;
}
