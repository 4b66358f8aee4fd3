import ExcelJS from 'exceljs';
import { describeEnvironment, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from './fixtures.ts';
import { registrySheet } from './helpers/registry-sheet.ts';
import { workerProfileStack } from './helpers/stack.ts';

/**
 * Round trips run on 2,000 rows here (about 20 bad ones); the 30,000-row round trip with a few
 * hundred bad rows is `npm run bench:import`, which also prints rows per second.
 */
const ROWS = 2000;
const BAD_EVERY = 97;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const ctx = workerProfileStack(t);

const upload = (body: Buffer | string, token: string, query = '', type = XLSX) =>
  ctx.stack.api.request('POST', `/api/v1/workers/import${query}`, {
    token,
    raw: body,
    headers: { 'content-type': type },
  });
const download = (path: string, token: string) => ctx.stack.api.download(path, token);
const count = async (table: string) =>
  (await ctx.db.query(`SELECT count(*)::int AS n FROM worker_profile.${table}`)).rows[0].n as number;
const multipart = (file: Buffer, name: string, type: string) => {
  const boundary = '----tongxin' + Date.now();
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="note"\r\n\r\nhello\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${name}"\r\nContent-Type: ${type}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
};

t.test(
  `registry round trip: bad rows named, all or nothing, valid-only, export, re-import unchanged (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const sheet = await registrySheet({ rows: ROWS, badEvery: BAD_EVERY, seed: 1 });
    const before = await count('workers');

    const refused = await upload(sheet.body, ctx.officer);
    t.equal(refused.status, 422, 'all or nothing: refused');
    t.match(refused.headers.get('content-type'), /problem\+json/);
    t.equal(refused.body.code, 'IMPORT_INVALID_ROWS');
    const report = refused.body.report;
    t.equal(report.invalid, sheet.bad.size, `exactly the ${sheet.bad.size} bad rows`);
    const named = new Map<number, Set<string>>();
    for (const e of report.errors as { row: number; column: string }[])
      named.set(e.row, (named.get(e.row) ?? new Set()).add(e.column));
    t.same(
      [...named.keys()].sort((a, b) => a - b),
      [...sheet.bad.keys()],
      'each bad row named',
    );
    for (const [row, column] of sheet.bad)
      t.ok(named.get(row)?.has(column), `row ${row} names ${column}: ${[...(named.get(row) ?? [])]}`);
    t.equal(await count('workers'), before, 'nothing written');

    const partial = await upload(sheet.body, ctx.officer, '?mode=valid-only');
    t.equal(partial.status, 200, JSON.stringify(partial.body).slice(0, 300));
    t.match(partial.body, {
      status: 'completed',
      total: ROWS,
      created: ROWS - sheet.bad.size,
      updated: 0,
      unchanged: 0,
      invalid: sheet.bad.size,
    });
    t.equal(await count('workers'), before + ROWS - sheet.bad.size);
    const events = await ctx.db.query(
      `SELECT count(*)::int AS n FROM worker_profile.outbox WHERE payload->>'type' = 'worker.registered'`,
    );
    t.ok(events.rows[0].n >= ROWS - sheet.bad.size, 'one worker.registered per imported worker, through the outbox');

    const again = await upload(sheet.body, ctx.officer, '?mode=valid-only');
    t.match(
      again.body,
      { created: 0, updated: 0, unchanged: ROWS - sheet.bad.size, invalid: sheet.bad.size },
      'the same file twice changes nothing',
    );

    const exported = await download('/api/v1/ledgers/registry/export?township=140723100', ctx.officer);
    t.equal(exported.status, 200);
    t.equal(exported.headers.get('content-type'), XLSX);
    const reimport = await upload(exported.body, ctx.officer);
    t.equal(reimport.status, 200, JSON.stringify(reimport.body).slice(0, 500));
    t.match(reimport.body, { created: 0, updated: 0, invalid: 0 }, 'the export reads back with no change');
    t.ok(reimport.body.unchanged >= ROWS - sheet.bad.size);
    const audit = await ctx.db.query(
      `SELECT * FROM worker_profile.audit_log WHERE purpose = 'export' ORDER BY id DESC LIMIT 1`,
    );
    t.ok(audit.rows[0].worker_ids.length >= ROWS - sheet.bad.size, 'the export is audited with every worker in it');
    t.same(audit.rows[0].fields, ['idNumber', 'phone']);

    // A changed row is an update, with its events; the workbook is read as a person would edit it.
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(exported.body as never);
    const ws = wb.worksheets[0]!;
    const header = (ws.getRow(1).values as string[]).indexOf('期望最低月薪');
    const skills = (ws.getRow(1).values as string[]).indexOf('技能');
    ws.getRow(2).getCell(header).value = 9999;
    ws.getRow(3).getCell(skills).value = '焊工:5';
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const update = await upload(edited, ctx.officer);
    t.match(update.body, { created: 0, updated: 2, invalid: 0 }, JSON.stringify(update.body).slice(0, 300));
    const skillsEvents = await ctx.db.query(
      `SELECT payload FROM worker_profile.outbox WHERE payload->>'type' = 'worker.skills-changed' AND payload->'data'->>'reason' = 'import'`,
    );
    t.equal(skillsEvents.rowCount, 1, 'a skill change through import says so');
    t.equal(skillsEvents.rows[0].payload.data.skills[0].code, 'con.welder', '焊工 resolved through its synonym');
  },
);

t.test('csv and multipart uploads', async (t) => {
  const csv = await registrySheet({ rows: 30, seed: 2, format: 'csv' });
  const r = await upload(csv.body, ctx.officer, '', 'text/csv; charset=utf-8');
  t.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
  t.equal(r.body.created, 30);
  const xlsx = await registrySheet({ rows: 5, seed: 3 });
  const m = multipart(xlsx.body, '登记.xlsx', XLSX);
  const viaForm = await upload(m.body, ctx.officer, '', m.type);
  t.equal(viaForm.status, 200, JSON.stringify(viaForm.body).slice(0, 300));
  t.match(viaForm.body, { created: 5, fileName: '登记.xlsx' });
});

/**
 * GB18030 bytes for text in the GBK range, by inverting Node's own decoder over every two-byte
 * code: enough for a test sheet, and no encoder library for one test.
 */
function encodeGb18030(text: string): Buffer {
  const decoder = new TextDecoder('gb18030');
  const codes = new Map<string, number[]>();
  for (let lead = 0x81; lead <= 0xfe; lead++)
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      if (trail === 0x7f) continue;
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\ufffd' && !codes.has(ch)) codes.set(ch, [lead, trail]);
    }
  const bytes: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
    else if (codes.has(ch)) bytes.push(...codes.get(ch)!);
    else throw new Error(`no two-byte GB18030 code for ${ch}`);
  }
  return Buffer.from(bytes);
}

t.test('a CSV saved by Excel in China (GB18030) reads the same as UTF-8', async (t) => {
  const csv = await registrySheet({ rows: 12, seed: 7, format: 'csv' });
  const gb = encodeGb18030(csv.body.toString('utf8'));
  t.not(gb.toString('utf8'), csv.body.toString('utf8'), 'the bytes really differ from UTF-8');
  const r = await upload(gb, ctx.officer, '', 'text/csv');
  t.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
  t.equal(r.body.created, 12);
  // Every name, skill and place decoded right: the UTF-8 copy of the same sheet changes nothing.
  const same = await upload(csv.body, ctx.officer, '', 'text/csv; charset=utf-8');
  t.match(same.body, { created: 0, updated: 0, unchanged: 12, invalid: 0 }, JSON.stringify(same.body).slice(0, 300));
  const bad = await upload(Buffer.from([0x80, 0xff, 0xfe, 0x2c, 0x0a]), ctx.officer, '', 'text/csv');
  t.match(bad, { status: 400, body: { code: 'IMPORT_UNREADABLE_FILE' } }, 'neither UTF-8 nor GB18030: refused');
});

t.test('the 六个一 activities ledger: template, rows named, corrections, export and re-import unchanged', async (t) => {
  const tpl = await download('/api/v1/workers/import/template?ledger=activities', ctx.officer);
  t.equal(tpl.status, 200);
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(tpl.body as never);
  t.same((book.worksheets[0]!.getRow(1).values as string[]).filter(Boolean), [
    '活动类型',
    '区划代码',
    '活动日期',
    '活动名称',
    '参加人数',
    '活动内容',
  ]);
  const sheet = [
    '活动类型,区划代码,活动日期,活动名称,参加人数,活动内容',
    '座谈会,140723100236,2026-03-01,春节返乡务工人员座谈会,35,宣讲政策',
    '一封信,140723100,2026/2/10,致外出务工人员的一封信,,',
    '走访,140723100236,2026-03-01,,12,',
    '讲座,140723100236,2026-03-01,,,',
    '培训,140723102201,2026-03-02,电焊培训,20,',
    '典型,140723100999,2026-03-02,,,',
    '走访,140723100236,2099-01-01,,,',
    '座谈会,140723100236,2026-03-01,春节返乡务工人员座谈会,36,',
    '走访,140723100236,2026-03-03,,很多,',
  ].join('\n');
  const refused = await upload(sheet, ctx.officer, '?ledger=activities', 'text/csv');
  t.equal(refused.status, 422);
  t.same(
    refused.body.report.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`),
    ['5:活动类型', '6:区划代码', '7:区划代码', '8:活动日期', '9:活动名称', '10:参加人数'],
    'unknown kind, another township, an unknown village, a future date, a repeated row, a head count in words',
  );
  t.equal(await count('activities'), 0, 'all or nothing');
  const ok = await upload(sheet, ctx.officer, '?ledger=activities&mode=valid-only', 'text/csv');
  t.match(ok.body, { created: 3, invalid: 6 });
  t.match(
    (await upload(sheet.replace(',35,', ',40,'), ctx.officer, '?ledger=activities&mode=valid-only', 'text/csv')).body,
    { created: 0, updated: 1, unchanged: 2 },
    'a corrected head count updates its entry',
  );
  const events = await ctx.db.query(
    `SELECT count(*)::int AS n FROM worker_profile.outbox WHERE payload->>'type' = 'ledger.activity-recorded'`,
  );
  t.equal(events.rows[0].n, 4, 'an event for each new and each corrected entry');
  const exported = await download('/api/v1/ledgers/activities/export?township=140723100', ctx.officer);
  t.equal(exported.status, 200);
  t.match(
    (await upload(exported.body, ctx.officer, '?ledger=activities')).body,
    { created: 0, updated: 0, unchanged: 3, invalid: 0 },
    'the export reads back unchanged',
  );
  t.equal(
    (await download('/api/v1/ledgers/activities/export?township=140723100', ctx.otherOfficer)).status,
    403,
    'not outside the villages',
  );
});

t.test('officers import only within their villages', async (t) => {
  const sheet = await registrySheet({ rows: 10, seed: 4, township: '140723100' });
  const before = await count('workers');
  const r = await upload(sheet.body, ctx.otherOfficer);
  t.equal(r.status, 422);
  t.equal(r.body.report.invalid, 10);
  t.ok(
    r.body.report.errors.every((e: { column: string }) => e.column === '户籍村代码'),
    'each row: village outside your villages',
  );
  t.equal(await count('workers'), before);
  // A person registered in another township cannot be changed by importing them here.
  t.equal((await upload(sheet.body, ctx.officer)).status, 200);
  const moved = await upload(sheet.body, ctx.otherOfficer, '?mode=valid-only');
  t.match(moved.body, { created: 0, updated: 0, invalid: 10 });
  t.equal(
    (await download('/api/v1/ledgers/registry/export?township=140723100', ctx.otherOfficer)).status,
    403,
    'no export outside the scope',
  );
  t.equal(
    (await download('/api/v1/ledgers/registry/export', await ctx.stack.login('officer.songyan'))).status,
    200,
    'their own scope exports',
  );
});

t.test('bad uploads get a clear 4xx and write nothing', async (t) => {
  const before = await count('workers');
  const cases: [string, Buffer | string, string, number, string][] = [
    [
      'corrupt xlsx',
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(2000, 7)]),
      XLSX,
      400,
      'IMPORT_UNREADABLE_FILE',
    ],
    ['binary junk', Buffer.from([0, 1, 2, 3, 0, 255, 0, 9]), 'application/octet-stream', 400, 'IMPORT_UNREADABLE_FILE'],
    ['empty file', Buffer.alloc(0), 'text/csv', 400, 'IMPORT_UNREADABLE_FILE'],
    ['wrong headers', '名字,电话\n张三,13800000000\n', 'text/csv', 400, 'IMPORT_MISSING_COLUMNS'],
    ['json body', '{"rows": []}', 'application/json', 415, 'UNSUPPORTED_MEDIA_TYPE'],
    [
      'form without a file',
      multipart(Buffer.from('x'), '', 'text/plain')
        .body.toString()
        .replace('filename=""; ', '')
        .replace('name="file"', 'name="other"'),
      'multipart/form-data; boundary=x',
      400,
      'IMPORT_BAD_UPLOAD',
    ],
  ];
  for (const [what, body, type, status, code] of cases) {
    const r = await upload(body, ctx.officer, '', type);
    t.equal(r.status, status, `${what}: ${JSON.stringify(r.body).slice(0, 200)}`);
    t.equal(r.body.code, code, what);
    t.match(r.headers.get('content-type'), /problem\+json/, what);
  }
  const big = Buffer.alloc(50 * 1024 * 1024, 0x41);
  const huge = await upload(big, ctx.officer, '', 'text/csv');
  t.equal(huge.status, 413, `50 MB: ${JSON.stringify(huge.body).slice(0, 200)}`);
  t.equal((await upload('姓名\n', ctx.officer, '?ledger=payroll', 'text/csv')).status, 400, 'unknown ledger');
  t.equal((await upload('x', await ctx.stack.login('admin'), '', 'text/csv')).status, 400, 'one line is only a header');
  const w = (await ctx.stack.api.post('/api/v1/workers', workerInput(), ctx.officer)).body;
  await ctx.stack.api.post(
    '/api/v1/accounts',
    { username: 'worker.import', password: 'worker-pass-1', role: 'worker', displayName: 'w', workerId: w.id },
    ctx.admin,
  );
  t.equal(
    (await upload('x', await ctx.stack.login('worker.import', 'worker-pass-1'), '', 'text/csv')).status,
    403,
    'workers do not import',
  );
  t.equal(await count('workers'), before + 1, 'nothing written by refused uploads');
});

t.test('ledger sheets: templates, services, incomes and party round trips', async (t) => {
  for (const ledger of ['registry', 'services', 'incomes', 'party']) {
    const tpl = await download(`/api/v1/workers/import/template?ledger=${ledger}`, ctx.officer);
    t.equal(tpl.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.body as never);
    t.ok(
      (wb.worksheets[0]!.getRow(1).values as string[]).includes('身份证号'),
      `${ledger} template has Chinese headers`,
    );
  }
  const people = await registrySheet({ rows: 6, seed: 5, township: '140723100' });
  t.equal((await upload(people.body, ctx.officer)).status, 200);
  const ids = (await download('/api/v1/ledgers/registry/export?township=140723100', ctx.officer)).body;
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(ids as never);
  const rows = wb.worksheets[0]!.getSheetValues().slice(2) as unknown[][];
  const idCol = (wb.worksheets[0]!.getRow(1).values as string[]).indexOf('身份证号');
  const nameCol = (wb.worksheets[0]!.getRow(1).values as string[]).indexOf('姓名');
  const [a, b, c, d] = rows.slice(-4).map((r) => ({ id: String(r[idCol]), name: String(r[nameCol]) }));

  const services = [
    '身份证号,姓名,服务类型,服务日期,服务方式,服务内容,服务结果',
    `${a!.id},${a!.name},信息咨询,2026-03-01,微信群,推送岗位,已报名`,
    `${a!.id},,权益维护,2026/3/5,电话,讨薪,已解决`,
    `${b!.id},${b!.name},困难帮扶,2026-02-01,走访,,`,
    `${b!.id},错名字,困难帮扶,2026-02-02,走访,,`,
    `140723199001010000,,困难帮扶,2026-02-02,走访,,`,
    `${c!.id},,修电脑,2026-02-02,飞鸽,,`,
  ].join('\n');
  const bad = await upload(services, ctx.officer, '?ledger=services', 'text/csv');
  t.equal(bad.status, 422);
  t.same(
    bad.body.report.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`),
    ['5:姓名', '6:身份证号', '7:服务类型', '7:服务方式'],
  );
  const ok = await upload(services, ctx.officer, '?ledger=services&mode=valid-only', 'text/csv');
  t.match(ok.body, { created: 3, invalid: 3 });
  const exportedServices = await download(
    '/api/v1/ledgers/services/export?village=' + '140723100' + '236',
    ctx.officer,
  );
  t.equal(exportedServices.status, 200);
  const township = await download('/api/v1/ledgers/services/export?township=140723100', ctx.officer);
  const back = await upload(township.body, ctx.officer, '?ledger=services');
  t.match(back.body, { created: 0, updated: 0, invalid: 0, unchanged: 3 }, JSON.stringify(back.body).slice(0, 300));

  const incomes = [
    '身份证号,月份,金额,收入来源,用工单位,核实情况',
    `${a!.id},2026-01,"4,500",工资性收入,太原某厂,已核实`,
    `${a!.id},2026年2月,4600,,太原某厂,自报`,
    `${b!.id},2026-13,100,,,`,
    `${b!.id},2026-03,abc,,,`,
  ].join('\n');
  const inc = await upload(incomes, ctx.officer, '?ledger=incomes&mode=valid-only', 'text/csv');
  t.match(inc.body, { created: 2, invalid: 2 });
  t.same(
    inc.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`),
    ['4:月份', '5:金额'],
  );
  const corrected = await upload(
    incomes.replace('4600', '4700'),
    ctx.officer,
    '?ledger=incomes&mode=valid-only',
    'text/csv',
  );
  t.match(corrected.body, { created: 0, updated: 1, unchanged: 1 });
  const incomeExport = await download('/api/v1/ledgers/incomes/export?township=140723100', ctx.officer);
  t.match((await upload(incomeExport.body, ctx.officer, '?ledger=incomes')).body, {
    created: 0,
    updated: 0,
    unchanged: 2,
  });

  const party = [
    '类型,身份证号,姓名,党小组,党小组村代码,党小组组长,入党日期,联系务工人员身份证号,申请日期,确定积极分子日期',
    `流动党员,${a!.id},,导入党小组,,赵组长,2012-07-01,${b!.id}；${c!.id},,`,
    `入党申请人,${d!.id},,,,,,,2025-05-01,`,
    `入党积极分子,${b!.id},,,,,,,2025-01-01,2025-06-01`,
    `党员,${c!.id},,,,,,,,`,
  ].join('\n');
  const p1 = await upload(party, ctx.officer, '?ledger=party&mode=valid-only', 'text/csv');
  t.match(p1.body, { created: 3, invalid: 1 }, JSON.stringify(p1.body).slice(0, 400));
  t.same(
    p1.body.errors.map((e: { row: number; column: string }) => `${e.row}:${e.column}`),
    ['5:党小组'],
  );
  const figures = await ctx.stack.api.get('/api/v1/party-groups/figures', ctx.officer);
  t.match(figures.body.totals, { mobileMembers: 1, workersInTouch: 2, applications: 2, activists: 1 });
  const partyExport = await download('/api/v1/ledgers/party/export?township=140723100', ctx.officer);
  t.match((await upload(partyExport.body, ctx.officer, '?ledger=party')).body, {
    created: 0,
    updated: 0,
    invalid: 0,
    unchanged: 3,
  });
});

t.test('Prefer: respond-async answers 202 with a job to poll', async (t) => {
  const sheet = await registrySheet({ rows: 300, seed: 6 });
  const r = await ctx.stack.api.request('POST', '/api/v1/workers/import', {
    token: ctx.officer,
    raw: sheet.body,
    headers: { 'content-type': XLSX, prefer: 'respond-async' },
  });
  t.equal(r.status, 202);
  t.match(r.body, { status: 'running', total: 300 });
  t.equal(r.headers.get('location'), `/api/v1/workers/import/${r.body.id}`);
  let job = r.body;
  const deadline = Date.now() + 15_000;
  while (job.status === 'running' && Date.now() < deadline) {
    await new Promise((res) => setTimeout(res, 100));
    job = (await ctx.stack.api.get(`/api/v1/workers/import/${r.body.id}`, ctx.officer)).body;
  }
  t.match(job, { status: 'completed', processed: 300, report: { created: 300 } });
  t.equal(
    (await ctx.stack.api.get(`/api/v1/workers/import/${r.body.id}`, ctx.otherOfficer)).status,
    404,
    "another officer's job",
  );
});
