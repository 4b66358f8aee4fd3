export { createPool, type PoolOptions, type Pool, type PoolClient, type QueryResultRow } from './pool.ts';
export { withTransaction, type Queryable } from './transaction.ts';
export { migrate, type MigrateOptions } from './migrate.ts';
export {
  startEmbeddedPostgres,
  restoreEmbeddedPostgres,
  type EmbeddedPostgres,
  type EmbeddedPostgresOptions,
} from './embedded.ts';
export {
  startEmbeddedAutovacuum,
  type EmbeddedAutovacuum,
  type EmbeddedAutovacuumOptions,
} from './embedded-autovacuum.ts';
export { createTestDatabase, type TestDatabase } from './test-database.ts';
export { DbError, ForeignKeyViolation, UniqueViolation, named, namedDbError } from './errors.ts';
export { SqlParams, type Tables, countedLimit, countedRows, regionScopeSql, tablesIn, whereSql } from './sql.ts';
