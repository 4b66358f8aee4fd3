/**
 * The programme's calendar: closing dates and deadlines are calendar days in the county,
 * not UTC days, so "today" is computed with the configured offset (China Standard Time).
 */
export class Calendar {
  constructor(
    private readonly offsetMinutes: number,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Today as 'YYYY-MM-DD' in the county. */
  today(): string {
    return new Date(this.now().getTime() + this.offsetMinutes * 60_000).toISOString().slice(0, 10);
  }
}
