/**
 * TypeScript types from the event JSON Schemas (`contracts/events/*.json`): one `…Data` type per event
 * type, a type per `$defs` entry, and `EventDataMap` from type to payload, which `createEvent`,
 * `Outbox.add` and `ServiceRuntime.consume` are generic over. Covers the subset of JSON Schema the
 * contracts use; anything else is an error here rather than a silently loose type.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

type Schema = Record<string, any>;

export const EVENTS_DIR = join(import.meta.dirname, '..', '..', 'contracts', 'events');

const pascal = (s: string): string =>
  s
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');

const KNOWN = new Set([
  '$schema',
  '$id',
  'title',
  'description',
  'type',
  'properties',
  'required',
  'additionalProperties',
  'const',
  'enum',
  'items',
  '$ref',
  'format',
  'pattern',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'minLength',
  'maxLength',
  'minItems',
  'maxItems',
  'uniqueItems',
  'allOf',
  '$defs',
  'oneOf',
  'anyOf',
  'default',
  'examples',
  'multipleOf',
]);

export interface EventContract {
  type: string;
  schema: Schema;
  /** Name of the generated payload type, e.g. `WorkerRegisteredData`. */
  dataType: string;
}

export async function readContracts(dir = EVENTS_DIR): Promise<EventContract[]> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json') && f !== 'envelope.json').sort();
  return Promise.all(
    files.map(async (f) => {
      const type = f.slice(0, -5);
      return { type, schema: JSON.parse(await readFile(join(dir, f), 'utf8')), dataType: `${pascal(type)}Data` };
    }),
  );
}

/**
 * Names of the `$defs` types: a definition shared unchanged by several files is one type named after
 * it (`opening` → `OpeningSnapshot`); one whose shape differs between files takes the file's domain
 * as a prefix (`worker.registered#skill` → `WorkerSkill`).
 */
function defNames(contracts: EventContract[]): Map<string, string> {
  const shapes = new Map<string, Set<string>>();
  for (const c of contracts) {
    for (const [name, def] of Object.entries<Schema>(c.schema.$defs ?? {})) {
      const set = shapes.get(name) ?? new Set();
      set.add(JSON.stringify(def));
      shapes.set(name, set);
    }
  }
  const names = new Map<string, string>();
  for (const c of contracts) {
    for (const name of Object.keys(c.schema.$defs ?? {})) {
      const shared = shapes.get(name)!.size === 1;
      names.set(
        `${c.type}#${name}`,
        shared ? `${pascal(name)}Snapshot` : `${pascal(c.type.split('.')[0]!)}${pascal(name)}`,
      );
    }
  }
  return names;
}

/**
 * Names of the object shapes that several payloads carry inline, unchanged, under the same property
 * (`union.membership-joined` and `-left` both carry `membership`): one type each, named after the
 * domain and the property (`UnionMembership`), instead of the same literal type in every payload.
 */
function sharedShapes(contracts: EventContract[]): Map<string, string> {
  const seen = new Map<string, { name: string; n: number }>();
  for (const c of contracts) {
    for (const [prop, s] of Object.entries<Schema>(c.schema.properties?.data?.properties ?? {})) {
      if (s.type !== 'object' || !s.properties) continue;
      const key = JSON.stringify(s);
      const entry = seen.get(key) ?? { name: `${pascal(c.type.split('.')[0]!)}${pascal(prop)}`, n: 0 };
      entry.n += 1;
      seen.set(key, entry);
    }
  }
  return new Map([...seen].filter(([, e]) => e.n > 1).map(([key, e]) => [key, e.name]));
}

function docComment(s: Schema, indent: string): string {
  const text = s.description as string | undefined;
  return text ? `${indent}/** ${text.replaceAll('*/', '*\\/')} */\n` : '';
}

class Renderer {
  constructor(
    private readonly file: string,
    private readonly names: Map<string, string>,
    /** Inline shapes rendered as a named type, by their schema's JSON. */
    private readonly shapes = new Map<string, string>(),
  ) {}

  ref(ref: string): string {
    const m = /^(?:([a-z0-9.-]+)\.json)?#\/\$defs\/([A-Za-z0-9_-]+)$/.exec(ref);
    const name = m && this.names.get(`${m[1] ?? this.file}#${m[2]}`);
    if (!name) throw new Error(`${this.file}: cannot resolve $ref ${ref}`);
    return name;
  }

  type(s: Schema, indent: string): string {
    for (const k of Object.keys(s)) if (!KNOWN.has(k)) throw new Error(`${this.file}: keyword ${k} is not supported`);
    if (s.$ref) return this.ref(s.$ref);
    const shared = this.shapes.get(JSON.stringify(s));
    if (shared) return shared;
    if ('const' in s) return JSON.stringify(s.const);
    if (s.enum) return s.enum.map((v: unknown) => JSON.stringify(v)).join(' | ');
    if (s.oneOf || s.anyOf)
      return [...new Set((s.oneOf ?? s.anyOf).map((x: Schema) => this.type(x, indent)))].join(' | ');
    if (s.allOf) return s.allOf.map((x: Schema) => this.type(x, indent)).join(' & ');
    const types: string[] = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
    if (types.length === 0) return s.properties ? this.object(s, indent) : 'unknown';
    return types.map((t) => this.single(t, s, indent)).join(' | ');
  }

  private single(t: string, s: Schema, indent: string): string {
    switch (t) {
      case 'string':
        return 'string';
      case 'integer':
      case 'number':
        return 'number';
      case 'boolean':
        return 'boolean';
      case 'null':
        return 'null';
      case 'array': {
        const item = s.items ? this.type(s.items, indent) : 'unknown';
        return /[|& ]/.test(item) ? `Array<${item}>` : `${item}[]`;
      }
      case 'object':
        return this.object(s, indent);
      default:
        throw new Error(`${this.file}: type ${t} is not supported`);
    }
  }

  private object(s: Schema, indent: string): string {
    const props = Object.entries<Schema>(s.properties ?? {});
    const extra = s.additionalProperties;
    if (props.length === 0) {
      return extra && typeof extra === 'object'
        ? `Record<string, ${this.type(extra, indent)}>`
        : 'Record<string, unknown>';
    }
    const required = new Set<string>(s.required ?? []);
    const inner = `${indent}  `;
    const lines = props.map(
      ([k, v]) =>
        `${docComment(v, inner)}${inner}${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}${required.has(k) ? '' : '?'}: ${this.type(v, inner)};`,
    );
    if (extra && typeof extra === 'object') lines.push(`${inner}[key: string]: ${this.type(extra, inner)};`);
    return `{\n${lines.join('\n')}\n${indent}}`;
  }
}

/** The generated module's text (formatted by prettier afterwards, as `npm run contracts` does). */
export async function renderEventTypes(dir = EVENTS_DIR): Promise<string> {
  const contracts = await readContracts(dir);
  const names = defNames(contracts);
  const out: string[] = [
    '// Generated by `npm run contracts` from contracts/events/*.json — do not edit by hand.',
    '// tests/contracts.test.ts fails when this file and the schemas disagree.',
    '',
  ];
  const shapes = sharedShapes(contracts);
  const emitted = new Set<string>();
  for (const c of contracts) {
    const r = new Renderer(c.type, names);
    for (const [def, schema] of Object.entries<Schema>(c.schema.$defs ?? {})) {
      const name = names.get(`${c.type}#${def}`)!;
      if (emitted.has(name)) continue;
      emitted.add(name);
      out.push(`${docComment(schema, '')}export type ${name} = ${r.type(schema, '')};`, '');
    }
  }
  for (const [key, name] of shapes) {
    const schema = JSON.parse(key) as Schema;
    out.push(`${docComment(schema, '')}export type ${name} = ${new Renderer(name, names).type(schema, '')};`, '');
  }
  for (const c of contracts) {
    const data = c.schema.properties?.data;
    if (!data) throw new Error(`${c.type}: the schema does not narrow data`);
    const r = new Renderer(c.type, names, shapes);
    const summary = c.schema.description ? `/** \`${c.type}\`: ${c.schema.description} */\n` : `/** \`${c.type}\` */\n`;
    out.push(`${summary}export type ${c.dataType} = ${r.type(data, '')};`, '');
  }
  out.push('/** Every event type and its payload (`data`). */', 'export interface EventDataMap {');
  for (const c of contracts) out.push(`  '${c.type}': ${c.dataType};`);
  out.push('}', '', '/** Every event type of the contracts. */', 'export type EventType = keyof EventDataMap;', '');
  return out.join('\n');
}
