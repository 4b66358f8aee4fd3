import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/** The media type of an xlsx workbook. */
export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A Content-Disposition that keeps a Chinese file name (RFC 6266's `filename*`) with an ASCII one
 * for clients that read only `filename`.
 */
export const attachment = (name: string, ascii: string): string =>
  `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** A column of a report sheet: its Chinese header and how a row gives its cell. */
export interface ReportColumn<R> {
  header: string;
  width?: number;
  cell: (row: R) => string | number | undefined;
}

/** A sheet of a report: a title (the tab), lines above the table (what, where, when), then the table. */
export interface ReportSheet {
  title: string;
  caption: string[];
  columns: { header: string; width: number }[];
  rows: (string | number)[][];
}

/** A report sheet of `rows`, each column's cell given by its `cell`. */
export function reportSheet<R>(title: string, caption: string[], columns: ReportColumn<R>[], rows: R[]): ReportSheet {
  return {
    title,
    caption,
    columns: columns.map((c) => ({ header: c.header, width: c.width ?? 12 })),
    rows: rows.map((r) => columns.map((c) => c.cell(r) ?? '')),
  };
}

/**
 * A workbook of report sheets as county offices file them: the caption on top, a bold header row
 * frozen under it, one row per record. Numbers stay numbers so a clerk can sum them.
 */
export async function reportWorkbook(sheets: ReportSheet[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Tongxin 同心';
  for (const sheet of sheets) {
    const ws = wb.addWorksheet(sheet.title, { views: [{ state: 'frozen', ySplit: sheet.caption.length + 1 }] });
    for (const line of sheet.caption) ws.addRow([line]);
    if (sheet.caption.length > 0) ws.getRow(1).font = { bold: true, size: 13 };
    ws.addRow(sheet.columns.map((c) => c.header)).font = { bold: true };
    sheet.columns.forEach((c, i) => (ws.getColumn(i + 1).width = c.width));
    for (const row of sheet.rows) ws.addRow(row);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends `body` as an xlsx download named `name` (Chinese) or `ascii`. */
export function sendWorkbook(reply: FastifyReply, body: Buffer, name: string, ascii: string): FastifyReply {
  return reply.type(XLSX).header('content-disposition', attachment(name, ascii)).send(body);
}
