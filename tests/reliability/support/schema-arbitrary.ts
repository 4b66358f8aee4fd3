import fc from 'fast-check';

/** The subset of JSON Schema the services' TypeBox schemas use in the OpenAPI document. */
export interface Schema {
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
  minItems?: number;
  maxItems?: number;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  $ref?: string;
}

/** Strings that break naive code: NUL, lone surrogates, bidi overrides, huge graphemes, injections. */
export const ODD_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\uD800',
  '\uDFFF\uD800x',
  '𠜎𠜱𠝹',
  '👩‍👩‍👧‍👦',
  '\u202Etxt.exe',
  'Z̶̛͔̈́a̸l̷g̴o̵',
  '\uFEFF',
  '\u3000',
  "'; DROP TABLE workers;--",
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  '../../../../etc/passwd',
  '%00%ff',
  '\\',
  '"',
  '\r\n\t',
  '１２３４５',
  '﷽',
];

/** Code points, as ajv counts string length. */
export const codePoints = (s: string): number => [...s].length;

const dateArb = fc
  .date({ min: new Date('1950-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const dateTimeArb = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString());

function typeOf(s: Schema): string | undefined {
  if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null') ?? s.type[0];
  if (s.type) return s.type;
  if (s.properties) return 'object';
  if (s.items) return 'array';
  return undefined;
}

function stringArb(s: Schema): fc.Arbitrary<string> {
  const min = s.minLength ?? 0;
  const max = Math.min(s.maxLength ?? 40, min + 60);
  if (s.format === 'uuid') return fc.uuid();
  if (s.format === 'date') return dateArb;
  if (s.format === 'date-time') return dateTimeArb;
  if (s.format === 'email') return fc.emailAddress();
  if (s.pattern) {
    return fc
      .stringMatching(new RegExp(s.pattern))
      .filter((x) => codePoints(x) >= min && codePoints(x) <= (s.maxLength ?? Infinity));
  }
  const fits = (x: string) => codePoints(x) >= min && codePoints(x) <= (s.maxLength ?? Infinity);
  return fc.oneof(
    { weight: 3, arbitrary: fc.string({ minLength: min, maxLength: max }) },
    { weight: 2, arbitrary: fc.string({ unit: 'grapheme', minLength: min, maxLength: max }).filter(fits) },
    {
      weight: 2,
      arbitrary: fc
        .string({
          unit: fc.constantFrom(...'张王李赵和顺县义兴镇恋思村电焊工'),
          minLength: Math.max(min, 1),
          maxLength: max,
        })
        .filter(fits),
    },
    { weight: 2, arbitrary: fc.constantFrom(...ODD_STRINGS.filter(fits), 'x'.repeat(Math.max(min, 1))).filter(fits) },
  );
}

function numberArb(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const min =
    s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : -1e6);
  const max =
    s.maximum ?? (s.exclusiveMaximum !== undefined ? s.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : 1e6);
  const edges = fc.constantFrom(min, max);
  return integer
    ? fc.oneof(fc.integer({ min: Math.ceil(min), max: Math.floor(max) }), edges.map(Math.round))
    : fc.oneof(fc.double({ min, max, noNaN: true, noDefaultInfinity: true }), edges);
}

/** An arbitrary of values valid against `s` (as far as the schema can say). */
export function valid(s: Schema, depth = 0): fc.Arbitrary<unknown> {
  if (s.const !== undefined) return fc.constant(s.const);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => valid(a, depth + 1)));
  if (s.allOf) return valid(Object.assign({}, ...s.allOf), depth + 1);
  switch (typeOf(s)) {
    case 'string':
      return stringArb(s);
    case 'integer':
      return numberArb(s, true);
    case 'number':
      return numberArb(s, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      const min = s.minItems ?? 0;
      const max = Math.min(s.maxItems ?? 4, min + (depth > 2 ? 1 : 4));
      return fc.array(s.items ? valid(s.items, depth + 1) : fc.string(), { minLength: min, maxLength: max });
    }
    case 'object': {
      const props = s.properties ?? {};
      const required = new Set(s.required ?? []);
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [k, v] of Object.entries(props)) record[k] = valid(v, depth + 1);
      return fc.record(record, { requiredKeys: [...required].filter((k) => k in props) });
    }
    default:
      return fc.oneof(fc.string(), fc.integer(), fc.boolean());
  }
}

/** A value of a different JSON type than the schema asks for. */
export function wrongType(s: Schema): unknown[] {
  const t = typeOf(s) ?? (s.enum ? typeof s.enum[0] : undefined);
  const all: Record<string, unknown> = {
    string: 'text',
    integer: 7,
    number: 1.5,
    boolean: true,
    array: [1],
    object: { a: 1 },
    null: null,
  };
  return Object.entries(all)
    .filter(([k]) => k !== t && !(t === 'number' && k === 'integer') && !(Array.isArray(s.type) && s.type.includes(k)))
    .filter(
      ([k]) =>
        !(s.anyOf ?? s.oneOf ?? []).some(
          (a) => typeOf(a) === k || (k === 'string' && a.enum?.some((e) => typeof e === 'string')),
        ),
    )
    .map(([, v]) => v);
}

export { typeOf };
