import { type Static, Type } from '@sinclair/typebox';
import { literals } from './schemas.ts';

/**
 * One thing an officer has to do: the worklist contract (ADR 0016) every part answers with and the
 * gateway merges.
 */
export const WorklistItem = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  title: Type.String({ description: 'Chinese' }),
  titleEn: Type.String(),
  village: Type.Optional(Type.String({ description: '12-digit village code' })),
  workerId: Type.Optional(Type.String()),
  householdNo: Type.Optional(Type.String()),
  dueDate: Type.Optional(Type.String({ description: 'YYYY-MM-DD, a county date' })),
  overdue: Type.Boolean(),
  link: Type.String({ description: 'the portal hash route where the action is' }),
  action: Type.Optional(
    Type.Object({ method: literals(['GET', 'POST', 'PATCH']), path: Type.String({ description: 'the API call' }) }),
  ),
});
export type WorklistItem = Static<typeof WorklistItem>;

/** Items per kind on a worklist, each kind's exact total (however many items are listed). */
export const WorklistCounts = Type.Record(Type.String(), Type.Integer({ minimum: 0 }));

/**
 * Overdue work first, then by due date (work without one last); ties by kind and id, so the order is
 * stable from one reading to the next. Each part sorts its list so, and the gateway the merged one.
 */
export function byUrgency(a: WorklistItem, b: WorklistItem): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  const da = a.dueDate ?? '9999-12-31';
  const db = b.dueDate ?? '9999-12-31';
  if (da !== db) return da < db ? -1 : 1;
  if (a.kind !== b.kind) return a.kind < b.kind ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
