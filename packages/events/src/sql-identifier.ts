import { EventsError } from './errors.ts';

/**
 * Checks a schema name before it is spliced into SQL: identifiers cannot be bound as
 * parameters, so only plain lower-case names are accepted.
 */
export function sqlIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(name)) {
    throw new EventsError('EVENTS_INVALID_IDENTIFIER', `"${name}" is not a plain SQL identifier`);
  }
  return name;
}
