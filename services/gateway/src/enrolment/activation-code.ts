import { createHmac, randomInt } from 'node:crypto';

/** Letters and digits nobody misreads on paper: no 0/O, no 1/I (32 characters, 5 bits each). */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
/** 10 characters: 50 bits, printed as two groups of five. */
export const CODE_LENGTH = 10;

/** A fresh code, as printed: `ABCDE-FGHJK`. */
export function newActivationCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return `${code.slice(0, 5)}-${code.slice(5)}`;
}

/**
 * The code as typed, without spaces and dashes, upper-cased; undefined when it cannot be a code
 * (wrong length or a character outside the alphabet).
 */
export function normalizeActivationCode(typed: string): string | undefined {
  const s = typed.replace(/[\s-]/g, '').toUpperCase();
  if (s.length !== CODE_LENGTH) return undefined;
  return [...s].every((c) => CODE_ALPHABET.includes(c)) ? s : undefined;
}

/** What is stored: a keyed hash, so a copy of the table redeems nothing. */
export function activationCodeHash(secret: string, normalized: string): string {
  return createHmac('sha256', `activation-code|${secret}`).update(normalized).digest('hex');
}

/** A name as a printed slip shows it: first character, stars, last character (`张三` → `张*`, `李小梅` → `李*梅`). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
