import { makeIdNumber } from '@tongxin/cn-codes';
import ExcelJS from 'exceljs';
import { describeEnvironment, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from './fixtures.ts';
import { workerProfileStack } from './helpers/stack.ts';

const ctx = workerProfileStack(t, { POVERTY_LINE_ANNUAL: '6000' });

const register = async (overrides: Record<string, unknown> = {}, token = ctx.officer) => {
  const r = await ctx.stack.api.post('/api/v1/workers', workerInput(overrides), token);
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body as { id: string; name: string };
};
const householdEvents = async (householdNo: string) =>
  (
    await ctx.db.query(
      `SELECT payload->>'type' AS type, payload->'data'->'changed' AS changed FROM worker_profile.outbox
       WHERE payload->>'type' LIKE 'household.%' AND payload->'data'->'household'->>'householdNo' = $1 ORDER BY id`,
      [householdNo],
    )
  ).rows as { type: string; changed: string[] | null }[];
const byNumber = async (householdNo: string, token = ctx.officer) => {
  const r = await ctx.stack.api.get(`/api/v1/households?householdNo=${householdNo}`, token);
  return r.body.items?.[0] as { id: string; [k: string]: unknown } | undefined;
};
const YEAR = new Date().getUTCFullYear();

t.test(
  `a household is made of the workers carrying its number (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const a = await register({ householdNo: 'HH-001', householdSize: 4, householdStatus: 'registered_poor' });
    const b = await register({ householdNo: 'HH-001', householdStatus: 'registered_poor' });
    const h = await byNumber('HH-001');
    t.match(h, {
      householdNo: 'HH-001',
      homeVillageCode: '140723100236',
      townshipCode: '140723100',
      status: 'registered_poor',
      relocated: true,
      otherMembers: 2,
      size: 4,
    });
    t.same((h!.members as { id: string }[]).map((m) => m.id).sort(), [a.id, b.id].sort());
    t.same(
      (await householdEvents('HH-001')).map((e) => e.type),
      ['household.registered', 'household.updated'],
      'registered with its first member, updated when the second joined',
    );
    const worker = await ctx.stack.api.get(`/api/v1/workers/${a.id}`, ctx.officer);
    t.equal(worker.body.householdNo, 'HH-001');
    const snapshot = await ctx.db.query(
      `SELECT payload->'data'->'worker'->>'householdNo' AS no FROM worker_profile.outbox
       WHERE payload->>'type' = 'worker.registered' AND payload->>'subject' = $1`,
      [a.id],
    );
    t.equal(snapshot.rows[0].no, 'HH-001', 'worker events carry the household number');

    // The list filters as the registry does, and the administrator sees the county.
    const poor = await ctx.stack.api.get('/api/v1/households?township=140723100&status=registered_poor', ctx.officer);
    t.equal(poor.status, 200);
    t.ok(poor.body.items.some((x: { householdNo: string }) => x.householdNo === 'HH-001'));
    const monitored = await ctx.stack.api.get('/api/v1/households?status=monitored', ctx.admin);
    t.notOk(monitored.body.items.some((x: { householdNo: string }) => x.householdNo === 'HH-001'));
    t.equal((await ctx.stack.api.get(`/api/v1/households/${h!.id}`, ctx.admin)).status, 200);
  },
);

t.test('income per person: members’ incomes plus other lines, over all the people', async (t) => {
  const a = await register({ householdNo: 'HH-INC', householdSize: 3 });
  await ctx.stack.api.post(
    `/api/v1/workers/${a.id}/incomes`,
    { month: `${YEAR}-01`, amount: 6000, source: 'wages', verified: true },
    ctx.officer,
  );
  const h = (await byNumber('HH-INC'))!;
  const line = await ctx.stack.api.post(
    `/api/v1/households/${h.id}/incomes`,
    { year: YEAR, source: 'transfer', amount: 3000, note: '低保金' },
    ctx.officer,
  );
  t.equal(line.status, 201, JSON.stringify(line.body));
  const view = await ctx.stack.api.get(`/api/v1/households/${h.id}?year=${YEAR}`, ctx.officer);
  t.match(view.body, {
    size: 3,
    income: { year: YEAR, members: 6000, other: 3000, total: 9000, perPerson: 3000, povertyLine: 6000, below: true },
  });
  const more = await ctx.stack.api.patch(`/api/v1/households/${h.id}`, { otherMembers: 0 }, ctx.officer);
  t.equal(more.status, 200);
  t.match(more.body, { size: 1, income: { perPerson: 9000, below: false } }, 'fewer people, more per person');
  t.same(
    (await householdEvents('HH-INC')).map((e) => e.type),
    ['household.registered', 'household.updated'],
  );
  const income = await ctx.db.query(
    `SELECT count(*)::int AS n FROM worker_profile.outbox WHERE payload->>'type' = 'household.income-recorded'
     AND payload->>'subject' = $1`,
    [h.id],
  );
  t.equal(income.rows[0].n, 1);
  const future = await ctx.stack.api.post(
    `/api/v1/households/${h.id}/incomes`,
    { year: YEAR + 1, source: 'transfer', amount: 1 },
    ctx.officer,
  );
  t.match(future, { status: 400, body: { errors: [{ field: 'year' }] } });
});

t.test('bad input names the field and writes nothing', async (t) => {
  await register({ householdNo: 'HH-BAD', householdStatus: 'registered_poor' });
  const h = (await byNumber('HH-BAD'))!;
  const before = await householdEvents('HH-BAD');

  const future = await ctx.stack.api.patch(`/api/v1/households/${h.id}`, { leftPovertyYear: YEAR + 1 }, ctx.officer);
  t.match(future, { status: 400, body: { errors: [{ field: 'leftPovertyYear' }] } }, 'a left-poverty year ahead');
  const early = await ctx.stack.api.patch(`/api/v1/households/${h.id}`, { leftPovertyYear: 2001 }, ctx.officer);
  t.equal(early.status, 400, 'before 精准扶贫');
  const left = await ctx.stack.api.patch(`/api/v1/households/${h.id}`, { leftPovertyYear: 2020 }, ctx.officer);
  t.match(left, { status: 200, body: { leftPovertyYear: 2020 } });

  // One household, one village: a worker of another village cannot join it.
  const stranger = await ctx.stack.api.post(
    '/api/v1/workers',
    workerInput({ householdNo: 'HH-BAD', homeVillageCode: '140723100200' }),
    ctx.officer,
  );
  t.match(stranger, { status: 400, body: { code: 'HOUSEHOLD_OTHER_VILLAGE', errors: [{ field: 'householdNo' }] } });
  t.equal((await byNumber('HH-BAD'))!.members instanceof Array, true);
  t.equal(((await byNumber('HH-BAD'))!.members as unknown[]).length, 1, 'nobody joined');
  const workers = await ctx.db.query(
    `SELECT count(*)::int AS n FROM worker_profile.workers WHERE household_no = 'HH-BAD'`,
  );
  t.equal(workers.rows[0].n, 1, 'the worker was not registered either');

  const monitored = await register({ householdNo: 'HH-MON', householdStatus: 'monitored' });
  const m = (await byNumber('HH-MON'))!;
  t.match(
    await ctx.stack.api.patch(`/api/v1/households/${m.id}`, { leftPovertyYear: 2020 }, ctx.officer),
    { status: 400, body: { errors: [{ field: 'leftPovertyYear' }] } },
    'only a registered-poor household leaves poverty',
  );

  // Its only member moves to another household: the old one is kept, without members, and refuses edits.
  const moved = await ctx.stack.api.patch(`/api/v1/workers/${monitored.id}`, { householdNo: 'HH-MON2' }, ctx.officer);
  t.equal(moved.status, 200);
  const empty = await ctx.stack.api.get(`/api/v1/households/${m.id}`, ctx.officer);
  t.same(empty.body.members, []);
  t.match(await ctx.stack.api.patch(`/api/v1/households/${m.id}`, { otherMembers: 2 }, ctx.officer), {
    status: 409,
    body: { code: 'HOUSEHOLD_WITHOUT_MEMBERS' },
  });
  t.same(
    (await householdEvents('HH-MON')).map((e) => e.type),
    ['household.registered', 'household.updated'],
  );
  t.same((await householdEvents('HH-MON')).at(-1)!.changed, ['memberIds']);
  t.equal((await householdEvents('HH-BAD')).length, before.length + 1, 'only the accepted edit is an event');
});

t.test('the household follows the member written last for its status and relocation', async (t) => {
  const a = await register({ householdNo: 'HH-FOLLOW', householdStatus: 'registered_poor', relocated: false });
  await register({ householdNo: 'HH-FOLLOW', householdStatus: 'registered_poor', relocated: false });
  const moved = await ctx.stack.api.patch(
    `/api/v1/workers/${a.id}`,
    { householdStatus: 'monitored', relocated: true, relocation: { resettlementSite: '县城安置小区' } },
    ctx.officer,
  );
  t.equal(moved.status, 200, JSON.stringify(moved.body));
  t.match(await byNumber('HH-FOLLOW'), {
    status: 'monitored',
    relocated: true,
    relocation: { resettlementSite: '县城安置小区' },
  });
  t.same((await householdEvents('HH-FOLLOW')).at(-1)!.changed, ['status', 'relocated', 'relocation']);
  const same = await ctx.stack.api.patch(`/api/v1/workers/${a.id}`, { householdStatus: 'monitored' }, ctx.officer);
  t.equal(same.status, 200);
  t.equal((await householdEvents('HH-FOLLOW')).length, 3, 'a write that changes nothing is no event');
});

t.test('officers see households of their villages only', async (t) => {
  await register({ householdNo: 'HH-SCOPE' });
  const h = (await byNumber('HH-SCOPE'))!;
  t.equal((await ctx.stack.api.get(`/api/v1/households/${h.id}`, ctx.otherOfficer)).status, 404);
  t.equal((await ctx.stack.api.patch(`/api/v1/households/${h.id}`, { otherMembers: 1 }, ctx.otherOfficer)).status, 404);
  const list = await ctx.stack.api.get('/api/v1/households', ctx.otherOfficer);
  t.equal(list.status, 200);
  t.notOk(list.body.items.some((x: { householdNo: string }) => x.householdNo === 'HH-SCOPE'));
  await ctx.stack.api.post(
    '/api/v1/accounts',
    { username: 'employer.households', password: 'employer-pass', role: 'employer', displayName: 'e' },
    ctx.admin,
  );
  const employer = await ctx.stack.login('employer.households', 'employer-pass');
  t.equal((await ctx.stack.api.get('/api/v1/households', employer)).status, 403);
  t.equal((await ctx.stack.api.get(`/api/v1/households/${h.id}`, employer)).status, 403);
});

t.test('the list pages', async (t) => {
  for (const n of [1, 2, 3]) await register({ householdNo: `HH-PAGE-${n}`, homeVillageCode: '140723100201' });
  const first = await ctx.stack.api.get('/api/v1/households?village=140723100201&limit=2', ctx.officer);
  t.equal(first.body.items.length, 2);
  t.ok(first.body.nextCursor);
  const second = await ctx.stack.api.get(
    `/api/v1/households?village=140723100201&limit=2&cursor=${first.body.nextCursor}`,
    ctx.officer,
  );
  t.equal(second.body.items.length, 1);
  t.notOk(second.body.nextCursor);
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const upload = (body: Buffer, query = '') =>
  ctx.stack.api.request('POST', `/api/v1/workers/import${query}`, {
    token: ctx.officer,
    raw: body,
    headers: { 'content-type': XLSX },
  });
const sheetOf = async (rows: Record<string, string | number>[]) => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('登记');
  const headers = Object.keys(rows[0]!);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(headers.map((h) => r[h]));
  return Buffer.from(await wb.xlsx.writeBuffer());
};

/** An export as the officer downloads it: the file, its first sheet and its header row. */
const exported = async (path: string) => {
  const r = await fetch(ctx.stack.api.baseUrl + path, { headers: { authorization: `Bearer ${ctx.officer}` } });
  const file = Buffer.from(await r.arrayBuffer());
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as never);
  const ws = wb.worksheets[0]!;
  return { file, ws, headers: ws.getRow(1).values as string[] };
};

t.test('the registry sheet carries households: rows refused one by one, columns round-trip', async (t) => {
  const person = (n: number, village: string, extra: Record<string, string | number> = {}) => ({
    姓名: `户${n}`,
    身份证号: makeIdNumber({ regionCode: '140723', birthDate: '1990-05-0' + n, sequence: 700 + n }),
    手机号: `1390000070${n}`,
    户籍村代码: village,
    户号: 'HH-SHEET',
    家庭人口: 5,
    户类型: '建档立卡',
    易地搬迁: '是',
    迁出村代码: '140723100205',
    安置点: '义兴镇移民新村',
    同意书版本: '2026-1',
    ...extra,
  });
  const body = await sheetOf([
    person(1, '140723100236'),
    person(2, '140723100236'),
    person(3, '140723100200'),
    person(4, '140723100200', { 户号: 'HH-SHEET-2', 户类型: '防返贫监测', 易地搬迁: '否', 迁出村代码: '', 安置点: '' }),
  ]);
  const all = await upload(body);
  t.equal(all.status, 422, 'a bad row refuses the whole file by default');
  t.equal((await byNumber('HH-SHEET')) === undefined, true, 'nothing written');
  const r = await upload(body, '?mode=valid-only');
  t.equal(r.status, 200, JSON.stringify(r.body).slice(0, 400));
  t.match(r.body, { created: 3, invalid: 1 });
  t.match(JSON.stringify(r.body), /householdNo|户号/, 'the row is named with its column');
  const h = (await byNumber('HH-SHEET'))!;
  t.match(h, {
    homeVillageCode: '140723100236',
    status: 'registered_poor',
    relocated: true,
    relocation: { originVillageCode: '140723100205', resettlementSite: '义兴镇移民新村' },
    otherMembers: 3,
    size: 5,
  });
  t.equal((h.members as unknown[]).length, 2);
  t.match(await byNumber('HH-SHEET-2'), { homeVillageCode: '140723100200', status: 'monitored', relocated: false });

  const { file, ws, headers } = await exported('/api/v1/ledgers/registry/export?township=140723100');
  const col = (name: string) => headers.indexOf(name);
  let found = 0;
  ws.eachRow((row, n) => {
    if (n === 1 || row.getCell(col('户号')).text !== 'HH-SHEET') return;
    found++;
    t.equal(row.getCell(col('家庭人口')).text, '5');
    t.equal(row.getCell(col('户类型')).text, '建档立卡');
    t.equal(row.getCell(col('易地搬迁')).text, '是');
    t.equal(row.getCell(col('迁出村代码')).text, '140723100205');
    t.equal(row.getCell(col('安置点')).text, '义兴镇移民新村');
  });
  t.equal(found, 2, 'both members exported with their household columns');
  const again = await upload(file);
  t.match(again.body, { created: 0, updated: 0, invalid: 0 }, 'the export reads back unchanged');
  t.same(
    (await householdEvents('HH-SHEET')).map((e) => e.type),
    ['household.registered'],
    'one household event for the import; the re-import adds none',
  );
});

t.test('family services from the departments: recorded, imported and exported with their department', async (t) => {
  const idNumber = makeIdNumber({ regionCode: '140723', birthDate: '1986-02-03', sequence: 811 });
  const w = await register({ idNumber, birthDate: '1986-02-03', gender: 'male', householdNo: 'HH-FAM' });
  const post = (body: object) => ctx.stack.api.post(`/api/v1/workers/${w.id}/services`, body, ctx.officer);
  const missing = await post({ service: 'child_schooling', date: '2026-09-01', channel: 'visit' });
  t.match(
    missing,
    { status: 400, body: { errors: [{ field: 'department' }] } },
    'a family service names its department',
  );
  const ok = await post({
    service: 'child_schooling',
    date: '2026-09-01',
    channel: 'visit',
    department: '教育局',
    note: '随迁子女在苏州入学',
  });
  t.equal(ok.status, 201, JSON.stringify(ok.body));
  t.match(ok.body, { service: 'child_schooling', department: '教育局' });
  const event = await ctx.db.query(
    `SELECT payload->'data'->'record' AS record FROM worker_profile.outbox
     WHERE payload->>'type' = 'ledger.service-recorded' AND payload->>'subject' = $1`,
    [w.id],
  );
  t.match(
    event.rows[0].record,
    { service: 'child_schooling', department: '教育局' },
    'the event carries kind and department',
  );
  t.equal(
    (await post({ service: 'information', date: '2026-09-02', channel: 'phone' })).status,
    201,
    'the five need none',
  );

  const body = await sheetOf([
    { 身份证号: idNumber, 服务类型: '留守老人照顾', 服务日期: '2026-10-08', 服务方式: '走访', 实施部门: '民政局' },
    { 身份证号: idNumber, 服务类型: '两癌筛查', 服务日期: '2026-10-09', 服务方式: '办公室' },
  ]);
  const r = await upload(body, '?ledger=services&mode=valid-only');
  t.equal(r.status, 200, JSON.stringify(r.body).slice(0, 400));
  t.match(r.body, { created: 1, invalid: 1 });
  t.match(r.body.errors, [{ row: 3 }]);
  t.match(JSON.stringify(r.body.errors), /实施部门|department/);

  const { file, ws, headers } = await exported('/api/v1/ledgers/services/export?village=140723100236');
  const kinds: string[] = [];
  ws.eachRow((row, n) => {
    if (n > 1 && row.getCell(headers.indexOf('身份证号')).text === idNumber)
      kinds.push(`${row.getCell(headers.indexOf('服务类型')).text}/${row.getCell(headers.indexOf('实施部门')).text}`);
  });
  t.same(kinds.sort(), ['信息咨询/', '留守老人照顾/民政局', '随迁子女就学/教育局'].sort());
  t.match(
    (await upload(file, '?ledger=services')).body,
    { created: 0, updated: 0, invalid: 0 },
    'reads back unchanged',
  );
});
