// Formatting for people: money, days, times and rates, in the county's calendar and the portal's language.
import { countyDate, countyDateTime } from '../county-date.js';
import { getLang } from '../i18n.js';
import { referenceData } from './reference.js';

export function money(n) {
  if (n === undefined || n === null) return '—';
  return '¥' + Math.round(n).toLocaleString(getLang() === 'en' ? 'en-US' : 'zh-CN');
}
export function wageRange(min, max) {
  return min === max ? money(min) : `${money(min)}–${money(max)}`;
}
export function day(iso) {
  return iso ? String(iso).slice(0, 10) : '—';
}
export function dateTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(getLang() === 'en' ? 'en-GB' : 'zh-CN', { dateStyle: 'medium', timeStyle: 'short' });
}
export function percent(rate) {
  return rate === undefined || rate === null ? '—' : `${Math.round(rate * 1000) / 10}%`;
}
/** An instant as 'YYYY-MM-DD HH:MM' in the county (its UTC offset from the reference data), not the browser's zone. */
export function countyTime(iso) {
  return iso ? countyDateTime(iso, referenceData()?.utcOffsetMinutes) : '—';
}
/** Today in the county (its UTC offset from the reference data), not in UTC or the browser's zone. */
export function today() {
  return countyDate(Date.now(), referenceData()?.utcOffsetMinutes);
}
