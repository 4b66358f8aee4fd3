import { type Static, Type } from '@sinclair/typebox';
import { literals } from '@tongxin/service-platform';

/** One thing an officer should do, as every part of the worklist answers it (the issue 15 contract). */
export const WorklistItem = Type.Object({
  kind: Type.String(),
  id: Type.String(),
  /** Chinese. */
  title: Type.String(),
  titleEn: Type.String(),
  village: Type.Optional(Type.String({ pattern: '^[0-9]{12}$' })),
  workerId: Type.Optional(Type.String()),
  householdNo: Type.Optional(Type.String()),
  /** County date YYYY-MM-DD. */
  dueDate: Type.Optional(Type.String()),
  overdue: Type.Boolean(),
  /** The portal's hash route of the item. */
  link: Type.String(),
  action: Type.Optional(Type.Object({ method: literals(['GET', 'POST', 'PATCH']), path: Type.String() })),
});
export type WorklistItem = Static<typeof WorklistItem>;

export const Worklist = Type.Object({
  items: Type.Array(WorklistItem),
  /** Items per kind (every kind this part knows, zero included). */
  counts: Type.Record(Type.String(), Type.Integer()),
});
export type Worklist = Static<typeof Worklist>;
