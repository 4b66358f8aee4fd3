import { type Static, Type } from '@sinclair/typebox';
import { Township, Village, literals } from '../ledgers/schemas.ts';
import { QIYOU_ITEMS } from './qiyou.ts';

export const VillageParams = Type.Object({ code: Village });
export const DeclareParams = Type.Object({ code: Village, item: Type.String({ maxLength: 40 }) });

/** Every field is checked by the use case, so that a missing piece of evidence is named as such. */
export const DeclarationInput = Type.Object(
  {
    declaredOn: Type.Optional(Type.String({ format: 'date', maxLength: 10 })),
    evidence: Type.Optional(Type.String({ maxLength: 1000 })),
    documentRef: Type.Optional(Type.String({ maxLength: 200 })),
  },
  { additionalProperties: false },
);
export type DeclarationInput = Static<typeof DeclarationInput>;

const Item = Type.Object({
  item: literals(QIYOU_ITEMS),
  label: Type.String(),
  source: literals(['computed', 'declared'] as const),
  met: Type.Boolean(),
  evidence: Type.Optional(
    Type.Object({
      date: Type.Optional(Type.String()),
      text: Type.String(),
      documentRef: Type.Optional(Type.String()),
      declaredBy: Type.Optional(Type.String()),
    }),
  ),
  lacks: Type.Optional(Type.String()),
});

export const QiyouView = Type.Object({
  villageCode: Type.String(),
  villageName: Type.Optional(Type.String()),
  townshipCode: Type.String(),
  townshipName: Type.Optional(Type.String()),
  pilot: Type.Boolean(),
  met: Type.Boolean(),
  metCount: Type.Integer(),
  missing: Type.Array(literals(QIYOU_ITEMS)),
  items: Type.Array(Item),
  asOf: Type.String(),
});
export type QiyouView = Static<typeof QiyouView>;

export const QiyouCountyQuery = Type.Object(
  { township: Type.Optional(Township), village: Type.Optional(Village) },
  { additionalProperties: false },
);
export type QiyouCountyQuery = Static<typeof QiyouCountyQuery>;

export const QiyouCountyView = Type.Object({
  asOf: Type.String(),
  villages: Type.Integer(),
  meeting: Type.Integer(),
  /** Pilot villages first, then by code. */
  items: Type.Array(QiyouView),
});
export type QiyouCountyView = Static<typeof QiyouCountyView>;
