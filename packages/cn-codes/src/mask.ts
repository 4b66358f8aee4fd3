function maskMiddle(s: string, keepStart: number, keepEnd: number): string {
  // Too short to keep both ends without revealing most of it: hide everything.
  if (s.length <= keepStart + keepEnd) return '*'.repeat(s.length);
  return s.slice(0, keepStart) + '*'.repeat(s.length - keepStart - keepEnd) + s.slice(s.length - keepEnd);
}

/**
 * Keep the region code (first 6) and last 4 characters: '140723198803140016' → '140723********0016'.
 * Any other length is masked the same way (one '*' per hidden character); does not validate.
 */
export function maskIdNumber(s: string): string {
  return maskMiddle(s, 6, 4);
}

/** Keep the first 3 and last 4 digits: '13800000000' → '138****0000'. Does not validate. */
export function maskPhone(s: string): string {
  return maskMiddle(s, 3, 4);
}
