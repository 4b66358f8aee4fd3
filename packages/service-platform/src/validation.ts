import { Ajv, type ErrorObject, type Options } from 'ajv';
import addFormatsImport from 'ajv-formats';
import type { FastifySchemaCompiler } from 'fastify';
import type { FieldError } from './errors.ts';

const addFormats = addFormatsImport as unknown as (ajv: Ajv) => Ajv;

const common: Options = { allErrors: true, strict: false, useDefaults: true, removeAdditional: false };

/**
 * Bodies are validated strictly (no type coercion, unknown fields refused) so that
 * `"level": "3"` is an error, while query strings and path parameters, which are text
 * on the wire, are coerced to their declared types.
 */
export function createValidatorCompiler(): FastifySchemaCompiler<unknown> {
  const strict = addFormats(new Ajv({ ...common, coerceTypes: false }));
  const coercing = addFormats(new Ajv({ ...common, coerceTypes: 'array' }));
  return ({ schema, httpPart }) => {
    const ajv = httpPart === 'body' ? strict : coercing;
    return ajv.compile(schema as object) as ReturnType<FastifySchemaCompiler<unknown>>;
  };
}

/**
 * Turns ajv errors into field errors with JSON-pointer-like names (`skills/0/level`). A union of
 * literals (TypeBox's enums) fails as one `const` error per branch plus an `anyOf`; those are
 * folded into one "must be one of: …" naming the allowed values.
 */
export function toFieldErrors(errors: ErrorObject[], part: string | undefined): FieldError[] {
  const allowed = new Map<string, unknown[]>();
  for (const e of errors) {
    if (e.keyword === 'const')
      allowed.set(e.instancePath, [...(allowed.get(e.instancePath) ?? []), e.params.allowedValue]);
  }
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors) {
    if (e.keyword === 'const' && errors.some((x) => x.keyword === 'anyOf' && x.instancePath === e.instancePath))
      continue;
    let field = e.instancePath.replace(/^\//, '');
    if (e.keyword === 'required') field = join(field, String(e.params.missingProperty));
    if (e.keyword === 'additionalProperties') field = join(field, String(e.params.additionalProperty));
    if (!field) field = part ?? 'body';
    const values = allowed.get(e.instancePath);
    const message =
      e.keyword === 'additionalProperties'
        ? 'unknown field'
        : e.keyword === 'required'
          ? 'is required'
          : e.keyword === 'anyOf' && values
            ? `must be one of: ${values.join(', ')}`
            : (e.message ?? 'invalid');
    const key = `${field}|${message}`;
    if (!seen.has(key)) {
      seen.add(key);
      out.push({ field, message });
    }
  }
  return out;
}

const join = (a: string, b: string): string => (a ? `${a}/${b}` : b);

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** What a string holds that PostgreSQL cannot store, if anything. */
function unstorable(text: string): string | undefined {
  if (text.includes('\u0000')) return 'must not contain a NUL character';
  // A lone UTF-16 surrogate is not Unicode text: jsonb refuses it.
  if (LONE_SURROGATE.test(text)) return 'must be well-formed Unicode text';
  return undefined;
}

/**
 * The first string (by path) that PostgreSQL cannot store — a NUL, or a lone surrogate — with the
 * reason: found before validation so that it is a 400 naming the field, never a database error.
 */
export function findUnstorableText(
  value: unknown,
  path = '',
  depth = 0,
): { field: string; message: string } | undefined {
  if (typeof value === 'string') {
    const message = unstorable(value);
    return message ? { field: path, message } : undefined;
  }
  // A streamed body (the gateway's proxy) is the receiving service's to check.
  if (value === null || typeof value !== 'object' || depth > 32 || isStream(value)) return undefined;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    const found = findUnstorableText(v, path ? `${path}/${k}` : k, depth + 1);
    if (found) return found;
  }
  return undefined;
}

const isStream = (value: object): boolean =>
  Buffer.isBuffer(value) || typeof (value as { pipe?: unknown }).pipe === 'function';
