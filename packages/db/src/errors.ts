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
