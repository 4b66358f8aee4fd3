/** Errors of @tongxin/db; codes are prefixed DB_. */
export class DbError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DbError';
  }
}

export const migrationMissing = (schema: string, name: string): DbError =>
  new DbError(
    'DB_MIGRATION_MISSING',
    `migration ${name} was applied to schema ${schema} but its file is gone; migrations are forward-only`,
  );

export const invalidSchemaName = (schema: string): DbError =>
  new DbError('DB_INVALID_SCHEMA', `invalid schema name: ${schema}`);

/**
 * A row that would break a unique constraint; `constraint` names it (e.g. `workers_id_hash_key`),
 * so a repository can say which domain rule was broken without the caller reading SQLSTATEs.
 */
export class UniqueViolation extends DbError {
  constructor(
    readonly constraint: string | undefined,
    options?: { cause?: unknown },
  ) {
    super('DB_UNIQUE_VIOLATION', `unique constraint ${constraint ?? '(unnamed)'} violated`, options);
    this.name = 'UniqueViolation';
  }
}

/** A row that refers to one that is not there (or is referred to and cannot go). */
export class ForeignKeyViolation extends DbError {
  constructor(
    readonly constraint: string | undefined,
    options?: { cause?: unknown },
  ) {
    super('DB_FOREIGN_KEY_VIOLATION', `foreign key ${constraint ?? '(unnamed)'} violated`, options);
    this.name = 'ForeignKeyViolation';
  }
}

// SQLSTATE class 23 (integrity constraint violation); only the database layer knows these numbers.
const UNIQUE = '23505';
const FOREIGN_KEY = '23503';

/** The named error for a constraint violation from pg, or the error itself for anything else. */
export function namedDbError(err: unknown): unknown {
  const e = err as { code?: unknown; constraint?: unknown };
  const constraint = typeof e?.constraint === 'string' ? e.constraint : undefined;
  if (e?.code === UNIQUE) return new UniqueViolation(constraint, { cause: err });
  if (e?.code === FOREIGN_KEY) return new ForeignKeyViolation(constraint, { cause: err });
  return err;
}

/** Runs a statement and throws constraint violations as named errors. */
export async function named<T>(statement: Promise<T>): Promise<T> {
  try {
    return await statement;
  } catch (err) {
    throw namedDbError(err);
  }
}
