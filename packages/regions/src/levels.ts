/** Administrative level of a GB/T 2260 (+ statistical township/village) code. */
export type RegionLevel = 'province' | 'city' | 'county' | 'township' | 'village';

/** Levels from the top down, paired with the code length that identifies each. */
export const LEVELS: readonly { level: RegionLevel; length: number }[] = [
  { level: 'province', length: 2 },
  { level: 'city', length: 4 },
  { level: 'county', length: 6 },
  { level: 'township', length: 9 },
  { level: 'village', length: 12 },
];

const DIGITS = /^\d+$/;

/**
 * Level implied by a code's length, or null when the string is not an all-digit
 * code of length 2, 4, 6, 9 or 12. Says nothing about whether the code exists.
 */
export function regionLevel(code: string): RegionLevel | null {
  if (!DIGITS.test(code)) return null;
  return LEVELS.find((l) => l.length === code.length)?.level ?? null;
}

function prefixAt(code: string, length: number): string | undefined {
  const level = regionLevel(code);
  if (level === null || code.length < length) return undefined;
  return code.slice(0, length);
}

/** Two-digit province prefix of a well-formed code, else undefined. */
export function provinceOf(code: string): string | undefined {
  return prefixAt(code, 2);
}

/** Four-digit city prefix of a well-formed code at city level or below, else undefined. */
export function cityOf(code: string): string | undefined {
  return prefixAt(code, 4);
}

/** Six-digit county prefix of a well-formed code at county level or below, else undefined. */
export function countyOf(code: string): string | undefined {
  return prefixAt(code, 6);
}

/** Nine-digit township prefix of a township or village code, else undefined. */
export function townshipOf(code: string): string | undefined {
  return prefixAt(code, 9);
}

/** Code of the enclosing unit one level up (by prefix), or undefined for provinces and malformed codes. */
export function parentOf(code: string): string | undefined {
  const index = LEVELS.findIndex((l) => l.length === code.length);
  if (index <= 0 || regionLevel(code) === null) return undefined;
  return code.slice(0, LEVELS[index - 1]!.length);
}
