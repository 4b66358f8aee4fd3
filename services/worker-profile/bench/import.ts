/**
 * `npm run bench:import`: the 30,000-row round trip of issue 7 on a fresh stack (embedded database
 * and bus by default, or TONGXIN_TEST_POSTGRES_URL / TONGXIN_TEST_KAFKA like the tests). A registry
 * sheet with a few hundred bad rows is imported (valid rows only), checked to report exactly those
 * rows, exported, and re-imported with no change; each step prints rows per second.
 */
import { startStack } from '@tongxin/test-harness';
import { registrySheet } from '../test/helpers/registry-sheet.ts';

const ROWS = Number(process.env.BENCH_ROWS ?? 30_000);
const BAD_EVERY = 97;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const stack = await startStack({ services: ['worker-profile'], settings: { IMPORT_WAIT_MS: '600000' } });
let failed = false;
const check = (ok: boolean, what: string) => {
  if (!ok) failed = true;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
};
try {
  const admin = await stack.login('admin');
  const sheet = await registrySheet({ rows: ROWS, badEvery: BAD_EVERY, seed: 9, township: '140723100' });
  console.log(`sheet: ${ROWS} rows, ${sheet.bad.size} bad, ${(sheet.body.length / 1024 / 1024).toFixed(1)} MB xlsx`);
  const post = async (label: string, body: Buffer, query: string) => {
    const t0 = performance.now();
    const r = await stack.api.request('POST', `/api/v1/workers/import${query}`, {
      token: admin,
      raw: body,
      headers: { 'content-type': XLSX },
    });
    const s = (performance.now() - t0) / 1000;
    const report = r.body.report ?? r.body;
    console.log(
      `${label}: HTTP ${r.status} in ${s.toFixed(1)} s = ${Math.round(ROWS / s)} rows/s (created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, invalid ${report.invalid})`,
    );
    return { r, report, s };
  };
  const first = await post('import (valid-only)', sheet.body, '?mode=valid-only');
  const named = new Set((first.report.errors as { row: number }[]).map((e) => e.row));
  check(
    first.report.invalid === sheet.bad.size && [...sheet.bad.keys()].every((row) => named.has(row)),
    `exactly the ${sheet.bad.size} bad rows reported`,
  );
  check(first.report.created === ROWS - sheet.bad.size, 'every valid row created');
  check(first.s < 60, `under a minute (${first.s.toFixed(1)} s)`);
  const again = await post('same file again', sheet.body, '?mode=valid-only');
  check(again.report.created === 0 && again.report.updated === 0, 'second import changes nothing');
  const t0 = performance.now();
  const ex = await fetch(`${stack.api.baseUrl}/api/v1/ledgers/registry/export?township=140723100`, {
    headers: { authorization: `Bearer ${admin}` },
  });
  const exported = Buffer.from(await ex.arrayBuffer());
  const es = (performance.now() - t0) / 1000;
  console.log(
    `export: HTTP ${ex.status} in ${es.toFixed(1)} s = ${Math.round(ROWS / es)} rows/s (${(exported.length / 1024 / 1024).toFixed(1)} MB)`,
  );
  const back = await post('re-import of the export', exported, '');
  check(
    back.r.status === 200 && back.report.created === 0 && back.report.updated === 0 && back.report.invalid === 0,
    're-import of the export changes nothing',
  );
} finally {
  await stack.stop();
}
process.exit(failed ? 1 : 0);
