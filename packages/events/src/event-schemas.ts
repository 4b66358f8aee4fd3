import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { AnySchemaObject, ErrorObject, ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { EventsError } from './errors.ts';

/** `contracts/events/` of the repository, found from this file rather than the cwd. */
export const DEFAULT_CONTRACTS_DIR = fileURLToPath(new URL('../../../contracts/events/', import.meta.url));

/** Base URI given to schema files without `$id`, so `"$ref": "envelope.json"` resolves. */
const BASE_URI = 'https://schemas.tongxin.local/events/';
const ENVELOPE_FILE = 'envelope.json';

/** Options of {@link EventSchemas}. */
export interface EventSchemasOptions {
  /** Directory of `<type>.json` schemas plus `envelope.json`; defaults to the repo's `contracts/events/`. */
  dir?: string;
}

/**
 * The JSON Schemas of every event type, loaded once at boot (synchronously) from a
 * directory: `envelope.json` plus one `<type>.json` per event type, each describing the
 * whole envelope (JSON Schema 2020-12).
 */
export class EventSchemas {
  readonly dir: string;
  readonly #validators = new Map<string, ValidateFunction>();

  constructor(options: EventSchemasOptions = {}) {
    this.dir = options.dir ?? DEFAULT_CONTRACTS_DIR;
    // Strict about unknown keywords and formats (typos), lenient about where `type`/`required`
    // sit: contracts split them between the envelope and the event's own schema.
    const ajv = new Ajv2020({
      allErrors: true,
      strict: true,
      strictTypes: false,
      strictRequired: false,
      allowUnionTypes: true,
    });
    // ajv-formats is CommonJS: under NodeNext its default import is the module object.
    addFormats.default(ajv);

    let files: string[];
    try {
      files = readdirSync(this.dir)
        .filter((f) => f.endsWith('.json'))
        .sort();
    } catch (cause) {
      throw new EventsError('EVENTS_SCHEMA_LOAD_FAILED', `cannot read schema directory ${this.dir}`, { cause });
    }
    const types: { type: string; id: string; file: string }[] = [];
    for (const file of files) {
      const schema = readSchema(join(this.dir, file));
      const id = typeof schema.$id === 'string' ? schema.$id : BASE_URI + file;
      schema.$id = id;
      try {
        ajv.addSchema(schema);
      } catch (cause) {
        throw loadFailed(file, cause);
      }
      if (file !== ENVELOPE_FILE) types.push({ type: file.slice(0, -'.json'.length), id, file });
    }
    // Compiled only after every file is added, so references between files resolve.
    for (const { type, id, file } of types) {
      let validate: ValidateFunction | undefined;
      try {
        validate = ajv.getSchema(id);
      } catch (cause) {
        throw loadFailed(file, cause);
      }
      if (!validate) throw loadFailed(file, new Error(`schema ${id} not registered`));
      this.#validators.set(type, validate);
    }
  }

  /** Event types that have a schema. */
  types(): string[] {
    return [...this.#validators.keys()].sort();
  }

  has(type: string): boolean {
    return this.#validators.has(type);
  }

  /**
   * Throws `EVENTS_SCHEMA_MISSING` when the event's type has no schema, or
   * `EVENTS_INVALID_EVENT` (with the ajv errors in `details`) when it does not match.
   */
  validate(event: unknown): void {
    const type = (event as { type?: unknown } | null)?.type;
    if (typeof type !== 'string') {
      throw new EventsError('EVENTS_INVALID_EVENT', 'event has no string "type"', { details: [] });
    }
    const validate = this.#validators.get(type);
    if (!validate) {
      throw new EventsError('EVENTS_SCHEMA_MISSING', `no schema for event type "${type}" in ${this.dir}`);
    }
    if (!validate(event)) {
      const errors = validate.errors ?? [];
      throw new EventsError('EVENTS_INVALID_EVENT', `invalid "${type}" event: ${describe(errors)}`, {
        details: errors,
      });
    }
  }
}

function readSchema(path: string): AnySchemaObject {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as AnySchemaObject;
  } catch (cause) {
    throw new EventsError('EVENTS_SCHEMA_LOAD_FAILED', `cannot parse ${path}`, { cause });
  }
}

function loadFailed(file: string, cause: unknown): EventsError {
  return new EventsError('EVENTS_SCHEMA_LOAD_FAILED', `invalid schema ${file}: ${(cause as Error).message}`, { cause });
}

function describe(errors: ErrorObject[]): string {
  return errors
    .slice(0, 5)
    .map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`)
    .join('; ');
}
