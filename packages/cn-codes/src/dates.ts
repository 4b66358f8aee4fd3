/** True when y-m-d is a real Gregorian date (rejects Feb 30, Feb 29 in 1900, month 13…). */
export function isCalendarDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** Today's date as 'YYYY-MM-DD' in China Standard Time (UTC+8, no DST), where ID numbers are issued. */
export function chinaToday(now: Date): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}
