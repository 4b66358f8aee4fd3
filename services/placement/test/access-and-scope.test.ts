import { randomUUID } from 'node:crypto';
import { makeCreditCode } from '@tongxin/cn-codes';
import { describeEnvironment, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import {
  announce,
  daysAgo,
  employerAccount,
  moveThrough,
  openingSnapshot,
  placementWorld,
  query,
  waitFor,
  workerSnapshot,
} from './support.ts';

const ctx = placementWorld(t);

/** An employer account linked to a fresh company. */
async function newEmployer(username: string) {
  const employerId = randomUUID();
  return { employerId, token: await employerAccount(ctx.stack, ctx.admin, username, employerId, username) };
}

/** An EmployerSnapshot as the employer service announces it. */
const employerSnapshot = (id: string, status: string, version: number) => ({
  id,
  name: '苏州测试电子有限公司',
  creditCode: makeCreditCode(`91320505MA${String(version).padStart(7, '0')}`),
  industry: 'manufacturing',
  regionCode: '320505',
  tier: 'out_of_province',
  status,
  version,
  updatedAt: new Date().toISOString(),
});

/** Announces a worker and an opening and waits until placement has both. */
async function given(employerId: string, worker: Record<string, unknown> = {}) {
  const w = workerSnapshot(worker);
  const o = openingSnapshot(employerId);
  await announce(ctx.stack, ctx.bus, [w], [o]);
  return { worker: w, opening: o };
}

const moveTo = (id: string, statuses: string[], token: string) => moveThrough(ctx.stack, id, statuses, token);

t.test(
  `an employer's view of contact ends on rejection, withdrawal and suspension (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const { employerId, token: employer } = await newEmployer('employer.access');
    await ctx.bus.publish('employer.verified', employerId, { employer: employerSnapshot(employerId, 'verified', 1) });

    const refer = async () => {
      const { worker, opening } = await given(employerId);
      const r = await ctx.stack.api.post(
        '/api/v1/applications',
        { openingId: opening.id, workerId: worker.id },
        ctx.yixing,
      );
      t.equal(r.status, 201, JSON.stringify(r.body));
      return r.body.id as string;
    };

    const rejected = await refer();
    const fresh = await ctx.stack.api.get(`/api/v1/applications/${rejected}`, employer);
    t.same(fresh.body.allowedMoves, ['screening', 'rejected'], 'the employer: the next step or a rejection');
    t.same(
      (await ctx.stack.api.get(`/api/v1/applications/${rejected}`, ctx.yixing)).body.allowedMoves,
      ['withdrawn'],
      'the officer: only a withdrawal',
    );
    const atInterview = await moveTo(rejected, ['screening', 'interview'], employer);
    t.equal(atInterview.body.contactVisible, true);
    t.same(atInterview.body.allowedMoves, ['offered', 'rejected']);
    const r1 = await ctx.stack.api.patch(`/api/v1/applications/${rejected}`, { status: 'rejected' }, employer);
    t.equal(r1.status, 200);
    t.equal(r1.body.contactVisible, false, 'rejected after interview: contact masked again');
    t.same(r1.body.allowedMoves, [], 'a closed application offers no move');

    const withdrawn = await refer();
    await moveTo(withdrawn, ['screening', 'interview'], employer);
    const w1 = await ctx.stack.api.patch(`/api/v1/applications/${withdrawn}`, { status: 'withdrawn' }, ctx.yixing);
    t.equal(w1.status, 200);
    t.equal(
      (await ctx.stack.api.get(`/api/v1/applications/${withdrawn}`, employer)).body.contactVisible,
      false,
      'withdrawn after interview: contact masked again',
    );
    for (const id of [rejected, withdrawn]) {
      const [announced] = await query<{ visible: boolean }>(
        ctx.stack,
        `SELECT (payload->'data'->'application'->'contactVisible')::boolean AS visible FROM placement.outbox
         WHERE payload->>'type' = 'application.status-changed' AND payload->>'subject' = $1 ORDER BY id DESC LIMIT 1`,
        [id],
      );
      t.equal(announced?.visible, false, 'the event of the last move says the contact is masked again');
    }

    const open = await refer();
    t.equal((await moveTo(open, ['screening', 'interview'], employer)).body.contactVisible, true);
    const before = await ctx.stack.api.get(`/api/v1/applications/${open}`, employer);

    await ctx.bus.publish('employer.suspended', employerId, {
      employer: employerSnapshot(employerId, 'suspended', 2),
      reason: '拖欠工资',
    });
    await waitFor('suspension', async () => {
      const rows = await query<{ status: string }>(ctx.stack, `SELECT status FROM placement.employers WHERE id = $1`, [
        employerId,
      ]);
      return rows[0]?.status === 'suspended';
    });

    const seen = await ctx.stack.api.get(`/api/v1/applications/${open}`, employer);
    t.equal(seen.status, 200, 'a suspended employer still reads its applications');
    t.equal(seen.body.contactVisible, false, 'but nobody unmasked');
    t.same(seen.body.allowedMoves, [], 'and a suspended employer is offered no move');
    const listed = await ctx.stack.api.get('/api/v1/applications', employer);
    t.ok(listed.body.items.length >= 3);
    t.ok(
      listed.body.items.every((a: { contactVisible: boolean }) => a.contactVisible === false),
      'nobody unmasked in the list either',
    );
    t.equal(
      (await ctx.stack.api.get(`/api/v1/applications/${open}`, ctx.yixing)).body.contactVisible,
      false,
      'the flag says what the employer may see, whoever reads it',
    );

    const moved = await ctx.stack.api.patch(`/api/v1/applications/${open}`, { status: 'offered' }, employer);
    t.equal(moved.status, 403, JSON.stringify(moved.body));
    t.equal(moved.body.code, 'EMPLOYER_SUSPENDED');
    const rejectedBySuspended = await ctx.stack.api.patch(
      `/api/v1/applications/${open}`,
      { status: 'rejected' },
      employer,
    );
    t.equal(rejectedBySuspended.status, 403);
    t.equal(rejectedBySuspended.body.code, 'EMPLOYER_SUSPENDED');
    const after = await ctx.stack.api.get(`/api/v1/applications/${open}`, ctx.admin);
    t.equal(after.body.status, 'interview', 'nothing moved');
    t.equal(after.body.history.length, before.body.history.length, 'nothing recorded');

    t.equal(
      (await ctx.stack.api.patch(`/api/v1/applications/${open}`, { status: 'withdrawn' }, ctx.yixing)).status,
      200,
      'the officer still withdraws the worker',
    );

    // Verified again: the employer moves its applicants and sees them at interview as before.
    await ctx.bus.publish('employer.verified', employerId, { employer: employerSnapshot(employerId, 'verified', 3) });
    await waitFor('reinstatement', async () => {
      const rows = await query<{ status: string }>(ctx.stack, `SELECT status FROM placement.employers WHERE id = $1`, [
        employerId,
      ]);
      return rows[0]?.status === 'verified';
    });
    const again = await refer();
    t.equal((await moveTo(again, ['screening', 'interview'], employer)).body.contactVisible, true);
  },
);

t.test('records follow the worker to their new village', async (t) => {
  const { employerId, token: employer } = await newEmployer('employer.scope');
  const { worker, opening } = await given(employerId);
  const a = await ctx.stack.api.post(
    '/api/v1/applications',
    { openingId: opening.id, workerId: worker.id },
    ctx.yixing,
  );
  t.equal(a.status, 201, JSON.stringify(a.body));
  await moveTo(a.body.id, ['screening', 'interview', 'offered'], employer);
  const hired = await ctx.stack.api.patch(
    `/api/v1/applications/${a.body.id}`,
    { status: 'hired', startDate: daysAgo(5), agreedWage: 6500 },
    employer,
  );
  t.equal(hired.status, 200, JSON.stringify(hired.body));
  const placementId = hired.body.placementId as string;
  const subsidies = await ctx.stack.api.get(`/api/v1/subsidies?placementId=${placementId}`, ctx.yixing);
  t.equal(subsidies.body.items.length, 1, 'a transport subsidy for the old village');
  const subsidyId = subsidies.body.items[0].id as string;
  // A second, still open application of the same worker.
  const other = openingSnapshot(employerId);
  await ctx.bus.publish('opening.published', other.id, { opening: other });
  await waitFor(
    'second opening',
    async () => (await query(ctx.stack, `SELECT 1 FROM placement.openings WHERE id = $1`, [other.id])).length > 0,
  );
  const open = await ctx.stack.api.post(
    '/api/v1/applications',
    { openingId: other.id, workerId: worker.id },
    ctx.yixing,
  );
  t.equal(open.status, 201);

  t.equal((await ctx.stack.api.get(`/api/v1/applications/${a.body.id}`, ctx.songyan)).status, 404, 'not yet songyan’s');

  // The worker moves from 义兴镇恋思村 to 松烟镇白仁村.
  const moved = { ...worker, homeVillageCode: '140723102201', townshipCode: '140723102', version: 2 };
  moved.updatedAt = new Date().toISOString();
  await ctx.bus.publish('worker.updated', worker.id, { worker: moved, changed: ['homeVillageCode'] });
  // A late redelivery of the old snapshot changes nothing.
  await ctx.bus.publish('worker.registered', worker.id, { worker });
  await waitFor('the move', async () => {
    const rows = await query<{ v: string }>(
      ctx.stack,
      `SELECT home_village_code AS v FROM placement.workers WHERE id = $1`,
      [worker.id],
    );
    return rows[0]?.v === '140723102201';
  });
  // Let the redelivered snapshot through as well.
  await new Promise((r) => setTimeout(r, 500));

  for (const [path, what] of [
    [`/api/v1/applications/${a.body.id}`, 'hired application'],
    [`/api/v1/applications/${open.body.id}`, 'open application'],
    [`/api/v1/placements/${placementId}`, 'placement'],
  ] as const) {
    const mine = await ctx.stack.api.get(path, ctx.songyan);
    t.equal(mine.status, 200, `songyan reads the ${what}`);
    t.equal(mine.body.homeVillageCode, '140723102201', `the ${what} shows the current village`);
    t.equal((await ctx.stack.api.get(path, ctx.yixing)).status, 404, `yixing no longer reads the ${what}`);
  }

  const lists = async (token: string) => ({
    applications: (await ctx.stack.api.get(`/api/v1/applications?workerId=${worker.id}`, token)).body.items.map(
      (x: { id: string }) => x.id,
    ),
    placements: (await ctx.stack.api.get(`/api/v1/placements?workerId=${worker.id}`, token)).body.items.map(
      (x: { id: string }) => x.id,
    ),
    subsidies: (await ctx.stack.api.get(`/api/v1/subsidies?workerId=${worker.id}`, token)).body.items.map(
      (x: { id: string }) => x.id,
    ),
  });
  t.same(
    await lists(ctx.songyan),
    { applications: [a.body.id, open.body.id], placements: [placementId], subsidies: [subsidyId] },
    'songyan lists them',
  );
  t.same(await lists(ctx.yixing), { applications: [], placements: [], subsidies: [] }, 'yixing no longer lists them');

  const withdraw = await ctx.stack.api.patch(
    `/api/v1/applications/${open.body.id}`,
    { status: 'withdrawn' },
    ctx.yixing,
  );
  t.equal(withdraw.status, 404, 'yixing can no longer move it');
  const follow = await ctx.stack.api.post(
    `/api/v1/placements/${placementId}/separation`,
    { reason: 'left_job' },
    ctx.yixing,
  );
  t.equal(follow.status, 404, 'nor record on the placement');
  t.equal(
    (await ctx.stack.api.patch(`/api/v1/applications/${open.body.id}`, { status: 'withdrawn' }, ctx.songyan)).status,
    200,
    'songyan moves it',
  );
  const [event] = await query<{ v: string }>(
    ctx.stack,
    `SELECT payload->'data'->'application'->>'homeVillageCode' AS v FROM placement.outbox
     WHERE payload->>'type' = 'application.status-changed' AND payload->>'subject' = $1 ORDER BY id DESC LIMIT 1`,
    [open.body.id],
  );
  t.equal(event?.v, '140723102201', 'events announce the current village');
});
