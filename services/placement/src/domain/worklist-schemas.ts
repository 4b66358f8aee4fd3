import { type Static, Type } from '@sinclair/typebox';
import { StrictObject, WorklistCounts, WorklistItem } from '@tongxin/service-platform';

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

export const WorklistView = Type.Object({
  items: Type.Array(WorklistItem),
  counts: WorklistCounts,
});
export type WorklistView = Static<typeof WorklistView>;

export const WorklistQuery = StrictObject({
  /** Items per kind (0: the counts only). */
  limit: Type.Optional(Type.Integer({ minimum: 0, maximum: WORKLIST_MAX_PER_KIND })),
});
export type WorklistQuery = Static<typeof WorklistQuery>;
