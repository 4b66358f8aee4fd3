/** DI tokens of the training service. */
export const TOKENS = {
  Config: Symbol('Config'),
  Pool: Symbol('Pool'),
  Outbox: Symbol('Outbox'),
  Taxonomy: Symbol('Taxonomy'),
  Clock: Symbol('Clock'),
  /** The county's calendar (CountyCalendar), reading the Clock. */
  Calendar: Symbol('Calendar'),
} as const;

/** Now, injectable so that tests and seeds can pin the date. */
export type Clock = () => Date;
