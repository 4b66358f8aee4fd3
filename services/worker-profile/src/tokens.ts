/** DI tokens of the worker-profile service. */
export const TOKENS = {
  Config: Symbol('Config'),
  Pool: Symbol('Pool'),
  Outbox: Symbol('Outbox'),
  EventSchemas: Symbol('EventSchemas'),
  Taxonomy: Symbol('Taxonomy'),
  PiiCipher: Symbol('PiiCipher'),
  Clock: Symbol('Clock'),
  /** The county's calendar (CountyCalendar), reading the Clock: every county date comes from it. */
  Calendar: Symbol('Calendar'),
  Logger: Symbol('Logger'),
  WorkerRepository: Symbol('WorkerRepository'),
  AuditLog: Symbol('AuditLog'),
} as const;

/** Now, injectable so that tests and imports can pin the date. */
export type Clock = () => Date;
