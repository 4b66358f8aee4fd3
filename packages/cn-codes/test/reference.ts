// Independent re-derivations of the check characters, straight from the standards'
// defining equations rather than the weight tables in src/, so the tests can't share a bug.

/** GB 11643: weights are 2^(17-i) mod 11 and the full 18-digit weighted sum ≡ 1 (mod 11), X standing for 10. */
export function referenceIdCheck(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (2 ** (17 - i) % 11);
  for (let c = 0; c <= 10; c++) {
    if ((sum + c) % 11 === 1) return c === 10 ? 'X' : String(c);
  }
  throw new Error('unreachable');
}

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** GB 32100: weights are 3^i mod 31 and the weighted sum plus the check value ≡ 0 (mod 31). */
export function referenceCreditCheck(first17: string): string {
  let sum = 0;
  let w = 1;
  for (let i = 0; i < 17; i++) {
    sum += CHARSET.indexOf(first17[i]!) * w;
    w = (w * 3) % 31;
  }
  for (let c = 0; c < 31; c++) {
    if ((sum + c) % 31 === 0) return CHARSET[c]!;
  }
  throw new Error('unreachable');
}
