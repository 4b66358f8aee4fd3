import { CnCodesError } from './errors.ts';

/** Why a unified social credit code was rejected. */
export type CreditCodeFailure = 'format' | 'checksum';

/** Outcome of {@link validateCreditCode}; `normalized` is uppercased. */
export type CreditCodeResult = { ok: true; normalized: string } | { ok: false; reason: CreditCodeFailure };

// GB 32100-2015 drops I, O, Z, S and V so codes survive being read aloud and handwritten.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const BODY = /^[0-9A-HJ-NP-RTUW-Y]{17}$/;
/** Positions 3–8 are the registering authority's administrative division code, always digits. */
const FULL = /^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$/;

/**
 * GB 32100-2015 check character for the first 17 characters (case-insensitive).
 * @throws CnCodesError CN_CODES_INVALID_INPUT unless given 17 characters from the code's charset.
 */
export function creditCodeCheckChar(first17: string): string {
  const body = first17.toUpperCase();
  if (!BODY.test(body)) {
    throw new CnCodesError('CN_CODES_INVALID_INPUT', 'expected 17 characters from 0-9A-Y without I, O, S, V, Z');
  }
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += CHARSET.indexOf(body[i]!) * WEIGHTS[i]!;
  return CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Validate an 18-character unified social credit code; lowercase letters are accepted and uppercased. */
export function validateCreditCode(s: string): CreditCodeResult {
  const normalized = s.toUpperCase();
  if (!FULL.test(normalized)) return { ok: false, reason: 'format' };
  if (creditCodeCheckChar(normalized.slice(0, 17)) !== normalized[17]) return { ok: false, reason: 'checksum' };
  return { ok: true, normalized };
}
