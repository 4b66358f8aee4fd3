import { describeEnvironment, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from './fixtures.ts';
import { workerProfileStack } from './helpers/stack.ts';

const LIANSI = '140723100236';
const BAIREN = '140723102201';

const ctx = workerProfileStack(t);

type Item = {
  item: string;
  met: boolean;
  source: string;
  evidence?: { text: string; date?: string; documentRef?: string };
  lacks?: string;
};
const view = async (token = ctx.officer, village = LIANSI) => {
  const r = await ctx.stack.api.get(`/api/v1/villages/${village}/qiyou`, token);
  if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  return r.body as {
    met: boolean;
    missing: string[];
    items: Item[];
    asOf: string;
    villageName: string;
    pilot: boolean;
  };
};
const item = (v: { items: Item[] }, name: string) => v.items.find((i) => i.item === name)!;
const declare = (item: string, body: Record<string, unknown>, token = ctx.officer, village = LIANSI) =>
  ctx.stack.api.request('PUT', `/api/v1/villages/${village}/qiyou/${item}`, { body, token });
const statusEvents = async (village: string) =>
  (
    await ctx.db.query(
      `SELECT payload->'data'->'status' AS s FROM worker_profile.outbox
       WHERE payload->>'type' = 'village.qiyou-status-changed' AND payload->>'subject' = $1 ORDER BY id`,
      [village],
    )
  ).rows.map((r) => r.s as { met: boolean; missing: string[] });

t.test(`七有: a village built up to meet all seven (${describeEnvironment(testEnvironment())})`, async (t) => {
  const start = await view();
  t.equal(start.villageName, '恋思村');
  t.equal(start.pilot, true);
  t.equal(start.met, false);
  t.same(start.missing, ['organisation', 'venue', 'rules', 'platform', 'services', 'ledgers', 'results']);
  t.match(item(start, 'venue'), { source: 'declared', met: false, lacks: /申报/ });
  t.match(item(start, 'organisation'), { source: 'computed', met: false, evidence: { text: '无村级工作组' } });
  t.match(await statusEvents(LIANSI), [{ met: false }], 'the first evaluation is published');
  await view();
  t.equal((await statusEvents(LIANSI)).length, 1, 'an unchanged status is not published again');

  // Bad declarations, each a problem naming the field; nothing written.
  const bare = await declare('venue', { declaredOn: '2026-09-01' });
  t.equal(bare.status, 400);
  t.match(bare.body, {
    code: 'QIYOU_EVIDENCE_REQUIRED',
    errors: [{ field: 'evidence' }, { field: 'documentRef' }],
  });
  const blank = await declare('venue', { declaredOn: '2026-09-01', evidence: '  ', documentRef: '义兴〔2026〕3号' });
  t.match(blank.body, { code: 'QIYOU_EVIDENCE_REQUIRED', errors: [{ field: 'evidence' }] });
  const computed = await declare('services', { declaredOn: '2026-09-01', evidence: 'x', documentRef: 'y' });
  t.equal(computed.status, 400);
  t.match(computed.body, { code: 'QIYOU_COMPUTED_ITEM', errors: [{ field: 'item' }] });
  t.equal((await declare('nonsense', { declaredOn: '2026-09-01', evidence: 'x', documentRef: 'y' })).status, 400);
  t.equal(
    (await declare('venue', { declaredOn: '2026-09-01', evidence: 'x', documentRef: 'y' }, ctx.otherOfficer)).status,
    403,
    "another township's officer does not declare",
  );
  t.equal(
    (await ctx.db.query(`SELECT count(*)::int AS n FROM worker_profile.qiyou_declarations`)).rows[0].n,
    0,
    'nothing written',
  );
  t.equal((await ctx.stack.api.get(`/api/v1/villages/${LIANSI}/qiyou`, ctx.otherOfficer)).status, 404);

  // 有组织: a work group with a leader.
  const fed = await ctx.stack.api.post(
    '/api/v1/union/federations',
    { townshipCode: '140723100', name: '义兴镇工会联合会', leaderName: '王' },
    ctx.officer,
  );
  const wg = await ctx.stack.api.post(
    '/api/v1/union/work-groups',
    { federationId: fed.body.id, name: '恋思村工作组', leaderName: '陈组长', villageCodes: [LIANSI] },
    ctx.officer,
  );
  t.equal(wg.status, 201);
  // 有阵地, 有制度, 有平台: declared with evidence.
  const evidence = {
    venue: { declaredOn: '2026-09-01', evidence: '村委会二楼职工之家', documentRef: '义兴工〔2026〕3号' },
    rules: { declaredOn: '2026-09-02', evidence: '工作组议事规则、会员管理制度', documentRef: '恋思村制度汇编2026' },
    platform: {
      declaredOn: '2026-09-03',
      evidence: '微信群“恋思村务工人员之家”，成员126人',
      documentRef: '截图存档 LS-WX-01',
    },
  };
  for (const [name, body] of Object.entries(evidence)) {
    const r = await declare(name, body);
    t.equal(r.status, 200, JSON.stringify(r.body));
  }
  const again = await declare('venue', evidence.venue);
  t.equal(again.status, 200);
  t.equal(
    (
      await ctx.db.query(
        `SELECT count(*)::int AS n FROM worker_profile.outbox WHERE payload->>'type' = 'village.qiyou-declared'`,
      )
    ).rows[0].n,
    3,
    'the same declaration again changes nothing',
  );
  const halfway = await view();
  t.match(item(halfway, 'organisation'), { met: true, evidence: { text: /恋思村工作组.*陈组长/ } });
  t.match(item(halfway, 'platform'), {
    met: true,
    evidence: { date: '2026-09-03', text: /微信群/, documentRef: '截图存档 LS-WX-01' },
  });
  t.same(halfway.missing, ['services', 'ledgers', 'results']);

  // 有服务, 有台账, 有成效 from the ledgers.
  const today = halfway.asOf;
  const w = (await ctx.stack.api.post('/api/v1/workers', workerInput({ employmentStatus: 'employed' }), ctx.officer))
    .body;
  t.equal(
    (
      await ctx.stack.api.post(
        `/api/v1/workers/${w.id}/services`,
        { service: 'information', date: today, channel: 'visit' },
        ctx.officer,
      )
    ).status,
    201,
  );
  const nearly = await view();
  t.match(item(nearly, 'services'), { met: true, evidence: { date: today } });
  t.match(item(nearly, 'ledgers'), { met: false, lacks: /党建台账.*收入台账/ });
  const party = await ctx.stack.api.post(
    '/api/v1/party-groups',
    { name: '恋思村党小组', villageCode: LIANSI, leaderName: '刘' },
    ctx.officer,
  );
  await ctx.stack.api.post(
    `/api/v1/party-groups/${party.body.id}/members`,
    { workerId: w.id, mobile: true },
    ctx.officer,
  );
  const income = await ctx.stack.api.post(
    `/api/v1/workers/${w.id}/incomes`,
    { month: today.slice(0, 7), amount: 6800, source: 'wages', verified: true },
    ctx.officer,
  );
  t.equal(income.status, 201, JSON.stringify(income.body));

  const done = await view();
  t.same(done.missing, [], JSON.stringify(done.items.filter((i) => !i.met)));
  t.equal(done.met, true, 'the village meets all seven');
  t.equal(done.items.length, 7);
  t.ok(
    done.items.every((i) => i.evidence?.text),
    'each item shows its evidence',
  );
  t.match(item(done, 'results'), { met: true, evidence: { text: /在岗 1 人/ } });
  t.match((await statusEvents(LIANSI)).at(-1), { met: true, missing: [] }, 'the change to met is published');

  // County view: pilots first, which villages meet the standard, what each lacks.
  const county = await ctx.stack.api.get('/api/v1/qiyou', ctx.admin);
  t.equal(county.status, 200);
  t.same(
    county.body.items.slice(0, 2).map((v: { villageCode: string }) => v.villageCode),
    [LIANSI, BAIREN],
    'the two pilot villages first',
  );
  t.equal(county.body.meeting, 1);
  t.match(county.body.items[1], { villageName: '白仁村', met: false, missing: ['organisation', 'venue'] });
  const theirs = await ctx.stack.api.get('/api/v1/qiyou', ctx.otherOfficer);
  t.same(
    theirs.body.items.map((v: { villageCode: string }) => v.villageCode),
    [BAIREN],
    'an officer sees their own villages',
  );
  t.equal((await ctx.stack.api.get('/api/v1/qiyou?township=140723102', ctx.admin)).body.items[0].villageCode, BAIREN);
});
