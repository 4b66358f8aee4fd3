import type { TSchema } from '@sinclair/typebox';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import type { CellError } from './registry-rows.ts';

/** The column of a schema field: ledger inputs name their fields as the sheet's column keys. */
const firstSegment = (field: string): string => field.split('/')[0] ?? field;

/**
 * A check of one row's input against the ledger's schema, the one its API validates: the cell
 * checks give the friendlier messages, this catches what they let through. Problems are named by
 * column key, one per column (a union reports every branch; one message is enough to fix the cell).
 */
export function schemaCheck(
  schema: TSchema,
  columnOf: (field: string) => string = firstSegment,
): (input: unknown) => CellError[] {
  const ajv = new Ajv({ allErrors: true, strict: false, coerceTypes: false });
  // ajv-formats is CommonJS: under NodeNext its default import is the module object.
  addFormats.default(ajv);
  const validate = ajv.compile(schema);
  return (input) => {
    if (validate(input)) return [];
    const seen = new Set<string>();
    const errors: CellError[] = [];
    for (const e of validate.errors ?? []) {
      let field = e.instancePath.replace(/^\//, '');
      if (e.keyword === 'required') field = [field, String(e.params.missingProperty)].filter(Boolean).join('/');
      const key = columnOf(field);
      if (seen.has(key)) continue;
      seen.add(key);
      errors.push({ key, message: e.keyword === 'required' ? 'is required' : (e.message ?? 'is invalid') });
    }
    return errors;
  };
}
