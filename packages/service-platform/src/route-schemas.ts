import { Type } from '@sinclair/typebox';

/** The `:id` path parameter of a resource keyed by uuid. */
export const IdParams = Type.Object({ id: Type.String({ format: 'uuid' }) });

/** The responses a route answers with a Problem document (RFC 9457), by status. */
export function problemResponses(...statuses: number[]): Record<number, { $ref: 'Problem' }> {
  return Object.fromEntries(statuses.map((s) => [s, { $ref: 'Problem' as const }]));
}
