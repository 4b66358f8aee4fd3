import { Type } from '@sinclair/typebox';

/** One of these strings: `literals(['draft', 'open'])` is `Type.Union([Type.Literal('draft'), Type.Literal('open')])`. */
export const literals = <const T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));
