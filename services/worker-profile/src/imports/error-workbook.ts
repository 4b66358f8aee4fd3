import ExcelJS from 'exceljs';
import { COLUMNS, type Ledger } from './columns.ts';
import type { RowProblem } from './import-types.ts';
import { rowMessage } from './row-language.ts';
import { cellText, readSheet, sniff } from './sheet/read-sheet.ts';

/** The column of an error workbook that explains each refused row. */
export const ERRORS_HEADER = '错误说明';
const REFUSED_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFC7CE' } };

const normalizedHeader = (v: unknown) =>
  cellText(v)
    .replace(/\s+/g, '')
    .replace(/[*＊]$/, '');

/**
 * The uploaded sheet given back with its refused cells marked (red fill and a note saying why) and
 * a 错误说明 column on each refused row, for the clerk to correct in Excel and upload again. An
 * xlsx keeps its own formatting and other sheets; a CSV becomes a one-sheet workbook of text cells.
 * The importer ignores the 错误说明 column, so the corrected workbook imports as it is.
 */
export async function errorWorkbook(upload: Buffer, ledger: Ledger, errors: RowProblem[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  let ws: ExcelJS.Worksheet;
  if (sniff(upload) === 'xlsx') {
    await wb.xlsx.load(upload as never);
    ws = wb.worksheets[0]!;
  } else {
    const sheet = await readSheet(upload, Number.MAX_SAFE_INTEGER);
    ws = wb.addWorksheet(ledger);
    ws.getRow(1).values = sheet.headers;
    for (const r of sheet.rows) r.cells.forEach((c, i) => (ws.getRow(r.row).getCell(i + 1).value = c));
  }

  let headerRow = 1;
  while (headerRow < ws.rowCount && !ws.getRow(headerRow).hasValues) headerRow++;
  const header = ws.getRow(headerRow);
  const columnAt = new Map<string, number>();
  let width = 0;
  header.eachCell((cell, col) => {
    const h = normalizedHeader(cell.value);
    if (h && !columnAt.has(h)) columnAt.set(h, col);
    width = Math.max(width, col);
  });
  const sheetColumn = (column: string | undefined) => {
    if (!column) return undefined;
    const c = COLUMNS[ledger].find((x) => x.header === column);
    for (const name of c ? [c.header, ...(c.aliases ?? [])] : [column]) {
      const at = columnAt.get(name);
      if (at !== undefined) return at;
    }
    return undefined;
  };

  // A workbook given back before keeps its 错误说明 column: old explanations are cleared.
  const explainAt = columnAt.get(ERRORS_HEADER) ?? width + 1;
  header.getCell(explainAt).value = ERRORS_HEADER;
  header.getCell(explainAt).font = { bold: true, color: { argb: 'FFC00000' } };
  ws.getColumn(explainAt).width = 50;
  for (let r = headerRow + 1; r <= ws.rowCount; r++) ws.getRow(r).getCell(explainAt).value = null;

  const byRow = new Map<number, RowProblem[]>();
  // The workbook is for the clerks: its notes and 错误说明 are Chinese whatever language stored them.
  for (const e of errors)
    byRow.set(e.row, [...(byRow.get(e.row) ?? []), { ...e, message: rowMessage(e.message, 'zh') }]);
  for (const [row, problems] of byRow) {
    const sheetRow = ws.getRow(row);
    const notes = new Map<number, string[]>();
    for (const p of problems) {
      const col = sheetColumn(p.column);
      if (col !== undefined) notes.set(col, [...(notes.get(col) ?? []), p.message]);
    }
    for (const [col, messages] of notes) {
      const cell = sheetRow.getCell(col);
      cell.fill = REFUSED_FILL;
      cell.note = messages.join('\n');
    }
    const explain = sheetRow.getCell(explainAt);
    explain.value = problems.map((p) => (p.column ? `${p.column}：${p.message}` : p.message)).join('；');
    explain.alignment = { wrapText: true, vertical: 'top' };
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
