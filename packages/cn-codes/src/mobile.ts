/** Mainland mobile number: 11 digits starting 13–19. No +86, spaces or dashes; strip those first. */
export function isMobile(s: string): boolean {
  return /^1[3-9]\d{9}$/.test(s);
}
