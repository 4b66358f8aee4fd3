import ExcelJS from 'exceljs';
import type { Column } from '../columns.ts';

/**
 * An xlsx with the ledger's Chinese headers and one row per record; every cell is written as
 * text or number exactly as the importer reads it back. Without rows it is the import template,
 * with the hints as header comments and on a second sheet.
 */
export async function writeSheet(
  title: string,
  columns: Column[],
  rows: Record<string, string | number>[],
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
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
