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
const outboxTypes = async (type: string, subject: string) =>
  (
    await ctx.db.query(
      `SELECT count(*)::int AS n FROM worker_profile.outbox WHERE payload->>'type' = $1 AND payload->>'subject' = $2`,
      [type, subject],
    )
  ).rows[0].n as number;

t.test(
  `service ledger: officers record, everyone in scope reads (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const w = await register();
    const a = await ctx.stack.api.post(
      `/api/v1/workers/${w.id}/services`,
      { service: 'information', date: '2026-03-02', channel: 'wechat', note: '推送岗位信息', outcome: '已报名' },
      ctx.officer,
    );
    t.equal(a.status, 201, JSON.stringify(a.body));
    t.match(a.body, { service: 'information', source: 'officer', workerName: w.name });
    const b = await ctx.stack.api.post(
      `/api/v1/workers/${w.id}/services`,
      { service: 'hardship', date: '2026-01-15', channel: 'visit' },
      ctx.officer,
    );
    t.equal(b.status, 201);
    t.equal(
      (await ctx.stack.api.get(`/api/v1/workers/${w.id}`, ctx.officer)).body.lastContactAt,
      '2026-03-02',
      'last contact is the latest date, not the latest entry',
    );
    t.equal(await outboxTypes('ledger.service-recorded', w.id), 2, 'one event per record');

    const list = await ctx.stack.api.get(`/api/v1/workers/${w.id}/services?limit=1`, ctx.officer);
    t.equal(list.body.items.length, 1);
    t.ok(list.body.nextCursor);
    const village = await ctx.stack.api.get(
      '/api/v1/ledgers/services?village=140723100236&service=hardship',
      ctx.officer,
    );
    t.ok(
      village.body.items.some((s: { id: string }) => s.id === b.body.id),
      'per village',
    );
    const officerId = a.body.officerId;
    const byOfficer = await ctx.stack.api.get(`/api/v1/ledgers/services?officerId=${officerId}`, ctx.admin);
    t.ok(byOfficer.body.items.length >= 2, 'per officer');
    t.equal(
      (await ctx.stack.api.get('/api/v1/ledgers/services?township=140723100', ctx.otherOfficer)).body.items.length,
      0,
      'another township sees none',
    );

    t.equal(
      (
        await ctx.stack.api.post(
          `/api/v1/workers/${w.id}/services`,
          { service: 'rights', date: '2026-03-02', channel: 'phone' },
          ctx.otherOfficer,
        )
      ).status,
      404,
      'out of scope write',
    );
    t.equal(
      (await ctx.stack.api.get(`/api/v1/workers/${w.id}/services`, ctx.otherOfficer)).status,
      404,
      'out of scope read',
    );
    const bad = [
      [{ service: 'rights', date: '2999-01-01', channel: 'phone' }, 'date'],
      [{ service: 'counselling', date: '2026-01-01', channel: 'phone' }, 'service'],
      [{ service: 'rights', date: '2026-01-01', channel: 'system' }, 'channel'],
      [{ service: 'rights', date: '2026-01-01', channel: 'phone', officerId: 'someone-else' }, 'officerId'],
    ] as const;
    for (const [body, field] of bad) {
      const r = await ctx.stack.api.post(`/api/v1/workers/${w.id}/services`, body, ctx.officer);
      t.equal(r.status, 400, `${field}: ${JSON.stringify(r.body)}`);
      t.ok(
        r.body.errors.some((e: { field: string }) => e.field === field),
        `names ${field}`,
      );
    }
    t.equal(await outboxTypes('ledger.service-recorded', w.id), 2, 'nothing written by refused requests');

    const activity = await ctx.stack.api.post(
      '/api/v1/ledgers/activities',
      { kind: 'symposium', regionCode: '140723100', date: '2026-02-10', title: '返乡务工人员座谈会', participants: 40 },
      ctx.officer,
    );
    t.equal(activity.status, 201, JSON.stringify(activity.body));
    t.equal(
      (
        await ctx.stack.api.post(
          '/api/v1/ledgers/activities',
          { kind: 'letter', regionCode: '140723', date: '2026-02-10' },
          ctx.officer,
        )
      ).status,
      403,
      'a county-wide activity is for administrators',
    );
    t.equal(
      (
        await ctx.stack.api.post(
          '/api/v1/ledgers/activities',
          { kind: 'letter', regionCode: '140723', date: '2026-02-10' },
          ctx.admin,
        )
      ).status,
      201,
    );
    const acts = await ctx.stack.api.get('/api/v1/ledgers/activities?kind=symposium', ctx.officer);
    t.ok(acts.body.items.some((x: { id: string }) => x.id === activity.body.id));
    t.equal((await ctx.stack.api.get('/api/v1/ledgers/activities', ctx.otherOfficer)).body.items.length, 0);

    // Newest first, a page at a time: the cursor walks on backwards.
    const later: string[] = [];
    for (const date of ['2026-02-11', '2026-02-12']) {
      const r = await ctx.stack.api.post(
        '/api/v1/ledgers/activities',
        { kind: 'visit', regionCode: '140723100', date, title: `走访 ${date}` },
        ctx.officer,
      );
      later.push(r.body.id);
    }
    const first = await ctx.stack.api.get('/api/v1/ledgers/activities?order=newest&limit=2', ctx.officer);
    t.same(
      first.body.items.map((x: { id: string }) => x.id),
      [later[1], later[0]],
      'the two latest, latest first',
    );
    const second = await ctx.stack.api.get(
      `/api/v1/ledgers/activities?order=newest&limit=2&cursor=${first.body.nextCursor}`,
      ctx.officer,
    );
    t.equal(second.body.items[0]?.id, activity.body.id, 'then the one before them');
    const unknownOrder = await ctx.stack.api.get('/api/v1/ledgers/activities?order=latest', ctx.officer);
    t.equal(unknownOrder.status, 400);
    t.match(JSON.stringify(unknownOrder.body), /order/, 'the problem names the field');
  },
);

t.test('workers read their own ledgers; employers none', async (t) => {
  const w = await register();
  await ctx.stack.api.post(
    `/api/v1/workers/${w.id}/services`,
    { service: 'subsidy', date: '2026-03-01', channel: 'office' },
    ctx.officer,
  );
  await ctx.stack.api.post(
    '/api/v1/accounts',
    { username: 'worker.ledger', password: 'worker-pass-1', role: 'worker', displayName: 'w', workerId: w.id },
    ctx.admin,
  );
  const me = await ctx.stack.login('worker.ledger', 'worker-pass-1');
  t.equal((await ctx.stack.api.get(`/api/v1/workers/${w.id}/services`, me)).body.items.length, 1);
  t.equal(
    (
      await ctx.stack.api.post(
        `/api/v1/workers/${w.id}/services`,
        { service: 'subsidy', date: '2026-03-01', channel: 'office' },
        me,
      )
    ).status,
    403,
  );
  const own = await ctx.stack.api.post(
    `/api/v1/workers/${w.id}/incomes`,
    { month: '2026-02', amount: 4200, source: 'wages', employerName: '苏州某厂', verified: false },
    me,
  );
  t.equal(own.status, 201, 'a worker reports their own income');
  t.equal(
    (
      await ctx.stack.api.post(
        `/api/v1/workers/${w.id}/incomes`,
        { month: '2026-03', amount: 4200, source: 'wages', verified: true },
        me,
      )
    ).status,
    400,
    'but cannot verify it',
  );
  t.equal((await ctx.stack.api.get('/api/v1/ledgers/services', me)).status, 403);
  await ctx.stack.api.post(
    '/api/v1/accounts',
    { username: 'employer.ledger', password: 'employer-pass', role: 'employer', displayName: 'e' },
    ctx.admin,
  );
  const employer = await ctx.stack.login('employer.ledger', 'employer-pass');
  t.equal((await ctx.stack.api.get(`/api/v1/workers/${w.id}/incomes`, employer)).status, 404);
  t.equal((await ctx.stack.api.get('/api/v1/party-groups', employer)).status, 403);
});

t.test(
  'income ledger: one entry per month, corrections keep history, households against the poverty line',
  async (t) => {
    const a = await register({ householdNo: 'HS-0001', householdSize: 4 });
    const b = await register({ householdNo: 'HS-0001' });
    const c = await register({ householdNo: 'HS-0002', householdSize: 1 });
    const post = (id: string, body: object, token = ctx.officer) =>
      ctx.stack.api.post(`/api/v1/workers/${id}/incomes`, body, token);
    const jan = { month: '2025-01', amount: 3000, source: 'wages', employerName: '太原建工', verified: true };
    t.equal((await post(a.id, jan)).status, 201);
    t.equal((await post(a.id, jan)).status, 200, 'the same entry again changes nothing');
    const fixed = await post(a.id, { ...jan, amount: 3200.456 });
    t.equal(fixed.status, 201);
    t.equal(fixed.body.amount, 3200.46, 'kept to the fen');
    t.ok(fixed.body.replaces, 'names the corrected entry');
    t.equal(
      (await ctx.stack.api.get(`/api/v1/workers/${a.id}/incomes`, ctx.officer)).body.items.length,
      1,
      'one current entry',
    );
    const history = await ctx.stack.api.get(`/api/v1/workers/${a.id}/incomes?history=true`, ctx.officer);
    t.equal(history.body.items.length, 2, 'history keeps the corrected one');
    t.ok(history.body.items[0].supersededAt);
    t.equal(await outboxTypes('ledger.income-recorded', a.id), 2);
    for (const m of ['2025-02', '2025-03'])
      await post(b.id, { month: m, amount: 4000, source: 'wages', verified: false });
    await post(c.id, { month: '2025-05', amount: 9000, source: 'business', verified: true });

    const below = await ctx.stack.api.get(
      '/api/v1/ledgers/incomes/households?year=2025&village=140723100236',
      ctx.officer,
    );
    t.equal(below.status, 200, JSON.stringify(below.body));
    t.equal(below.body.povertyLine, 6000);
    const hs1 = below.body.items.find((h: { householdNo?: string }) => h.householdNo === 'HS-0001');
    t.match(hs1, { householdSize: 4, annualIncome: 11200.46, perPerson: 2800.12, below: true, monthsRecorded: 3 });
    t.same([...hs1.workerIds].sort(), [a.id, b.id].sort());
    t.notOk(
      below.body.items.some((h: { householdNo?: string }) => h.householdNo === 'HS-0002'),
      '9000 for one person is above the line',
    );
    const all = await ctx.stack.api.get(
      '/api/v1/ledgers/incomes/households?year=2025&village=140723100236&below=false',
      ctx.officer,
    );
    t.ok(all.body.items.some((h: { householdNo?: string; below: boolean }) => h.householdNo === 'HS-0002' && !h.below));
    t.equal(
      (await ctx.stack.api.get('/api/v1/ledgers/incomes/households?year=2025&village=140723100236', ctx.otherOfficer))
        .body.items.length,
      0,
      'another township sees none',
    );

    t.equal((await post(a.id, { ...jan, month: '2025-13' })).status, 400);
    t.equal((await post(a.id, { ...jan, amount: -1 })).status, 400);
    t.equal((await post(a.id, { ...jan, month: '2999-01' })).status, 400);
    t.equal((await post(a.id, jan, ctx.otherOfficer)).status, 404, 'out of scope');
    t.equal(
      (await ctx.stack.api.get('/api/v1/ledgers/incomes/households', ctx.officer)).status,
      400,
      'year is required',
    );
  },
);

t.test('party-building ledger and its figures per village, township and county', async (t) => {
  const [m1, m2, w1, w2, w3] = await Promise.all([register(), register(), register(), register(), register()]);
  const g = await ctx.stack.api.post(
    '/api/v1/party-groups',
    { name: '恋思村流动党员党小组', villageCode: '140723100236', leaderName: '王书记', foundedAt: '2018-05-01' },
    ctx.officer,
  );
  t.equal(g.status, 201, JSON.stringify(g.body));
  t.equal(
    (
      await ctx.stack.api.post(
        '/api/v1/party-groups',
        { name: '恋思村流动党员党小组', villageCode: '140723100236', leaderName: 'x' },
        ctx.officer,
      )
    ).status,
    409,
    'one name per village',
  );
  t.equal(
    (
      await ctx.stack.api.post(
        '/api/v1/party-groups',
        { name: '白仁村党小组', villageCode: '140723102201', leaderName: 'x' },
        ctx.officer,
      )
    ).status,
    403,
    'other township',
  );

  const add = (workerId: string, mobile: boolean) =>
    ctx.stack.api.post(
      `/api/v1/party-groups/${g.body.id}/members`,
      { workerId, mobile, joinedPartyAt: '2010-07-01' },
      ctx.officer,
    );
  const mm1 = await add(m1.id, true);
  t.equal(mm1.status, 201, JSON.stringify(mm1.body));
  t.equal((await add(m2.id, false)).status, 201);
  t.equal((await add(m1.id, true)).status, 409, 'a member belongs to one group');
  const link = (workerId: string) =>
    ctx.stack.api.post(
      `/api/v1/party-groups/${g.body.id}/members/${mm1.body.id}/contacts`,
      { workerId, since: '2019-01-01' },
      ctx.officer,
    );
  t.equal((await link(w1.id)).status, 201);
  t.equal((await link(w2.id)).status, 201);
  const again = await link(w2.id);
  t.equal(again.body.contacts.length, 2, 'linking twice keeps one link');
  t.equal((await link(m1.id)).status, 400, 'not with themselves');
  t.equal(await outboxTypes('ledger.party-contact-linked', mm1.body.id), 2);

  t.equal(
    (
      await ctx.stack.api.post(
        '/api/v1/ledgers/party-applications',
        { workerId: w3.id, appliedAt: '2025-03-01' },
        ctx.officer,
      )
    ).status,
    201,
  );
  const activist = await ctx.stack.api.post(
    '/api/v1/ledgers/party-applications',
    { workerId: w3.id, appliedAt: '2025-03-01', activistAt: '2025-09-01' },
    ctx.officer,
  );
  t.equal(activist.status, 200, 'an update');
  t.equal(activist.body.activistAt, '2025-09-01');
  t.equal(
    (
      await ctx.stack.api.post(
        '/api/v1/ledgers/party-applications',
        { workerId: w1.id, appliedAt: '2025-03-01', activistAt: '2025-01-01' },
        ctx.officer,
      )
    ).status,
    400,
  );
  t.equal(
    (
      await ctx.stack.api.post(
        '/api/v1/ledgers/party-applications',
        { workerId: w1.id, appliedAt: '2025-03-01' },
        ctx.otherOfficer,
      )
    ).status,
    404,
  );

  const expected = { groups: 1, members: 2, mobileMembers: 1, workersInTouch: 2, applications: 1, activists: 1 };
  const village = await ctx.stack.api.get('/api/v1/party-groups/figures?village=140723100236', ctx.officer);
  t.equal(village.status, 200, JSON.stringify(village.body));
  t.same(village.body.totals, expected);
  const township = await ctx.stack.api.get('/api/v1/party-groups/figures', ctx.officer);
  t.match(township.body, { regionCode: '140723100', level: 'township', totals: expected });
  t.same(
    township.body.breakdown.map((b: { regionCode: string }) => b.regionCode),
    ['140723100236'],
  );
  const county = await ctx.stack.api.get('/api/v1/party-groups/figures', ctx.admin);
  t.match(county.body, {
    regionCode: '140723',
    level: 'county',
    totals: expected,
    breakdown: [{ regionCode: '140723100', ...expected }],
  });
  t.equal((await ctx.stack.api.get('/api/v1/party-groups/figures?township=140723100', ctx.otherOfficer)).status, 404);

  const groups = await ctx.stack.api.get('/api/v1/party-groups?village=140723100236', ctx.officer);
  t.equal(groups.body.items.length, 1);
  t.equal(groups.body.items[0].members.find((m: { id: string }) => m.id === mm1.body.id).contacts.length, 2);
  t.equal((await ctx.stack.api.get('/api/v1/party-groups', ctx.otherOfficer)).body.items.length, 0);
  t.equal((await ctx.stack.api.get(`/api/v1/party-groups/${g.body.id}`, ctx.otherOfficer)).status, 404);
  t.equal((await ctx.stack.api.get('/api/v1/ledgers/party-applications', ctx.officer)).body.items.length, 1);
});
