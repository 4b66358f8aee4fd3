import { chinaToday, isCalendarDate } from './dates.ts';
import { CnCodesError } from './errors.ts';
import { PROVINCE_PREFIXES } from './provinces.ts';

/** Why an ID number was rejected. Checks run in this order: format, checksum, birthdate, region. */
export type IdNumberFailure = 'format' | 'checksum' | 'birthdate' | 'region';

/** Outcome of {@link validateIdNumber}. `normalized` has an uppercase X and is the form to store. */
export type IdNumberResult =
  | { ok: true; normalized: string; birthDate: string; gender: 'male' | 'female'; regionCode: string }
  | { ok: false; reason: IdNumberFailure };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';
/** Nobody this old is still looking for work; earlier dates are typing errors. */
const EARLIEST_BIRTH = '1900-01-01';

/**
 * GB 11643-1999 check character ('0'–'9' or 'X') for the first 17 digits.
 * @throws CnCodesError CN_CODES_INVALID_INPUT unless given exactly 17 ASCII digits.
 */
export function idNumberCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) {
    throw new CnCodesError('CN_CODES_INVALID_INPUT', 'expected 17 digits');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

/**
 * Validate an 18-character resident ID number. A lowercase 'x' is accepted (people type it)
 * and uppercased in `normalized`; surrounding whitespace is not trimmed. The checksum is tested
 * before the date and region because a failed checksum is the better signal of a typo.
 * Only the province (first two digits) of the region code is checked.
 *
 * @param options.now reference time for rejecting future birth dates (default: current time).
 */
export function validateIdNumber(s: string, options: { now?: Date } = {}): IdNumberResult {
  if (!/^\d{17}[\dXx]$/.test(s)) return { ok: false, reason: 'format' };
  const normalized = s.toUpperCase();
  if (idNumberCheckChar(normalized.slice(0, 17)) !== normalized[17]) return { ok: false, reason: 'checksum' };

  const year = Number(normalized.slice(6, 10));
  const month = Number(normalized.slice(10, 12));
  const day = Number(normalized.slice(12, 14));
  const birthDate = `${normalized.slice(6, 10)}-${normalized.slice(10, 12)}-${normalized.slice(12, 14)}`;
  if (
    !isCalendarDate(year, month, day) ||
    birthDate < EARLIEST_BIRTH ||
    birthDate > chinaToday(options.now ?? new Date())
  ) {
    return { ok: false, reason: 'birthdate' };
  }

  if (!PROVINCE_PREFIXES.has(normalized.slice(0, 2))) return { ok: false, reason: 'region' };

  return {
    ok: true,
    normalized,
    birthDate,
    gender: Number(normalized[16]) % 2 === 1 ? 'male' : 'female',
    regionCode: normalized.slice(0, 6),
  };
}
