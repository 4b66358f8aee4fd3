import { makeIdNumber } from '@tongxin/cn-codes';
import { type Stack, describeEnvironment, startStack, testEnvironment } from '@tongxin/test-harness';
import ExcelJS from 'exceljs';
import pg from 'pg';
import t from 'tap';
import { workerInput } from './fixtures.ts';

const YIXING_VILLAGE = '140723100236';
const SONGYAN_VILLAGE = '140723102201';

let stack: Stack;
let admin: string;
let officer: string;
let db: pg.Client;

t.before(async () => {
  stack = await startStack({ services: ['worker-profile'] });
  [admin, officer] = await Promise.all([stack.login('admin'), stack.login('officer.yixing')]);
  db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
});
t.teardown(async () => {
  await db.end();
  await stack.stop();
});

let seq = 500;
const person = (village: string) => {
  const birthDate = `1990-05-0${(seq % 9) + 1}`;
  return workerInput({
    homeVillageCode: village,
    name: `测试${String.fromCharCode(0x4e00 + seq * 7)}`,
    birthDate,
    idNumber: makeIdNumber({ regionCode: '140723', birthDate, sequence: seq++ }),
    phone: `139${String(20_000_000 + seq).slice(0, 8)}`,
  });
};
async function register(
  village: string,
): Promise<ReturnType<typeof person> & { id: string; idNumber: string; name: string }> {
  const input = person(village);
  const r = await stack.api.post('/api/v1/workers', input, admin);
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return { ...input, id: r.body.id } as ReturnType<typeof person> & { id: string; idNumber: string; name: string };
}
const withoutId = ({ id: _id, ...input }: { id: string }) => input;
const download = (path: string, token: string) => stack.api.download(path, token);
/** Every cell of the first worksheet as one text. */
async function sheetText(body: Buffer): Promise<string> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body as never);
  const cells: string[] = [];
  wb.worksheets[0]!.eachRow((row) => row.eachCell((c) => cells.push(String(c.value ?? ''))));
  return cells.join('\n');
}

t.test(
  `a registration conflict names only a record in scope (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const outside = await register(SONGYAN_VILLAGE);
    const inside = await register(YIXING_VILLAGE);

    const leak = await stack.api.post(
      '/api/v1/workers',
      { ...withoutId(outside), homeVillageCode: YIXING_VILLAGE },
      officer,
    );
    t.equal(leak.status, 409, JSON.stringify(leak.body));
    t.match(leak.headers.get('content-type'), /application\/problem\+json/);
    t.equal(leak.body.code, 'WORKER_ALREADY_REGISTERED');
    t.notOk('existingId' in leak.body, 'no existingId for a record outside the scope');
    t.notMatch(JSON.stringify(leak.body), outside.id, 'the record id appears nowhere in the answer');
    t.match(leak.body.errors, [{ field: 'idNumber' }], 'names the field');

    const own = await stack.api.post('/api/v1/workers', withoutId(inside), officer);
    t.equal(own.status, 409);
    t.equal(own.body.existingId, inside.id, 'in scope the conflict still names the record, as clients expect');

    const byAdmin = await stack.api.post(
      '/api/v1/workers',
      { ...withoutId(outside), homeVillageCode: YIXING_VILLAGE },
      admin,
    );
    t.equal(byAdmin.body.existingId, outside.id, 'an administrator sees every record');

    // Imports: a row naming the out-of-scope person says only that it is outside the scope.
    const registryExport = await download(`/api/v1/ledgers/registry/export?village=${SONGYAN_VILLAGE}`, admin);
    t.equal(registryExport.status, 200);
    const imported = await stack.api.request('POST', '/api/v1/workers/import', {
      token: officer,
      raw: registryExport.body,
      headers: { 'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
    });
    t.equal(imported.status, 422, JSON.stringify(imported.body).slice(0, 300));
    t.notMatch(JSON.stringify(imported.body), outside.id, 'the registry import does not reveal the record id');
    const incomeCsv = `身份证号,姓名,月份,金额,收入来源,核实情况\n${outside.idNumber},某人,2026-09,3000,工资性收入,否\n`;
    const incomes = await stack.api.request('POST', '/api/v1/workers/import?ledger=incomes', {
      token: officer,
      raw: incomeCsv,
      headers: { 'content-type': 'text/csv' },
    });
    t.ok(incomes.status >= 400 && incomes.status < 500, JSON.stringify(incomes.body).slice(0, 300));
    const text = JSON.stringify(incomes.body);
    t.notMatch(text, outside.id, 'the income import does not reveal the record id');
    t.notMatch(text, outside.name, 'nor the registered name');
  },
);

t.test('ledger exports hold only the people of the officer’s villages, audited', async (t) => {
  const [w1, w2, w3, s1, s2] = [
    await register(YIXING_VILLAGE),
    await register(YIXING_VILLAGE),
    await register(YIXING_VILLAGE),
    await register(SONGYAN_VILLAGE),
    await register(SONGYAN_VILLAGE),
  ];
  // An administrator (all regions) builds a 义兴 group with people of 松烟 in it.
  const group = await stack.api.post(
    '/api/v1/party-groups',
    { name: '恋思村流动党员党小组', villageCode: YIXING_VILLAGE, leaderName: '王书记' },
    admin,
  );
  t.equal(group.status, 201, JSON.stringify(group.body));
  const addMember = async (workerId: string) => {
    const r = await stack.api.post(`/api/v1/party-groups/${group.body.id}/members`, { workerId, mobile: true }, admin);
    t.equal(r.status, 201, JSON.stringify(r.body));
    return r.body.id as string;
  };
  const m1 = await addMember(w1.id);
  await addMember(s2.id);
  const m3 = await addMember(w3.id);
  for (const workerId of [w2.id, s1.id]) {
    const r = await stack.api.post(`/api/v1/party-groups/${group.body.id}/members/${m1}/contacts`, { workerId }, admin);
    t.ok(r.status < 300, JSON.stringify(r.body));
  }
  t.ok(m3);
  // w3 has ledger entries in 义兴, then moves to 松烟.
  const app = await stack.api.post(
    '/api/v1/ledgers/party-applications',
    { workerId: w3.id, appliedAt: '2026-05-01' },
    admin,
  );
  t.ok(app.status < 300, JSON.stringify(app.body));
  const appW2 = await stack.api.post(
    '/api/v1/ledgers/party-applications',
    { workerId: w2.id, appliedAt: '2026-05-02' },
    admin,
  );
  t.ok(appW2.status < 300, JSON.stringify(appW2.body));
  const svc = await stack.api.post(
    `/api/v1/workers/${w3.id}/services`,
    { service: 'information', date: '2026-06-01', channel: 'phone' },
    admin,
  );
  t.equal(svc.status, 201, JSON.stringify(svc.body));
  const inc = await stack.api.post(
    `/api/v1/workers/${w3.id}/incomes`,
    { month: '2026-06', amount: 3000, source: 'wages', verified: true },
    admin,
  );
  t.equal(inc.status, 201, JSON.stringify(inc.body));
  const moved = await stack.api.patch(`/api/v1/workers/${w3.id}`, { homeVillageCode: SONGYAN_VILLAGE }, admin);
  t.equal(moved.status, 200, JSON.stringify(moved.body));

  const party = await download(`/api/v1/ledgers/party/export?township=140723100`, officer);
  t.equal(party.status, 200);
  const text = await sheetText(party.body);
  t.match(text, w1.idNumber, 'the member of the village is listed');
  t.match(text, w2.idNumber, 'and the contact of the village');
  for (const [who, p] of [
    ['a member from another township', s2],
    ['a contact from another township', s1],
    ['a member who moved away', w3],
  ] as const) {
    t.notMatch(text, p.idNumber, `${who}: no ID number`);
    t.notMatch(text, p.name, `${who}: no name`);
  }
  const audit = await db.query(
    `SELECT worker_ids, fields, purpose, actor FROM worker_profile.audit_log WHERE purpose = 'export' ORDER BY id DESC LIMIT 1`,
  );
  t.same(
    [...audit.rows[0].worker_ids].sort(),
    [w1.id, w2.id].sort(),
    'the export is audited with exactly the people in it',
  );
  t.same(audit.rows[0].fields, ['idNumber']);

  for (const ledger of ['services', 'incomes', 'registry']) {
    const r = await download(`/api/v1/ledgers/${ledger}/export?township=140723100`, officer);
    t.equal(r.status, 200);
    t.notMatch(await sheetText(r.body), w3.idNumber, `${ledger}: no one who lives outside the scope`);
  }

  for (const q of ['township=140723102', `village=${SONGYAN_VILLAGE}`]) {
    for (const ledger of ['party', 'registry', 'incomes', 'services', 'activities', 'union']) {
      const r = await stack.api.get(`/api/v1/ledgers/${ledger}/export?${q}`, officer);
      t.equal(r.status, 403, `${ledger} ${q}: ${JSON.stringify(r.body).slice(0, 200)}`);
      t.match(r.headers.get('content-type'), /application\/problem\+json/);
      t.match(r.body.errors, [{ field: q.split('=')[0] }], 'names the field');
    }
  }
});
