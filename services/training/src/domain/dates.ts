/** The county's calendar date (Asia/Shanghai, UTC+8, no daylight saving) at `now`. */
export function localDate(now: Date): string {
  return new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
