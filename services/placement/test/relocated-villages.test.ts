import { randomUUID } from 'node:crypto';
import { childrenOf } from '@tongxin/regions';
import { describeEnvironment, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { daysAgo, openingSnapshot, placementWorld, query, waitFor, workerSnapshot } from './support.ts';

const employerId = randomUUID();

// Two villages of 义兴镇 (officer.yixing's township) and one of 松烟镇 (officer.songyan's).
const LIANSI = '140723100236';
const OTHER = childrenOf('140723100').find((v) => v.code !== LIANSI)!.code;
const SONGYAN = childrenOf('140723102')[0]!.code;

const ctx = placementWorld(t, { username: 'employer.relocation', employerId });

const put = (code: string, body: unknown, token = ctx.admin, headers: Record<string, string> = {}) =>
  ctx.stack.api.request('PUT', `/api/v1/relocated-villages/${code}`, { token, body, headers });
const designate = (code: string, body: unknown, token = ctx.admin, headers?: Record<string, string>) =>
  ctx.stack.api.post(`/api/v1/relocated-villages/${code}/openings`, body, token, headers);

const eventCount = async (type: string): Promise<number> =>
  (
    await query<{ n: number }>(
      ctx.stack,
      `SELECT count(*)::int AS n FROM placement.outbox WHERE payload->>'type' = $1`,
      [type],
    )
  )[0]!.n;

async function publishOpening(headcount: number) {
  const o = openingSnapshot(employerId, { headcount });
  await ctx.bus.publish('opening.published', o.id, { opening: o });
  await waitFor('opening', async () => {
    const rows = await query(ctx.stack, `SELECT 1 FROM placement.opening_hires WHERE opening_id = $1`, [o.id]);
    return rows.length === 1;
  });
  return o;
}

/** A worker of `village` announced, referred to the opening and hired on it by an administrator. */
async function hire(openingId: string, village: string, worker: Record<string, unknown> = {}) {
  const w = workerSnapshot({ homeVillageCode: village, townshipCode: village.slice(0, 9), ...worker });
  await ctx.bus.publish('worker.registered', w.id, { worker: w });
  await waitFor(
    'worker',
    async () => (await query(ctx.stack, `SELECT 1 FROM placement.workers WHERE id = $1`, [w.id])).length === 1,
  );
  const a = await ctx.stack.api.post('/api/v1/applications', { openingId, workerId: w.id }, ctx.admin);
  if (a.status !== 201) throw new Error(JSON.stringify(a.body));
  for (const status of ['screening', 'interview', 'offered']) {
    const r = await ctx.stack.api.patch(`/api/v1/applications/${a.body.id}`, { status }, ctx.admin);
    if (r.status !== 200) throw new Error(JSON.stringify(r.body));
  }
  const done = await ctx.stack.api.patch(
    `/api/v1/applications/${a.body.id}`,
    { status: 'hired', startDate: daysAgo(1), agreedWage: 5000 },
    ctx.admin,
  );
  if (done.status !== 200) throw new Error(JSON.stringify(done.body));
  return done.body.placementId as string;
}

t.test(
  `reserved places of relocated villages: quota, offered, filled, vacant (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const marked = await put(LIANSI, { quota: 3, sites: ['义兴镇移民新村'] });
    t.equal(marked.status, 200, JSON.stringify(marked.body));
    t.match(marked.body, {
      villageCode: LIANSI,
      villageName: '恋思村',
      townshipCode: '140723100',
      sites: ['义兴镇移民新村'],
      quota: 3,
      offered: 0,
      filled: 0,
      vacant: 3,
      version: 1,
    });
    t.equal((await put(OTHER, { quota: 2 })).status, 200);
    t.equal((await put(SONGYAN, { quota: 1 })).status, 200);

    const bad = await put('140723999999', { quota: 1 });
    t.equal(bad.status, 400, 'not a village of the county');
    t.equal(bad.body.errors[0].field, 'villageCode');
    t.equal((await put(LIANSI, { quota: -1 })).status, 400, 'a negative quota is refused by the schema');

    // One opening of 5 places, designated for two villages (3 + 2).
    const opening = await publishOpening(5);
    t.equal((await designate(LIANSI, { openingId: opening.id, places: 3 })).status, 200);
    t.equal((await designate(OTHER, { openingId: opening.id, places: 2 })).status, 200);
    const over = await designate(OTHER, { openingId: opening.id, places: 3 });
    t.equal(over.status, 409, 'designated places never exceed the positions');
    t.match(over.body, {
      code: 'PLACEMENT_DESIGNATION_EXCEEDS_POSITIONS',
      errors: [{ field: 'places' }],
      headcount: 5,
      designatedElsewhere: 3,
    });
    t.equal((await designate(LIANSI, { openingId: randomUUID(), places: 1 })).status, 404, 'unknown opening');

    // Counted: two poor workers of 恋思村 and one relocated worker of the other village.
    // Not counted: a worker of 恋思村 neither registered-poor nor relocated.
    await hire(opening.id, LIANSI);
    await hire(opening.id, LIANSI, { householdStatus: 'monitored', relocated: true });
    await hire(opening.id, LIANSI, { householdStatus: 'none', relocated: false });
    await hire(opening.id, OTHER, { householdStatus: 'none', relocated: true });

    const liansi = await ctx.stack.api.get(`/api/v1/relocated-villages/${LIANSI}`, ctx.admin);
    t.equal(liansi.status, 200);
    t.match(liansi.body, { quota: 3, offered: 3, filled: 2, vacant: 1, openPlaces: 1 });
    t.match(liansi.body.openings, [{ openingId: opening.id, places: 3, filled: 2, title: '电焊工', headcount: 5 }]);
    const other = await ctx.stack.api.get(`/api/v1/relocated-villages/${OTHER}`, ctx.admin);
    t.match(other.body, { quota: 2, offered: 2, filled: 1, vacant: 1, openPlaces: 1 });

    // A quota below the places filled is refused, naming the field, and nothing is written.
    const before = await eventCount('relocated-village.updated');
    const low = await put(LIANSI, { quota: 1 });
    t.equal(low.status, 409);
    t.match(low.body, { code: 'PLACEMENT_QUOTA_BELOW_FILLED', errors: [{ field: 'quota' }], filled: 2 });
    t.equal(
      (await ctx.stack.api.get(`/api/v1/relocated-villages/${LIANSI}`, ctx.admin)).body.quota,
      3,
      'quota unchanged',
    );
    t.equal(await eventCount('relocated-village.updated'), before, 'no event');
    t.equal((await put(LIANSI, { quota: 2 })).status, 200, 'a quota equal to the places filled is accepted');

    // Retries change nothing.
    const updatedBefore = await eventCount('relocated-village.updated');
    const key = randomUUID();
    const first = await put(LIANSI, { quota: 6, sites: ['义兴镇移民新村', '县城安置小区'] }, ctx.admin, {
      'idempotency-key': key,
    });
    const retry = await put(LIANSI, { quota: 6, sites: ['义兴镇移民新村', '县城安置小区'] }, ctx.admin, {
      'idempotency-key': key,
    });
    t.equal(first.status, 200);
    t.same(retry.body, first.body, 'the retry answers the same');
    t.equal(first.body.version, 3, 'marked, quota 2, quota 6: the retry wrote nothing');
    const unchanged = await put(LIANSI, { quota: 6 });
    t.equal(await eventCount('relocated-village.updated'), updatedBefore + 1, 'one event for the change and its retry');
    t.equal(unchanged.body.version, 3, 'the same quota and sites again write nothing');
    const designatedBefore = await eventCount('relocated-village.opening-designated');
    const dKey = randomUUID();
    await designate(LIANSI, { openingId: opening.id, places: 2 }, ctx.admin, { 'idempotency-key': dKey });
    const dRetry = await designate(LIANSI, { openingId: opening.id, places: 2 }, ctx.admin, {
      'idempotency-key': dKey,
    });
    t.equal(dRetry.status, 200);
    t.equal(dRetry.body.offered, 2);
    t.equal(await eventCount('relocated-village.opening-designated'), designatedBefore + 1, 'one event for the retry');

    // Officers see their villages only; they and employers change nothing.
    const mine = await ctx.stack.api.get('/api/v1/relocated-villages', ctx.yixing);
    t.same(
      mine.body.items.map((v: { villageCode: string }) => v.villageCode),
      [LIANSI, OTHER].sort(),
    );
    t.match(
      mine.body.items.find((v: { villageCode: string }) => v.villageCode === LIANSI),
      { filled: 2, openings: [{ openingId: opening.id, places: 2, filled: 2 }] },
      'the list carries the designated openings of each village',
    );
    t.equal(
      (await ctx.stack.api.get(`/api/v1/relocated-villages/${LIANSI}`, ctx.songyan)).status,
      404,
      'outside the scope',
    );
    t.same(
      (await ctx.stack.api.get('/api/v1/relocated-villages', ctx.songyan)).body.items.map(
        (v: { villageCode: string }) => v.villageCode,
      ),
      [SONGYAN],
    );
    t.equal((await put(LIANSI, { quota: 9 }, ctx.yixing)).status, 403, 'officers do not set quotas');
    t.equal((await designate(LIANSI, { openingId: opening.id, places: 1 }, ctx.yixing)).status, 403);
    t.equal(
      (await ctx.stack.api.get('/api/v1/relocated-villages', ctx.employer)).status,
      403,
      'employers see no figures',
    );

    // Paging by village code.
    const page1 = await ctx.stack.api.get('/api/v1/relocated-villages?limit=2', ctx.admin);
    t.equal(page1.body.items.length, 2);
    const page2 = await ctx.stack.api.get(
      `/api/v1/relocated-villages?limit=2&cursor=${page1.body.nextCursor}`,
      ctx.admin,
    );
    t.same(
      [...page1.body.items, ...page2.body.items].map((v: { villageCode: string }) => v.villageCode),
      [LIANSI, OTHER, SONGYAN].sort(),
    );
    t.equal((await ctx.stack.api.get('/api/v1/relocated-villages?township=140723102', ctx.admin)).body.items.length, 1);

    // The dashboard: county totals for administrators, their villages for officers.
    const county = await ctx.stack.api.get('/api/v1/dashboard', ctx.admin);
    t.match(county.body.reservedPlaces, { villages: 3, quota: 9, offered: 4, filled: 3, vacant: 6 });
    t.equal(county.body.reservedPlaces.byVillage.length, 3);
    const scoped = await ctx.stack.api.get('/api/v1/dashboard', ctx.songyan);
    t.match(scoped.body.reservedPlaces, { villages: 1, quota: 1, offered: 0, filled: 0, vacant: 1 });

    // Withdrawing a designation takes its places out of the figures.
    const released = await ctx.stack.api.request(
      'DELETE',
      `/api/v1/relocated-villages/${OTHER}/openings/${opening.id}`,
      {
        token: ctx.admin,
      },
    );
    t.equal(released.status, 200);
    t.match(released.body, { offered: 0, filled: 0, vacant: 2, openings: [] });
    const again = await ctx.stack.api.request('DELETE', `/api/v1/relocated-villages/${OTHER}/openings/${opening.id}`, {
      token: ctx.admin,
    });
    t.equal(again.status, 404);

    for (const type of [
      'relocated-village.marked',
      'relocated-village.updated',
      'relocated-village.opening-designated',
      'relocated-village.opening-released',
    ]) {
      t.ok((await eventCount(type)) > 0, `${type} emitted`);
    }
    const marks = await query<{ data: { village: { villageCode: string; quota: number } } }>(
      ctx.stack,
      `SELECT payload->'data' AS data FROM placement.outbox WHERE payload->>'type' = 'relocated-village.marked' ORDER BY id`,
    );
    t.same(
      marks.map((m) => [m.data.village.villageCode, m.data.village.quota]),
      [
        [LIANSI, 3],
        [OTHER, 2],
        [SONGYAN, 1],
      ],
    );
  },
);

t.test('two designations racing for the last positions of an opening: exactly one wins', async (t) => {
  const [a, b] = childrenOf('140723102')
    .slice(1, 3)
    .map((v) => v.code);
  t.equal((await put(a!, { quota: 2 })).status, 200);
  t.equal((await put(b!, { quota: 2 })).status, 200);
  const opening = await publishOpening(3);
  const answers = await Promise.all([
    designate(a!, { openingId: opening.id, places: 2 }),
    designate(b!, { openingId: opening.id, places: 2 }),
  ]);
  t.same(answers.map((r) => r.status).sort(), [200, 409]);
  const rows = await query<{ n: number }>(
    ctx.stack,
    `SELECT COALESCE(sum(places), 0)::int AS n FROM placement.reserved_places WHERE opening_id = $1`,
    [opening.id],
  );
  t.equal(rows[0]!.n, 2, 'never more places designated than the opening has');
});
