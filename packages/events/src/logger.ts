/**
 * The logging surface the package needs; a pino logger satisfies it.
 * Methods (not function properties) so pino's overloads stay assignable.
 */
export interface Logger {
  info(objOrMsg: object | string, msg?: string): void;
  warn(objOrMsg: object | string, msg?: string): void;
  error(objOrMsg: object | string, msg?: string): void;
  debug(objOrMsg: object | string, msg?: string): void;
}
