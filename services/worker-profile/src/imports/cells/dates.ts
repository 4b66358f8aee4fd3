import { parseDate } from '../labels.ts';

/** How a date cell is asked for in the messages clerks read. */
export const DATE_HINT = '请写成 2026-11-28 或 2026年11月28日';

/** The day of an Excel serial number (days since 1899-12-30, the fraction being the time of day). */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);
const SERIAL = /^\d{5}(\.\d+)?$/;

/**
 * A date-time cell as typed or stored by Excel, without a zone being county time: 2026-11-28,
 * 2026/11/28, 2026.11.28, 2026年11月28日 with or without a time (08:00, 08:00:00, 8时30分), an
 * Excel serial number, or an ISO timestamp with its own offset. The instant as an ISO timestamp
 * carrying the county offset (2026-11-28T08:00:00+08:00); undefined when it is none of those.
 */
export function parseDateTime(text: string, offsetMinutes: number): string | undefined {
  const t = text.trim();
  if (SERIAL.test(t)) return serialDateTime(Number(t), offsetMinutes);
  const m = /^(.+?)(?:[ T]+|(?<=日))(\d{1,2})[:时](\d{1,2})(?:[:分](\d{1,2})(?:\.\d+)?秒?)?分?$/.exec(t);
  const day = parseDate(m ? m[1]!.trim() : t);
  if (!day) return zoned(t);
  const [h, mi, s] = m ? [Number(m[2]), Number(m[3]), Number(m[4] ?? 0)] : [0, 0, 0];
  if (h > 23 || mi > 59 || s > 59) return undefined;
  return `${day}T${pad(h)}:${pad(mi)}:${pad(s)}${offset(offsetMinutes)}`;
}

/** A date cell, also accepting a date-time at midnight (an Excel date cell read with its time). */
export function parseClerkDate(text: string): string | undefined {
  const t = text.trim();
  return parseDate(t.replace(/[ T]+0{1,2}:00(:00)?$/, ''));
}

const pad = (n: number) => String(n).padStart(2, '0');

function offset(minutes: number): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

function serialDateTime(serial: number, offsetMinutes: number): string {
  const wall = new Date(EXCEL_EPOCH + Math.round(serial * 86_400) * 1000).toISOString().slice(0, 19);
  return `${wall}${offset(offsetMinutes)}`;
}

/** An ISO timestamp with an explicit zone (Z or ±hh:mm), as the service's own exports write it. */
function zoned(t: string): string | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(t)) return undefined;
  return Number.isNaN(Date.parse(t)) ? undefined : t;
}
