import ExcelJS from 'exceljs';
import type { SeedContext } from './seed-context.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** An xlsx of one sheet with Chinese headers and text cells, as a village clerk fills the template. */
export async function workbook(title: string, headers: string[], rows: (string | number)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(title);
  sheet.addRow(headers);
  for (const r of rows) sheet.addRow(r.map(String));
  return Buffer.from(await book.xlsx.writeBuffer());
}

/**
 * Uploads a ledger sheet through the import the clerks use (all rows or none) and waits for its
 * job when the import answers 202. Throws with the first refused rows when the sheet is refused.
 */
export async function importSheet(
  ctx: Pick<SeedContext, 'api' | 'admin'>,
  ledger: string,
  body: Buffer,
  what: string,
): Promise<{ created: number; updated: number; unchanged: number }> {
  // An import writes all its rows or none, so one that failed (a 5xx, a dropped connection on a
  // busy machine) is simply sent again.
  const r = await retrying(what, () =>
    ctx.api.request('POST', `/api/v1/workers/import?ledger=${ledger}`, {
      token: ctx.admin,
      raw: body,
      headers: { 'content-type': XLSX },
    }),
  );
  let report = r.body;
  if (r.status === 202) {
    for (;;) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      const job = await retrying(what, () => ctx.api.get(`/api/v1/workers/import/${r.body.id}`, ctx.admin));
      if (job.status !== 200) throw new Error(`seed: import job of ${what}: ${job.status} ${JSON.stringify(job.body)}`);
      if (job.body.status === 'running') continue;
      if (job.body.status !== 'completed')
        throw new Error(`seed: ${what}: ${JSON.stringify(job.body.report ?? job.body.problem).slice(0, 1500)}`);
      report = job.body.report;
      break;
    }
  } else if (r.status !== 200) {
    throw new Error(`seed: ${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 1500)}`);
  }
  return report as { created: number; updated: number; unchanged: number };
}

/** Calls `call` again (up to 5 times, backing off) while it throws or answers 5xx. */
export async function retrying<R extends { status: number }>(what: string, call: () => Promise<R>): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const r = await call().catch((err: Error) => err);
    if (!(r instanceof Error) && r.status < 500) return r;
    if (attempt === 5) {
      if (r instanceof Error) throw r;
      return r;
    }
    const why = r instanceof Error ? r.message : `HTTP ${r.status}`;
    console.log(`[seed] ${what}: ${why}; again in ${attempt * 2} s`);
    await new Promise((resolve) => setTimeout(resolve, attempt * 2000));
  }
}

/** Every item of a paged list, as the administrator. */
export async function listAll<T>(ctx: SeedContext, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | undefined;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const r = await ctx.api.get(`${path}${sep}limit=200${cursor ? `&cursor=${cursor}` : ''}`, ctx.admin);
    if (r.status !== 200) throw new Error(`seed: ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    items.push(...(r.body.items as T[]));
    cursor = r.body.nextCursor;
  } while (cursor);
  return items;
}

/** Runs `one` over `items` with a few requests in flight, in order of completion. */
export async function inParallel<T>(items: T[], concurrency: number, one: (item: T, i: number) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const i = next++;
        await one(items[i]!, i);
      }
    }),
  );
}

/** A date `days` before today in county time (ledgers refuse future dates). */
export const daysAgo = (days: number): string =>
  new Date(Date.now() + 8 * 3_600_000 - days * 86_400_000).toISOString().slice(0, 10);
