// The county's calendar in the browser: "today" is the county's day, whatever the browser's zone.
// The offset comes from the gateway (ref.json, CALENDAR_UTC_OFFSET_MINUTES); UTC+8 until it has loaded.

export const DEFAULT_UTC_OFFSET_MINUTES = 480;

/** 'YYYY-MM-DD' in the county at `nowMs` (epoch milliseconds). */
export function countyDate(nowMs, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES) {
  return new Date(nowMs + offsetMinutes * 60_000).toISOString().slice(0, 10);
}

/**
 * 'YYYY-MM-DD HH:MM' in the county for an instant (an ISO date-time or epoch milliseconds), whatever
 * the browser's zone: the form the gateway's notices use for times ('面试时间：2026-12-10 09:30').
 */
export function countyDateTime(instant, offsetMinutes = DEFAULT_UTC_OFFSET_MINUTES) {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  if (Number.isNaN(ms)) return '—';
  return new Date(ms + offsetMinutes * 60_000).toISOString().slice(0, 16).replace('T', ' ');
}
