import { type Static, Type } from '@sinclair/typebox';

/**
 * The services whose parts make up the worklist, where each serves its part, and whether it takes
 * `limit` (a part that does not is asked without it; the gateway caps its kinds itself).
 */
export const WORKLIST_PARTS = {
  placement: { service: 'placement', path: '/api/v1/worklist/placement', limit: true },
  registry: { service: 'worker-profile', path: '/api/v1/worklist/registry', limit: false },
} as const;
export type WorklistPart = keyof typeof WORKLIST_PARTS;

/** One thing an officer has to do (the contract every part answers with, ADR 0016). */
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
    Type.Object({
      method: Type.Union([Type.Literal('GET'), Type.Literal('POST'), Type.Literal('PATCH')]),
      path: Type.String({ description: 'the API call' }),
    }),
  ),
});
export type WorklistItem = Static<typeof WorklistItem>;

const PartState = Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]);

export const MergedWorklist = Type.Object({
  items: Type.Array(WorklistItem),
  counts: Type.Record(Type.String(), Type.Integer({ minimum: 0 })),
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
