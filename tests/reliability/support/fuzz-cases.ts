import fc from 'fast-check';
import { type Schema, codePoints, typeOf, valid, wrongType } from './schema-arbitrary.ts';

/** One operation of the OpenAPI document, as the fuzzer needs it. */
export interface Operation {
  method: string;
  path: string;
  pathParams: { name: string; schema: Schema }[];
  queryParams: { name: string; schema: Schema; required: boolean }[];
  /** The JSON body schema, when the operation takes one. */
  body?: Schema;
  bodyRequired: boolean;
  /** A write with no documented body (an upload): sent raw. */
  upload: boolean;
  responses: Record<string, { schema?: Schema; contentType?: string }>;
}

/** One generated request: valid by the schemas, or invalid with the mutation named. */
export interface Case {
  valid: boolean;
  mutation: string;
  path: string;
  body?: string | Buffer;
  contentType?: string;
}

type Doc = {
  paths: Record<string, Record<string, any>>;
  components?: { schemas?: Record<string, Schema> };
};

/** Replaces `#/components/schemas/X` references by the schema itself. */
export function deref(node: unknown, doc: Doc): any {
  if (Array.isArray(node)) return node.map((n) => deref(n, doc));
  if (node && typeof node === 'object') {
    const o = node as Record<string, unknown>;
    if (typeof o.$ref === 'string') {
      const name = o.$ref.replace('#/components/schemas/', '');
      return deref(doc.components?.schemas?.[name] ?? {}, doc);
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, deref(v, doc)]));
  }
  return node;
}

export function operations(doc: Doc): Operation[] {
  const out: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith('/api/v1/')) continue;
    for (const [method, raw] of Object.entries(item)) {
      const op = deref(raw, doc);
      const params = (op.parameters ?? []) as { in: string; name: string; schema: Schema; required?: boolean }[];
      const json = op.requestBody?.content?.['application/json']?.schema as Schema | undefined;
      const responses: Operation['responses'] = {};
      for (const [status, r] of Object.entries((op.responses ?? {}) as Record<string, any>)) {
        const [contentType, media] = Object.entries((r.content ?? {}) as Record<string, { schema?: Schema }>)[0] ?? [];
        responses[status] = {
          ...(media?.schema ? { schema: media.schema } : {}),
          ...(contentType ? { contentType } : {}),
        };
      }
      out.push({
        method: method.toUpperCase(),
        path,
        pathParams: params.filter((p) => p.in === 'path').map((p) => ({ name: p.name, schema: p.schema })),
        queryParams: params
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema, required: !!p.required })),
        ...(json ? { body: json } : {}),
        bodyRequired: !!op.requestBody?.required || !!json,
        upload: !json && method !== 'get' && /import/.test(path),
        responses,
      });
    }
  }
  return out;
}

/** Every value in a body schema that a mutation can aim at, with its JSON path. */
interface Slot {
  path: (string | number)[];
  schema: Schema;
  required: boolean;
}

function slots(s: Schema, path: (string | number)[] = [], required = true, depth = 0): Slot[] {
  const out: Slot[] = [{ path, schema: s, required }];
  if (depth > 4) return out;
  if (s.properties) {
    for (const [k, v] of Object.entries(s.properties))
      out.push(...slots(v, [...path, k], (s.required ?? []).includes(k), depth + 1));
  }
  if (s.items && typeOf(s) === 'array') out.push(...slots(s.items, [...path, 0], true, depth + 1));
  return out;
}

/** A valid value with every optional property present and every array non-empty, so that any path exists. */
function full(s: Schema): fc.Arbitrary<unknown> {
  if (s.properties && !s.anyOf) {
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, v] of Object.entries(s.properties)) record[k] = full(v);
    return fc.record(record);
  }
  if (typeOf(s) === 'array' && s.items && !s.anyOf) {
    const max = Math.max(1, Math.min(s.maxItems ?? 2, 2));
    return fc.array(full(s.items), { minLength: Math.max(1, s.minItems ?? 0), maxLength: max });
  }
  return valid(s);
}

function setAt(root: unknown, path: (string | number)[], value: unknown, remove = false): unknown {
  if (path.length === 0) return value;
  const copy = structuredClone(root) as any;
  let node = copy;
  for (const key of path.slice(0, -1)) {
    if (node == null || typeof node !== 'object') return copy;
    node = node[key];
  }
  if (node == null || typeof node !== 'object') return copy;
  const last = path.at(-1)!;
  if (remove) delete node[last];
  else node[last] = value;
  return copy;
}

/** How each slot can be made invalid, with a name for the report. */
function breakers(slot: Slot): { name: string; apply: (body: unknown) => unknown }[] {
  const s = slot.schema;
  const at = slot.path.join('/') || 'body';
  const out: { name: string; apply: (b: unknown) => unknown }[] = [];
  for (const v of wrongType(s).slice(0, 2)) {
    out.push({ name: `wrong type at ${at}`, apply: (b) => setAt(b, slot.path, v) });
  }
  if (slot.required && slot.path.length > 0 && typeof slot.path.at(-1) === 'string') {
    out.push({ name: `missing ${at}`, apply: (b) => setAt(b, slot.path, undefined, true) });
  }
  if (s.properties && s.additionalProperties === false) {
    out.push({ name: `unknown field in ${at}`, apply: (b) => setAt(b, [...slot.path, 'tier'], 'in_county') });
    out.push({ name: `unknown field in ${at}`, apply: (b) => setAt(b, [...slot.path, '__proto_x'], { admin: true }) });
  }
  const t = typeOf(s);
  if ((t === 'integer' || t === 'number') && !s.enum && !s.anyOf) {
    if (s.maximum !== undefined)
      out.push({ name: `above maximum at ${at}`, apply: (b) => setAt(b, slot.path, s.maximum! + 1) });
    if (s.minimum !== undefined)
      out.push({ name: `below minimum at ${at}`, apply: (b) => setAt(b, slot.path, s.minimum! - 1) });
    if (t === 'integer') out.push({ name: `fraction at ${at}`, apply: (b) => setAt(b, slot.path, 2.5) });
    out.push({ name: `huge number at ${at}`, apply: (b) => setAt(b, slot.path, 1e308) });
  }
  if (t === 'string' && !s.enum && !s.anyOf) {
    if (s.maxLength !== undefined) {
      out.push({ name: `overlong string at ${at}`, apply: (b) => setAt(b, slot.path, 'x'.repeat(s.maxLength! + 1)) });
      out.push({ name: `overlong unicode at ${at}`, apply: (b) => setAt(b, slot.path, '𠜎'.repeat(s.maxLength! + 1)) });
    }
    if (s.minLength && s.minLength > 0) out.push({ name: `too short at ${at}`, apply: (b) => setAt(b, slot.path, '') });
    if (s.pattern) out.push({ name: `pattern broken at ${at}`, apply: (b) => setAt(b, slot.path, '!不符合!') });
    if (s.format)
      out.push({
        name: `bad ${s.format} at ${at}`,
        apply: (b) => setAt(b, slot.path, s.format === 'uuid' ? '00000000-0000-0000-0000-00000000000g' : '2026-13-45'),
      });
  }
  if (s.enum || (s.anyOf && s.anyOf.every((a) => a.enum || a.const !== undefined))) {
    out.push({ name: `not in enum at ${at}`, apply: (b) => setAt(b, slot.path, 'not_a_value') });
  }
  if (t === 'array') {
    if (s.maxItems !== undefined)
      out.push({
        name: `too many items at ${at}`,
        apply: (b) =>
          setAt(
            b,
            slot.path,
            Array.from({ length: s.maxItems! + 1 }, () => ((b as any) ?? [])[0] ?? 'x'),
          ),
      });
    if (s.minItems) out.push({ name: `too few items at ${at}`, apply: (b) => setAt(b, slot.path, []) });
  }
  return out;
}

/** A query or path value that the parameter's schema refuses (text on the wire, coerced by the service). */
function badParam(s: Schema): { name: string; value: string }[] {
  const t = typeOf(s);
  const out: { name: string; value: string }[] = [];
  if (t === 'integer' || t === 'number') {
    out.push({ name: 'not a number', value: 'abc' });
    if (s.maximum !== undefined) out.push({ name: 'above maximum', value: String(s.maximum + 1) });
    if (s.minimum !== undefined) out.push({ name: 'below minimum', value: String(s.minimum - 1) });
    if (t === 'integer') out.push({ name: 'fraction', value: '1.5' });
  }
  if (t === 'boolean') out.push({ name: 'not a boolean', value: 'maybe' });
  if (s.format === 'uuid') out.push({ name: 'not a uuid', value: 'not-a-uuid' });
  if (s.format === 'date') out.push({ name: 'not a date', value: '2026-02-30x' });
  if (s.pattern) out.push({ name: 'pattern broken', value: '!不符合!' });
  if (s.maxLength !== undefined) out.push({ name: 'overlong', value: 'x'.repeat(s.maxLength + 1) });
  if (s.enum || s.anyOf?.every((a) => a.enum || a.const !== undefined))
    out.push({ name: 'not in enum', value: 'not_a_value' });
  return out;
}

/** Percent-encodes text; a lone surrogate goes out as the invalid UTF-8 bytes a careless client would send. */
function enc(v: unknown): string {
  const text = typeof v === 'string' ? v : JSON.stringify(v);
  try {
    return encodeURIComponent(text);
  } catch {
    return [...text].map((ch) => (/[\uD800-\uDFFF]/.test(ch) ? '%ED%A0%80' : encodeURIComponent(ch))).join('');
  }
}

/**
 * `count` requests for an operation: about 40 % valid by its schemas (ids from `ids` when given,
 * so that valid requests also reach records that exist) and 60 % invalid, each invalid one broken in
 * one named way. Deterministic for a seed.
 */
export function casesFor(
  op: Operation,
  count: number,
  seed: number,
  ids: (param: string, path: string) => string | undefined,
): Case[] {
  const rng = fc.sample(fc.integer({ min: 0, max: 1_000_000 }), { numRuns: count * 4, seed });
  let r = 0;
  const rand = (n: number) => rng[r++ % rng.length]! % n;
  const sampleOf = <T>(arb: fc.Arbitrary<T>): T => fc.sample(arb, { numRuns: 1, seed: seed + r++ })[0]!;

  const pathFor = (override?: { name: string; value: string }) => {
    let p = op.path;
    for (const param of op.pathParams) {
      const v =
        override?.name === param.name
          ? override.value
          : rand(10) < 7
            ? (ids(param.name, op.path) ?? String(sampleOf(valid(param.schema))))
            : String(sampleOf(valid(param.schema)));
      p = p.replace(`{${param.name}}`, enc(v));
    }
    return p;
  };
  const queryFor = (override?: { name: string; value: string }) => {
    const parts: string[] = [];
    for (const q of op.queryParams) {
      if (override?.name === q.name) parts.push(`${q.name}=${enc(override.value)}`);
      else if (q.required || rand(2) === 0) parts.push(`${q.name}=${enc(sampleOf(valid(q.schema)))}`);
    }
    return parts.length ? `?${parts.join('&')}` : '';
  };

  const invalidMakers: (() => Case)[] = [];
  for (const param of op.pathParams) {
    for (const b of badParam(param.schema)) {
      invalidMakers.push(() => ({
        valid: false,
        mutation: `path ${param.name}: ${b.name}`,
        path: pathFor({ name: param.name, value: b.value }) + queryFor(),
        ...bodyPart(),
      }));
    }
  }
  for (const q of op.queryParams) {
    for (const b of badParam(q.schema)) {
      invalidMakers.push(() => ({
        valid: false,
        mutation: `query ${q.name}: ${b.name}`,
        path: pathFor() + queryFor({ name: q.name, value: b.value }),
        ...bodyPart(),
      }));
    }
  }
  function bodyPart(): { body?: string; contentType?: string } {
    if (!op.body) return {};
    return { body: JSON.stringify(sampleOf(valid(op.body))), contentType: 'application/json' };
  }
  if (op.body) {
    const body = op.body;
    invalidMakers.push(() => ({
      valid: false,
      mutation: 'malformed JSON',
      path: pathFor() + queryFor(),
      body: '{"name": "张三", ',
      contentType: 'application/json',
    }));
    invalidMakers.push(() => ({
      valid: false,
      mutation: 'wrong content type',
      path: pathFor() + queryFor(),
      body: JSON.stringify(sampleOf(valid(body))),
      contentType: 'text/plain',
    }));
    invalidMakers.push(() => ({
      valid: false,
      mutation: 'wrong content type',
      path: pathFor() + queryFor(),
      body: 'a=1&b=2',
      contentType: 'application/x-www-form-urlencoded',
    }));
    invalidMakers.push(() => ({
      valid: false,
      mutation: 'not an object',
      path: pathFor() + queryFor(),
      body: JSON.stringify(sampleOf(fc.constantFrom([], 'text', 42, null, [{}]))),
      contentType: 'application/json',
    }));
    if (op.bodyRequired && (body.required ?? []).length > 0) {
      invalidMakers.push(() => ({
        valid: false,
        mutation: 'empty object',
        path: pathFor() + queryFor(),
        body: '{}',
        contentType: 'application/json',
      }));
    }
    for (const slot of slots(body)) {
      for (const b of breakers(slot)) {
        invalidMakers.push(() => ({
          valid: false,
          mutation: b.name,
          path: pathFor() + queryFor(),
          body: JSON.stringify(b.apply(sampleOf(full(body)))),
          contentType: 'application/json',
        }));
      }
    }
  }
  if (op.upload) {
    invalidMakers.push(() => ({
      valid: false,
      mutation: 'wrong content type',
      path: pathFor(),
      body: '{"rows": []}',
      contentType: 'application/json',
    }));
    invalidMakers.push(() => ({
      valid: false,
      mutation: 'wrong content type',
      path: pathFor(),
      body: '<rows/>',
      contentType: 'application/xml',
    }));
  }

  const cases: Case[] = [];
  const validShare = invalidMakers.length === 0 ? count : Math.round(count * 0.4);
  for (let i = 0; i < count; i++) {
    if (i < validShare) {
      if (op.upload) {
        const bytes = sampleOf(
          fc.oneof(
            fc.uint8Array({ maxLength: 300 }),
            fc.string({ maxLength: 300 }).map((s) => new TextEncoder().encode(`姓名,身份证号\n${s}`)),
          ),
        );
        cases.push({
          valid: true,
          mutation: 'upload',
          path: pathFor(),
          body: Buffer.from(bytes),
          contentType: sampleOf(
            fc.constantFrom('text/csv', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'),
          ),
        });
      } else {
        cases.push({ valid: true, mutation: 'valid', path: pathFor() + queryFor(), ...bodyPart() });
      }
    } else {
      cases.push(invalidMakers[(i - validShare) % invalidMakers.length]!());
    }
  }
  return cases.map((c) => ({
    ...c,
    ...(c.body !== undefined && codePoints(String(c.body)) > 2_000_000 ? { body: '{}' } : {}),
  }));
}
