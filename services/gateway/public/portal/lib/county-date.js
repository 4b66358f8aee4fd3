// The county's calendar in the browser: "today" is the county's day, whatever the browser's zone.
// The offset comes from the gateway (ref.json, CALENDAR_UTC_OFFSET_MINUTES); UTC+8 until it has loaded.

export const DEFAULT_UTC_OFFSET_MINUTES = 480;

/** 'YYYY-MM-DD' in the county at `nowMs` (epoch milliseconds). */
export function countyDate(nowMs, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES) {
  return new Date(nowMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}
