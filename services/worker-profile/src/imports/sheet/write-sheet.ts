import ExcelJS from 'exceljs';
import type { Column } from '../columns.ts';

/**
 * An xlsx with the ledger's Chinese headers and one row per record; every cell is written as
 * text or number exactly as the importer reads it back. Without rows it is the import template,
 * with the hints as header comments and on a second sheet (with `example`, a filled-in row), and
 * `lists` as drop-downs of the columns (kept on a hidden 选项 sheet; other values stay allowed).
 */
export async function writeSheet(
  title: string,
  columns: Column[],
  rows: Record<string, string | number>[],
  template: { lists?: Record<string, string[]>; example?: Record<string, string> } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tongxin 同心';
  const ws = wb.addWorksheet(title, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = columns.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 12, style: { numFmt: '@' } }));
  const header = ws.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    if (c.hint && rows.length === 0) header.getCell(i + 1).note = c.hint;
    if (c.required) header.getCell(i + 1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF2CC' } };
  });
  for (const r of rows) ws.addRow(r);
  if (rows.length === 0) {
    const help = wb.addWorksheet('填写说明');
    help.columns = [
      { header: '列', width: 22 },
      { header: '必填', width: 6 },
      { header: '说明', width: 70 },
    ];
    for (const c of columns) help.addRow([c.header, c.required ? '是' : '', c.hint ?? '']);
    if (template.example) {
      help.addRow([]);
      help.addRow(['示例（在第一张表中按此填写）']).font = { bold: true };
      help.addRow(columns.map((c) => c.header)).font = { bold: true };
      help.addRow(columns.map((c) => template.example?.[c.key] ?? ''));
    }
    addLists(wb, ws, columns, template.lists ?? {});
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const LIST_ROWS = 2000;

function columnLetter(n: number): string {
  let s = '';
  for (let x = n; x > 0; x = Math.floor((x - 1) / 26)) s = String.fromCharCode(65 + ((x - 1) % 26)) + s;
  return s;
}

function addLists(wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet, columns: Column[], lists: Record<string, string[]>) {
  const keys = Object.keys(lists).filter((k) => lists[k]!.length > 0 && columns.some((c) => c.key === k));
  if (keys.length === 0) return;
  const options = wb.addWorksheet('选项', { state: 'hidden' });
  keys.forEach((key, i) => {
    const values = lists[key]!;
    const col = columnLetter(i + 1);
    values.forEach((v, r) => (options.getCell(`${col}${r + 1}`).value = v));
    const at = columnLetter(columns.findIndex((c) => c.key === key) + 1);
    const list: ExcelJS.DataValidation = {
      type: 'list',
      allowBlank: true,
      formulae: [`选项!$${col}$1:$${col}$${values.length}`],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '不在列表中',
      error: '此值不在下拉列表中，仍要使用吗？（代码和同义词也可导入）',
    };
    // exceljs keeps validations by cell (its typings omit the sheet's table) and writes alike ones as ranges.
    const validations = (ws as unknown as { dataValidations: { add(at: string, v: ExcelJS.DataValidation): void } })
      .dataValidations;
    for (let r = 2; r <= LIST_ROWS; r++) validations.add(`${at}${r}`, list);
  });
}
