/** DI tokens of the worker-profile service. */
export const TOKENS = {
  Config: Symbol('Config'),
  Pool: Symbol('Pool'),
  Outbox: Symbol('Outbox'),
  EventSchemas: Symbol('EventSchemas'),
  Taxonomy: Symbol('Taxonomy'),
  PiiCipher: Symbol('PiiCipher'),
  Clock: Symbol('Clock'),
  Logger: Symbol('Logger'),
  WorkerRepository: Symbol('WorkerRepository'),
  AuditLog: Symbol('AuditLog'),
} as const;

/** Now, injectable so that tests and imports can pin the date. */
export type Clock = () => Date;
