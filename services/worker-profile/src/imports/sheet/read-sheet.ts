import ExcelJS from 'exceljs';
import { ProblemError } from '@tongxin/service-platform';
import { tooManyRows, unreadableFile as unreadable } from '../../errors.ts';
import { normalizeCell } from '../cells/text.ts';
import { assertZipWithinLimits } from './zip-limits.ts';

/** A spreadsheet as text: the header row and the data rows, each with its row number in the sheet. */
export interface Sheet {
  headers: string[];
  rows: SheetRow[];
}
export interface SheetRow {
  /** 1-based, as the spreadsheet program shows it (the header is usually row 1). */
  row: number;
  cells: string[];
}

/** `xlsx` for a ZIP container, `csv` for text, else refused: the content decides, not the file name. */
export function sniff(body: Buffer): 'xlsx' | 'csv' {
  if (body.length >= 4 && body[0] === 0x50 && body[1] === 0x4b && body[2] === 0x03 && body[3] === 0x04) return 'xlsx';
  const head = body.subarray(0, 4096);
  if (head.includes(0)) throw unreadable('the file is neither an xlsx workbook nor a CSV text file');
  return 'csv';
}

/** Reads the first worksheet of an xlsx or a CSV file (UTF-8, or GB18030 as Excel saves it in China). */
export async function readSheet(body: Buffer, maxRows: number): Promise<Sheet> {
  if (body.length === 0) throw unreadable('the file is empty');
  const rows = sniff(body) === 'xlsx' ? await readXlsx(body, maxRows) : readCsv(decodeText(body), maxRows);
  const headerAt = rows.findIndex((r) => r.cells.some((c) => c !== ''));
  if (headerAt < 0) throw unreadable('the sheet has no header row');
  const headers = rows[headerAt]!.cells.map((h) => h.replace(/\s+/g, '').replace(/[*＊]$/, ''));
  const data = rows
    .slice(headerAt + 1)
    .map((r) => ({ row: r.row, cells: r.cells.map(normalizeCell) }))
    .filter((r) => r.cells.some((c) => c !== ''));
  return { headers, rows: data };
}

/**
 * The whole-workbook reader of exceljs. Its streaming reader decodes each compressed chunk to text
 * on its own and so garbles Chinese characters that straddle a chunk boundary; the workbook reader
 * decodes whole entries. Every entry is first inflated and counted (`assertZipWithinLimits`) so
 * that a small file cannot expand to gigabytes in memory.
 */
async function readXlsx(body: Buffer, maxRows: number): Promise<SheetRow[]> {
  await assertZipWithinLimits(body);
  const rows: SheetRow[] = [];
  try {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(body as never);
    // Only the first worksheet is the ledger; others (instructions, lists) are ignored.
    const sheet = wb.worksheets[0];
    if (!sheet) throw unreadable('the workbook has no worksheet');
    if (sheet.actualRowCount > maxRows + 1) throw tooManyRows(maxRows);
    sheet.eachRow({ includeEmpty: false }, (row) => {
      const values = row.values as unknown[];
      const cells: string[] = [];
      for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
      rows.push({ row: row.number, cells });
    });
  } catch (err) {
    if (err instanceof ProblemError) throw err;
    throw unreadable(`not a readable xlsx workbook (${(err as Error).message.slice(0, 120)})`);
  }
  if (rows.length === 0) throw unreadable('the worksheet has no rows');
  return rows;
}

/**
 * The text a person sees in a cell. Dates become YYYY-MM-DD, date-times YYYY-MM-DD HH:mm:ss (the
 * wall-clock time Excel stores). A whole number too large for a double's exact digits (an ID
 * number stored as a number) is written in scientific notation, as Excel shows it: its last
 * digits may have changed, and it must not pass for the number that was typed.
 */
export function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'number')
    return !Number.isInteger(v) ? String(v) : Number.isSafeInteger(v) ? v.toFixed(0) : v.toExponential();
  if (typeof v === 'boolean') return v ? '是' : '否';
  if (v instanceof Date) {
    if (Number.isNaN(v.getTime())) return '';
    const iso = v.toISOString();
    return iso.slice(11, 19) === '00:00:00' ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; result?: unknown; error?: string };
    if (o.richText)
      return o.richText
        .map((r) => r.text)
        .join('')
        .trim();
    if (o.result !== undefined) return cellText(o.result);
    if (o.text !== undefined) return cellText(o.text);
    if (o.error) return '';
  }
  return String(v).trim();
}

function decodeText(body: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(body).replace(/^\uFEFF/, '');
  } catch {
    try {
      return new TextDecoder('gb18030', { fatal: true }).decode(body);
    } catch {
      throw unreadable('the CSV is neither UTF-8 nor GB18030 text');
    }
  }
}

/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
export function readCsv(text: string, maxRows: number): SheetRow[] {
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endRow = () => {
    cells.push(cell.trim());
    cell = '';
    if (rows.length > maxRows) throw tooManyRows(maxRows);
    rows.push({ row: rowStart, cells });
    cells = [];
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          cell += '"';
          i++;
        } else quoted = false;
      } else {
        if (ch === '\n') line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === ',') {
      cells.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowStart = line;
    } else cell += ch;
  }
  if (quoted) throw unreadable(`row ${rowStart}: a quoted field is never closed`);
  if (cell !== '' || cells.length) endRow();
  return rows;
}
