/** DI tokens of the placement service. */
export const TOKENS = {
  Config: Symbol('Config'),
  Pool: Symbol('Pool'),
  Outbox: Symbol('Outbox'),
  Clock: Symbol('Clock'),
  /** The county's calendar (CountyCalendar), reading the Clock. */
  Calendar: Symbol('Calendar'),
  SubsidyRules: Symbol('SubsidyRules'),
} as const;

/** Now, injectable so that tests and the seed can pin the date. */
export type Clock = () => Date;
