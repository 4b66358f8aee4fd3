import { type Static, Type } from '@sinclair/typebox';
import { WorklistCounts, WorklistItem } from '@tongxin/service-platform';

/**
 * The services whose parts make up the worklist, where each serves its part, and whether it takes
 * `limit` (a part that does not is asked without it; the gateway caps its kinds itself).
 */
export const WORKLIST_PARTS = {
  placement: { service: 'placement', path: '/api/v1/worklist/placement', limit: true },
  registry: { service: 'worker-profile', path: '/api/v1/worklist/registry', limit: false },
} as const;
export type WorklistPart = keyof typeof WORKLIST_PARTS;

const PartState = Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]);

export const MergedWorklist = Type.Object({
  items: Type.Array(WorklistItem),
  counts: WorklistCounts,
  /** Which parts answered: the kinds of an unavailable part are missing from `items` and `counts`. */
  parts: Type.Object({ placement: PartState, registry: PartState }),
});
export type MergedWorklist = Static<typeof MergedWorklist>;

export const WorklistQuery = Type.Object(
  {
    /** Items per kind, passed to each part (0: the counts only). */
    limit: Type.Optional(Type.Integer({ minimum: 0, maximum: 200 })),
  },
  { additionalProperties: false },
);
