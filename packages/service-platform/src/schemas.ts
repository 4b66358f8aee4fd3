import { type TProperties, Type } from '@sinclair/typebox';

/** One of these strings: `literals(['draft', 'open'])` is `Type.Union([Type.Literal('draft'), Type.Literal('open')])`. */
export const literals = <const T extends string>(values: readonly T[]) =>
  Type.Union(values.map((v) => Type.Literal(v)));

/** An object of these properties and no others: what a request body or query string may be. */
export const StrictObject = <T extends TProperties>(properties: T) =>
  Type.Object(properties, { additionalProperties: false });
