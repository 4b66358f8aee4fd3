/** DI tokens of the matching service. */
export const TOKENS = {
  Config: Symbol('Config'),
  Pool: Symbol('Pool'),
  Taxonomy: Symbol('Taxonomy'),
  Store: Symbol('Store'),
  Engine: Symbol('Engine'),
  Indexer: Symbol('Indexer'),
  Logger: Symbol('Logger'),
  Clock: Symbol('Clock'),
  Calendar: Symbol('Calendar'),
} as const;

/** Now, injectable so that tests and benches can pin the date. */
export type Clock = () => Date;
