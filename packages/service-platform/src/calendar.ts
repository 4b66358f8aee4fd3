/** The county's offset from UTC when configuration says nothing: China Standard Time (UTC+8, no DST). */
export const COUNTY_UTC_OFFSET_MINUTES = 480;

/**
 * The programme's calendar. Closing dates, follow-ups, service dates and "today" are calendar
 * days in the county, not UTC days: between 00:00 and 08:00 in the county, UTC is still on
 * yesterday. Every county date is computed here, with CALENDAR_UTC_OFFSET_MINUTES (BaseConfig).
 */
export class CountyCalendar {
  constructor(
    readonly offsetMinutes: number = COUNTY_UTC_OFFSET_MINUTES,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Today as 'YYYY-MM-DD' in the county (by the calendar's clock). */
  today(): string {
    return this.dateOf(this.now());
  }

  /** The county date 'YYYY-MM-DD' of an instant (a Date, epoch milliseconds or an ISO timestamp). */
  dateOf(at: Date | number | string): string {
    return this.#shifted(at).slice(0, 10);
  }

  /** The county month 'YYYY-MM' of an instant. */
  monthOf(at: Date | number | string): string {
    return this.#shifted(at).slice(0, 7);
  }

  /** The same calendar reading another clock. */
  withClock(now: () => Date): CountyCalendar {
    return new CountyCalendar(this.offsetMinutes, now);
  }

  #shifted(at: Date | number | string): string {
    const ms = at instanceof Date ? at.getTime() : typeof at === 'number' ? at : Date.parse(at);
    if (!Number.isFinite(ms)) throw new RangeError(`not an instant: ${String(at)}`);
    return new Date(ms + this.offsetMinutes * 60_000).toISOString();
  }
}
