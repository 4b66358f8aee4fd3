import { type Static, Type } from '@sinclair/typebox';
import { StrictObject, literals } from '@tongxin/service-platform';

/** The kinds of work placement puts on an officer's worklist (ADR 0016). */
export const PLACEMENT_WORK_KINDS = [
  'follow-up-due',
  'follow-up-overdue',
  'rights-case',
  'not-contacted',
  'subsidy-waiting',
] as const;
export type PlacementWorkKind = (typeof PLACEMENT_WORK_KINDS)[number];

/** Items listed per kind at most; the counts stay exact. */
export const WORKLIST_MAX_PER_KIND = 200;

/** One thing an officer has to do: the worklist contract shared with worker-profile and the gateway. */
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

export const WorklistView = Type.Object({
  items: Type.Array(WorklistItem),
  counts: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
});
export type WorklistView = Static<typeof WorklistView>;

export const WorklistQuery = StrictObject({
  /** Items per kind (0: the counts only). */
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: WORKLIST_MAX_PER_KIND })),
});
export type WorklistQuery = Static<typeof WorklistQuery>;
