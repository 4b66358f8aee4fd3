import { describeEnvironment, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { workerInput } from './fixtures.ts';
import { workerProfileStack } from './helpers/stack.ts';

const YIXING = '140723100';
const LIANSI = '140723100236';
const SONGYAN = '140723102';
const BAIREN = '140723102201';

const ctx = workerProfileStack(t);

const register = async (overrides: Record<string, unknown> = {}, token = ctx.officer) => {
  const r = await ctx.stack.api.post('/api/v1/workers', workerInput(overrides), token);
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body as { id: string; name: string };
};
const rows = async (sql: string, params: unknown[] = []) => (await ctx.db.query(sql, params)).rows;
const outbox = async (type: string) =>
  (await rows(`SELECT count(*)::int AS n FROM worker_profile.outbox WHERE payload->>'type' = $1`, [type]))[0]
    .n as number;

/** Two villages of 义兴镇 beside 恋思村, for a group covering several. */
const otherYixingVillage = async () => {
  const { childrenOf } = await import('@tongxin/regions');
  return childrenOf(YIXING).find((v) => v.code !== LIANSI)!.code;
};

t.test(
  `union organisation: federations, work groups, memberships, figures beside the party (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const fed = await ctx.stack.api.post(
      '/api/v1/union/federations',
      { townshipCode: YIXING, name: '义兴镇工会联合会', leaderName: '王主席' },
      ctx.officer,
    );
    t.equal(fed.status, 201, JSON.stringify(fed.body));
    t.equal(fed.body.townshipName, '义兴镇');
    const again = await ctx.stack.api.post(
      '/api/v1/union/federations',
      { townshipCode: YIXING, name: '另一个', leaderName: '李' },
      ctx.admin,
    );
    t.equal(again.status, 409);
    t.match(again.body, { code: 'UNION_FEDERATION_EXISTS', existingId: fed.body.id });
    t.equal(
      (
        await ctx.stack.api.post(
          '/api/v1/union/federations',
          { townshipCode: SONGYAN, name: '松烟镇工会联合会', leaderName: '赵' },
          ctx.officer,
        )
      ).status,
      403,
      "another township's federation is not the officer's to set up",
    );

    const leader = await register({ phone: '13912345678' });
    const party = await ctx.stack.api.post(
      '/api/v1/party-groups',
      { name: '恋思村流动党员党小组', villageCode: LIANSI, leaderName: '刘书记' },
      ctx.officer,
    );
    t.equal(party.status, 201);
    const neighbour = await otherYixingVillage();

    // Bad input, each named by field, nothing written.
    const before = await outbox('union.work-group-created');
    const outside = await ctx.stack.api.post(
      '/api/v1/union/work-groups',
      { federationId: fed.body.id, name: '跨镇组', leaderName: '张', villageCodes: [LIANSI, BAIREN] },
      ctx.admin,
    );
    t.equal(outside.status, 400);
    t.match(outside.body, { code: 'UNION_VILLAGE_OUTSIDE_TOWNSHIP', errors: [{ field: 'villageCodes' }] });
    const foreignParty = await ctx.stack.api.post(
      '/api/v1/union/work-groups',
      {
        federationId: fed.body.id,
        name: '邻村组',
        leaderName: '张',
        villageCodes: [neighbour],
        partyGroupId: party.body.id,
      },
      ctx.officer,
    );
    t.equal(foreignParty.status, 400);
    t.match(foreignParty.body, { errors: [{ field: 'partyGroupId' }] });
    t.equal(await outbox('union.work-group-created'), before, 'nothing written');
    t.equal((await rows('SELECT count(*)::int AS n FROM worker_profile.union_work_groups'))[0].n, 0);

    const wg = await ctx.stack.api.post(
      '/api/v1/union/work-groups',
      {
        federationId: fed.body.id,
        name: '恋思村工作组',
        leaderName: '陈组长',
        leaderWorkerId: leader.id,
        villageCodes: [LIANSI],
        partyGroupId: party.body.id,
      },
      ctx.officer,
    );
    t.equal(wg.status, 201, JSON.stringify(wg.body));
    t.match(wg.body, {
      townshipCode: YIXING,
      villages: [{ code: LIANSI, name: '恋思村' }],
      partyGroupName: '恋思村流动党员党小组',
      members: 0,
    });
    t.equal(wg.body.leaderPhone, '139****5678', "the leader's phone is masked");
    t.equal(
      (
        await ctx.stack.api.post(
          '/api/v1/union/work-groups',
          { federationId: fed.body.id, name: '恋思村工作组', leaderName: '又一个', villageCodes: [LIANSI] },
          ctx.officer,
        )
      ).body.code,
      'UNION_WORK_GROUP_EXISTS',
    );
    const neighbourGroup = await ctx.stack.api.post(
      '/api/v1/union/work-groups',
      { federationId: fed.body.id, name: '邻村工作组', leaderName: '周', villageCodes: [neighbour] },
      ctx.officer,
    );
    t.equal(neighbourGroup.status, 201);

    // Memberships.
    const w1 = await register();
    const w2 = await register();
    const join = (id: string, body: Record<string, unknown>, token = ctx.officer) =>
      ctx.stack.api.post(`/api/v1/workers/${id}/union-membership`, body, token);
    const wrongVillage = await join(w1.id, {
      workGroupId: neighbourGroup.body.id,
      membershipNo: 'GH-001',
      joinedOn: '2026-03-01',
    });
    t.equal(wrongVillage.status, 400);
    t.match(wrongVillage.body, { code: 'UNION_VILLAGE_NOT_COVERED', errors: [{ field: 'workGroupId' }] });
    const joined = await join(w1.id, { workGroupId: wg.body.id, membershipNo: 'GH-001', joinedOn: '2026-03-01' });
    t.equal(joined.status, 201, JSON.stringify(joined.body));
    t.match(joined.body, { workerId: w1.id, workGroupName: '恋思村工作组', villageCode: LIANSI });
    const retry = await join(w1.id, { workGroupId: wg.body.id, membershipNo: 'GH-001', joinedOn: '2026-03-01' });
    t.equal(retry.status, 200, 'the same joining again changes nothing');
    const twice = await join(w1.id, { workGroupId: wg.body.id, membershipNo: 'GH-009', joinedOn: '2026-04-01' });
    t.equal(twice.status, 409);
    t.match(twice.body, { code: 'UNION_ALREADY_A_MEMBER', errors: [{ field: 'workerId' }] });
    const takenNo = await join(w2.id, { workGroupId: wg.body.id, membershipNo: 'GH-001', joinedOn: '2026-03-02' });
    t.equal(takenNo.status, 409);
    t.match(takenNo.body, { code: 'UNION_MEMBERSHIP_NO_TAKEN', errors: [{ field: 'membershipNo' }] });
    t.equal(
      (await join(w2.id, { workGroupId: wg.body.id, membershipNo: 'GH-002', joinedOn: '2030-01-01' })).status,
      400,
      'a date in the future',
    );
    t.equal(
      (await join(w2.id, { workGroupId: wg.body.id, membershipNo: 'GH-002', joinedOn: '2026-03-02' }, ctx.otherOfficer))
        .status,
      404,
      "another township's officer does not see the worker",
    );
    t.equal(
      (await join(w2.id, { workGroupId: wg.body.id, membershipNo: 'GH-002', joinedOn: '2026-03-02' })).status,
      201,
    );
    t.equal(await outbox('union.membership-joined'), 2, 'one event per joining');

    const flag = async (id: string) =>
      (await ctx.stack.api.get(`/api/v1/workers/${id}`, ctx.officer)).body.unionMember?.member;
    t.equal(await flag(w1.id), true, 'the registry flag follows the membership');

    const left = await ctx.stack.api.post(
      `/api/v1/workers/${w2.id}/union-membership/leave`,
      { leftOn: '2026-02-01' },
      ctx.officer,
    );
    t.equal(left.status, 400, 'leaving before joining');
    t.match(left.body, { errors: [{ field: 'leftOn' }] });
    const leave = await ctx.stack.api.post(
      `/api/v1/workers/${w2.id}/union-membership/leave`,
      { leftOn: '2026-06-30' },
      ctx.officer,
    );
    t.equal(leave.status, 200);
    t.equal(leave.body.leftOn, '2026-06-30');
    t.equal(await flag(w2.id), false, 'a worker without an open membership is not a member');
    t.equal(
      (
        await ctx.stack.api.post(
          `/api/v1/workers/${w2.id}/union-membership/leave`,
          { leftOn: '2026-07-01' },
          ctx.officer,
        )
      ).body.code,
      'UNION_NOT_A_MEMBER',
    );
    t.equal(await outbox('union.membership-left'), 1);
    t.ok(
      (
        await rows(
          `SELECT 1 FROM worker_profile.outbox WHERE payload->>'type' = 'worker.updated' AND payload->>'subject' = $1
           AND payload->'data'->'changed' ? 'unionMember'`,
          [w2.id],
        )
      ).length >= 2,
      'worker.updated tells the other services of the flag',
    );
    const history = await ctx.stack.api.get(`/api/v1/workers/${w2.id}/union-membership`, ctx.officer);
    t.match(history.body.items, [{ membershipNo: 'GH-002', leftOn: '2026-06-30' }]);

    const members = await ctx.stack.api.get(`/api/v1/union/work-groups/${wg.body.id}/members`, ctx.officer);
    t.same(
      members.body.items.map((m: { workerId: string }) => m.workerId),
      [w1.id],
      'open memberships only',
    );
    t.equal(
      (await ctx.stack.api.get(`/api/v1/union/work-groups/${wg.body.id}/members?open=false`, ctx.officer)).body.items
        .length,
      2,
    );

    // PATCH: leader and villages; the party group stays a group of a covered village.
    const patched = await ctx.stack.api.patch(
      `/api/v1/union/work-groups/${wg.body.id}`,
      { leaderName: '陈新组长', villageCodes: [LIANSI, neighbour] },
      ctx.officer,
    );
    t.equal(patched.status, 200, JSON.stringify(patched.body));
    t.equal(patched.body.leaderName, '陈新组长');
    t.equal(patched.body.members, 1);
    const dropping = await ctx.stack.api.patch(
      `/api/v1/union/work-groups/${wg.body.id}`,
      { villageCodes: [neighbour] },
      ctx.officer,
    );
    t.equal(dropping.status, 400, 'a village with members stays covered');
    t.match(dropping.body, { errors: [{ field: 'villageCodes' }] });
    t.equal(await outbox('union.work-group-updated'), 1);

    // Figures: per work group, village, township and county, the party's beside them.
    const village = await ctx.stack.api.get(`/api/v1/union/figures?village=${LIANSI}`, ctx.officer);
    t.equal(village.status, 200, JSON.stringify(village.body));
    t.match(village.body, {
      level: 'village',
      federations: 1,
      totals: { union: { workGroups: 1, members: 1 }, party: { groups: 1 } },
    });
    const township = await ctx.stack.api.get(`/api/v1/union/figures?township=${YIXING}`, ctx.officer);
    t.match(township.body.totals, { union: { workGroups: 2, members: 1 }, party: { groups: 1 } });
    const liansi = township.body.breakdown.find((b: { regionCode: string }) => b.regionCode === LIANSI);
    t.match(liansi, { regionName: '恋思村', union: { workGroups: 1, members: 1 }, party: { groups: 1, members: 0 } });
    t.match(
      township.body.workGroups.find((g: { id: string }) => g.id === wg.body.id),
      { name: '恋思村工作组', members: 1 },
    );
    const county = await ctx.stack.api.get('/api/v1/union/figures', ctx.admin);
    t.match(county.body, { level: 'county', federations: 1, totals: { union: { workGroups: 2, members: 1 } } });
    t.match(
      county.body.breakdown.find((b: { regionCode: string }) => b.regionCode === YIXING),
      { regionName: '义兴镇', union: { workGroups: 2, members: 1 }, party: { groups: 1 } },
    );

    // Scope: another township sees none of it; workers may not read it.
    t.equal((await ctx.stack.api.get(`/api/v1/union/work-groups/${wg.body.id}`, ctx.otherOfficer)).status, 404);
    t.equal((await ctx.stack.api.get('/api/v1/union/work-groups', ctx.otherOfficer)).body.items.length, 0);
    t.equal((await ctx.stack.api.get(`/api/v1/union/figures?village=${LIANSI}`, ctx.otherOfficer)).status, 404);
    await ctx.stack.api.post(
      '/api/v1/accounts',
      { username: 'worker.union', password: 'worker-pass-1', role: 'worker', displayName: 'w', workerId: w1.id },
      ctx.admin,
    );
    const workerToken = await ctx.stack.login('worker.union', 'worker-pass-1');
    t.equal((await ctx.stack.api.get('/api/v1/union/work-groups', workerToken)).status, 403, 'workers do not read it');
    t.equal((await ctx.stack.api.get(`/api/v1/villages/${LIANSI}/qiyou`, workerToken)).status, 403);
  },
);

const upload = (body: Buffer | string, token: string, query: string, type = 'text/csv') =>
  ctx.stack.api.request('POST', `/api/v1/workers/import${query}`, {
    token,
    raw: body,
    headers: { 'content-type': type },
  });
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADER = '身份证号,姓名,工作组,会员证号,入会日期,退会日期';

t.test('union sheet: bad rows one by one, valid-only, export, re-import unchanged, leaving by sheet', async (t) => {
  const people = [];
  for (let i = 0; i < 4; i++) {
    const input = workerInput();
    const w = await register(input);
    people.push({ ...w, idNumber: input.idNumber as string });
  }
  const [a, b, c, d] = people as [(typeof people)[0], (typeof people)[0], (typeof people)[0], (typeof people)[0]];
  const groups = (await ctx.stack.api.get(`/api/v1/union/work-groups?village=${LIANSI}`, ctx.officer)).body.items;
  const group = groups.find((g: { name: string }) => g.name === '恋思村工作组');
  const openBefore = (await ctx.stack.api.get(`/api/v1/union/figures?village=${LIANSI}`, ctx.officer)).body.totals.union
    .members;
  const sheet = [
    HEADER,
    `${a.idNumber},${a.name},恋思村工作组,GH-101,2026-05-01,`,
    `${b.idNumber},${b.name},恋思村工作组,GH-102,2026/05/02,`,
    `${c.idNumber},${c.name},邻村工作组,GH-103,2026-05-03,`,
    `${d.idNumber},${d.name},恋思村工作组,GH-104,2026-05-04,2026-04-01`,
    `${a.idNumber},${a.name},恋思村工作组,GH-105,2026-05-05,`,
    `${d.idNumber},${d.name},恋思村工作组,GH-101,2026-05-06,`,
  ].join('\n');
  const all = await upload(sheet, ctx.officer, '?ledger=union');
  t.equal(all.status, 422, 'mode all: nothing written while a row is bad');
  t.equal((await ctx.stack.api.get(`/api/v1/workers/${a.id}/union-membership`, ctx.officer)).body.items.length, 0);
  const report = all.body.report;
  t.same(
    report.errors.map((e: { row: number; column: string }) => [e.row, e.column]),
    [
      [4, '工作组'],
      [5, '退会日期'],
      [6, '会员证号'],
      [7, '会员证号'],
    ],
    'each bad row named with its column',
  );
  const valid = await upload(sheet, ctx.officer, '?ledger=union&mode=valid-only');
  t.equal(valid.status, 200, JSON.stringify(valid.body));
  t.match(valid.body, { created: 2, updated: 0, unchanged: 0, invalid: 4 });
  t.equal(
    (await ctx.stack.api.get(`/api/v1/workers/${b.id}`, ctx.officer)).body.unionMember.member,
    true,
    'flag set by sheet',
  );
  t.equal(
    (await ctx.stack.api.get(`/api/v1/union/figures?village=${LIANSI}`, ctx.officer)).body.totals.union.members,
    openBefore + 2,
  );

  // Export → import: the same sheet changes nothing.
  const exported = await fetch(`${ctx.stack.api.baseUrl}/api/v1/ledgers/union/export?village=${LIANSI}`, {
    headers: { authorization: `Bearer ${ctx.officer}` },
  });
  t.equal(exported.status, 200);
  const file = Buffer.from(await exported.arrayBuffer());
  const again = await upload(file, ctx.officer, '?ledger=union', XLSX);
  t.equal(again.status, 200, JSON.stringify(again.body));
  t.match(again.body, { created: 0, updated: 0, invalid: 0 });
  t.equal(again.body.unchanged, again.body.total, 'every exported membership, open or left, is unchanged');
  t.ok(again.body.total >= 4, 'the memberships of the API and of the sheet');

  // Leaving by sheet: the leaving date on an open membership closes it.
  const leaving = [HEADER, `${a.idNumber},${a.name},恋思村工作组,GH-101,2026-05-01,2026-10-31`].join('\n');
  const left = await upload(leaving, ctx.officer, '?ledger=union');
  t.match(left.body, { created: 0, updated: 1 });
  t.equal((await ctx.stack.api.get(`/api/v1/workers/${a.id}`, ctx.officer)).body.unionMember.member, false);
  t.match(
    (await upload(leaving, ctx.officer, '?ledger=union')).body,
    { unchanged: 1, updated: 0 },
    're-import changes nothing',
  );
  const rejoin = [HEADER, `${a.idNumber},${a.name},恋思村工作组,GH-101,2026-11-01,`].join('\n');
  t.match((await upload(rejoin, ctx.officer, '?ledger=union')).body, { created: 1 }, 'joining again after leaving');

  // Counted per work group, village, township and county.
  const members = (await ctx.stack.api.get(`/api/v1/union/work-groups/${group.id}/members`, ctx.officer)).body.items
    .length;
  const figures = await ctx.stack.api.get(`/api/v1/union/figures?township=${YIXING}`, ctx.officer);
  t.equal(figures.body.workGroups.find((g: { id: string }) => g.id === group.id).members, members);
  t.equal(figures.body.breakdown.find((x: { regionCode: string }) => x.regionCode === LIANSI).union.members, members);
  t.equal(figures.body.totals.union.members, members, 'one open membership per worker');
  t.equal((await ctx.stack.api.get('/api/v1/union/figures', ctx.admin)).body.totals.union.members, members);
  t.equal(
    (await upload(leaving, ctx.otherOfficer, '?ledger=union&mode=valid-only')).body.errors[0].column,
    '身份证号',
    "another township's officer imports none of these rows",
  );
});
