import { TaxonomyError } from './errors.ts';

/**
 * Minimal RFC 4180 reader: quoted fields, doubled quotes, CRLF, BOM. The file is
 * hand-edited in spreadsheets, which quote fields containing commas on export.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch !== '"') field += ch;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (quoted) throw new TaxonomyError('TAXONOMY_INVALID_DATA', 'unterminated quoted field');
  if (field !== '' || row.length > 0) {
    row.push(field);
    rows.push(row);
  }
  // Blank lines (e.g. a trailing one) are not records.
  return rows.filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
}
