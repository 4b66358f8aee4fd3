import { randomUUID } from 'node:crypto';
import { TOPICS } from '@tongxin/events';
import { type Stack, describeEnvironment, startStack, testEnvironment } from '@tongxin/test-harness';
import pg from 'pg';
import t from 'tap';
import { type TestBus, eventually, testBus } from './helpers/bus.ts';
import { day, employerInput, openingInput } from './helpers/fixtures.ts';

let stack: Stack;
let admin: string;
let bus: TestBus;
let db: pg.Client;

t.before(async () => {
  // A fast sweep, so that closing by date is seen within the test.
  stack = await startStack({ services: ['employer'], settings: { CLOSING_SWEEP_INTERVAL_MS: '200' } });
  admin = await stack.login('admin');
  bus = await testBus(stack, [TOPICS.employer, TOPICS.opening]);
  db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
});
t.teardown(async () => {
  await db.end();
  await bus.close();
  await stack.stop();
});

const placement = (opening: { id: string; employerId: string; tier: string }, id = randomUUID()) => ({
  id,
  applicationId: randomUUID(),
  workerId: randomUUID(),
  openingId: opening.id,
  employerId: opening.employerId,
  homeVillageCode: '140723100236',
  startDate: day(10),
  agreedWage: 6500,
  tier: opening.tier,
  status: 'active',
  hiredAt: new Date().toISOString(),
});
const hire = (p: ReturnType<typeof placement>) =>
  bus.publish('placement.hired', '/tongxin/placement', p.id, { placement: p });
const separate = (p: ReturnType<typeof placement>) =>
  bus.publish('placement.separated', '/tongxin/placement', p.id, {
    placement: { ...p, status: 'separated' },
    reason: '合同期满前离职',
    separatedAt: new Date().toISOString(),
  });
const openingOf = async (id: string) => (await stack.api.get(`/api/v1/openings/${id}`, admin)).body;
const ofOpening = (id: string, version?: number) => (d: any) =>
  d.opening.id === id && (version === undefined || d.opening.version === version);

t.test(`employer events reach a consumer (${describeEnvironment(testEnvironment())})`, async (t) => {
  const created = (await stack.api.post('/api/v1/employers', employerInput({ name: '和顺县事件测试公司' }), admin))
    .body;
  const registered = await bus.waitFor('employer.registered', (d) => d.employer.id === created.id);
  t.match(registered.data, {
    employer: { id: created.id, name: '和顺县事件测试公司', status: 'pending', tier: 'in_county', version: 1 },
    registeredBy: String,
  });
  t.equal(registered.subject, created.id, 'keyed by the employer');
  t.notOk(JSON.stringify(registered.data).includes('13935400001'), 'no contact phone in events');

  await stack.api.patch(`/api/v1/employers/${created.id}`, { industry: 'manufacturing' }, admin);
  const updated = await bus.waitFor('employer.updated', (d) => d.employer.id === created.id);
  t.same(updated.data.changed, ['industry']);
  await stack.api.post(`/api/v1/employers/${created.id}/verify`, undefined, admin);
  t.equal(
    (await bus.waitFor('employer.verified', (d) => d.employer.id === created.id)).data.employer.status,
    'verified',
  );
  await stack.api.post(`/api/v1/employers/${created.id}/suspend`, { reason: '测试' }, admin);
  const suspended = await bus.waitFor('employer.suspended', (d) => d.employer.id === created.id);
  t.match(suspended.data, { employer: { status: 'suspended' }, reason: '测试' });
});

t.test('opening events carry the whole snapshot, with the employer’s name and verification', async (t) => {
  const e = (
    await stack.api.post(
      '/api/v1/employers',
      employerInput({ name: '晋中开发区物流有限公司', regionCode: '140702' }),
      admin,
    )
  ).body;
  await stack.api.post(`/api/v1/employers/${e.id}/verify`, undefined, admin);
  const draft = (
    await stack.api.post(
      '/api/v1/openings',
      openingInput(e.id, { worksiteRegionCode: '140702', occupationCode: 'tra.forklift', requiredSkills: [] }),
      admin,
    )
  ).body;
  await stack.api.patch(`/api/v1/openings/${draft.id}`, { status: 'open' }, admin);
  const published = await bus.waitFor('opening.published', ofOpening(draft.id));
  t.match(published.data.opening, {
    id: draft.id,
    employerId: e.id,
    employerName: '晋中开发区物流有限公司',
    employerVerified: true,
    occupationCode: 'tra.forklift',
    category: 'transport',
    tier: 'in_province',
    status: 'open',
    filledCount: 0,
    benefits: { housing: true, meals: true, socialInsurance: true },
  });
  t.ok(published.data.opening.publishedAt);
  t.notOk(
    bus.seen.some(
      (x) =>
        x.type.startsWith('opening.') &&
        (x.data as any).opening.id === draft.id &&
        (x.data as any).opening.status === 'draft',
    ),
    'drafts are not announced',
  );

  await stack.api.patch(`/api/v1/openings/${draft.id}`, { wageMax: 8800 }, admin);
  t.equal((await bus.waitFor('opening.updated', ofOpening(draft.id))).data.opening.wageMax, 8800);
  await stack.api.patch(`/api/v1/openings/${draft.id}`, { status: 'paused' }, admin);
  await bus.waitFor('opening.paused', ofOpening(draft.id));
  await stack.api.patch(`/api/v1/employers/${e.id}`, { name: '晋中开发区智慧物流有限公司' }, admin);
  const renamed = await bus.waitFor(
    'opening.updated',
    (d) => d.opening.id === draft.id && d.opening.employerName === '晋中开发区智慧物流有限公司',
  );
  t.equal(renamed.data.opening.status, 'paused', 'a rename re-announces the opening with the new name');
  await stack.api.patch(`/api/v1/openings/${draft.id}`, { status: 'closed' }, admin);
  t.equal((await bus.waitFor('opening.closed', ofOpening(draft.id))).data.opening.status, 'closed');
});

t.test('suspension pauses and verification resumes, announced per opening', async (t) => {
  const e = (await stack.api.post('/api/v1/employers', employerInput(), admin)).body;
  await stack.api.post(`/api/v1/employers/${e.id}/verify`, undefined, admin);
  const o = (await stack.api.post('/api/v1/openings', openingInput(e.id, { status: 'open' }), admin)).body;
  await stack.api.post(`/api/v1/employers/${e.id}/suspend`, { reason: '核查中' }, admin);
  const paused = await bus.waitFor('opening.paused', ofOpening(o.id));
  t.match(paused.data.opening, { status: 'paused', employerVerified: false });
  await stack.api.post(`/api/v1/employers/${e.id}/verify`, undefined, admin);
  const resumed = await bus.waitFor(
    'opening.published',
    (d) => d.opening.id === o.id && d.opening.version > paused.data.opening.version,
  );
  t.match(resumed.data.opening, { status: 'open', employerVerified: true });
});

t.test('hires fill an opening, a separation reopens it, and intents follow', async (t) => {
  const e = (
    await stack.api.post(
      '/api/v1/employers',
      employerInput({ name: '苏州工业园区精密制造有限公司', regionCode: '320505', industry: 'manufacturing' }),
      admin,
    )
  ).body;
  await stack.api.post(`/api/v1/employers/${e.id}/verify`, undefined, admin);
  const o = (
    await stack.api.post(
      '/api/v1/openings',
      openingInput(e.id, {
        status: 'open',
        headcount: 2,
        worksiteRegionCode: '320505',
        occupationCode: 'mfg.operator',
        requiredSkills: [],
      }),
      admin,
    )
  ).body;
  t.equal(o.tier, 'out_of_province');
  const other = (await stack.api.post('/api/v1/openings', openingInput(e.id, { status: 'open', headcount: 5 }), admin))
    .body;

  const intent = await stack.api.post(
    '/api/v1/recruitment-intents',
    { employerId: e.id, committed: 3, deadline: day(60), openingIds: [o.id], note: '2027年春季招工' },
    admin,
  );
  t.equal(intent.status, 201, JSON.stringify(intent.body));
  t.match(intent.body, { committed: 3, hired: 0, status: 'active', openingIds: [o.id], employerName: e.name });
  const recorded = await bus.waitFor('recruitment-intent.recorded', (d) => d.intent.id === intent.body.id);
  t.match(recorded.data.intent, { employerId: e.id, committed: 3, hired: 0, deadline: day(60), status: 'active' });

  // Two hires at once, one of them delivered twice, and one more for another opening.
  const p1 = placement(o);
  const p2 = placement(o);
  const [first] = await Promise.all([hire(p1), hire(p2), hire(placement(other))]);
  await bus.publish('placement.hired', '/tongxin/placement', p1.id, { placement: p1 }); // same placement, new event id
  const filled = await bus.waitFor('opening.filled', ofOpening(o.id));
  t.match(filled.data.opening, { filledCount: 2, headcount: 2, status: 'filled' });
  t.ok(first);
  const progress = await eventually(async () => {
    const r = await stack.api.get(`/api/v1/recruitment-intents/${intent.body.id}`, admin);
    return r.body.hired === 2 && r.body;
  }, 'intent progress');
  t.equal(progress.status, 'active', '2 of 3');
  await bus.waitFor('recruitment-intent.updated', (d) => d.intent.id === intent.body.id && d.intent.hired === 2);
  await eventually(async () => (await openingOf(other.id)).filledCount === 1, 'the other opening counted');
  t.equal((await openingOf(o.id)).filledCount, 2, 'the repeated hire counted once');
  t.equal((await stack.api.get(`/api/v1/openings/${o.id}`)).status, 404, 'a filled opening is not public');

  t.equal(
    (await stack.api.patch(`/api/v1/openings/${o.id}`, { status: 'paused' }, admin)).body.code,
    'OPENING_ILLEGAL_TRANSITION',
    'filled → paused refused',
  );

  await separate(p2);
  const reopened = await bus.waitFor(
    'opening.published',
    (d) => d.opening.id === o.id && d.opening.version > filled.data.opening.version,
  );
  t.match(reopened.data.opening, { status: 'open', filledCount: 1 }, 'filled → open after a separation');
  await bus.waitFor('recruitment-intent.updated', (d) => d.intent.id === intent.body.id && d.intent.hired === 1);
  await separate(p2);
  const p3 = placement(o);
  await hire(p3);
  await bus.waitFor(
    'opening.filled',
    (d) => d.opening.id === o.id && d.opening.version > reopened.data.opening.version,
  );
  t.equal((await openingOf(o.id)).filledCount, 2, 'the repeated separation uncounted once');

  // Headcount raised on a filled opening reopens it; then it fills and closes by request.
  const grown = await stack.api.patch(`/api/v1/openings/${o.id}`, { headcount: 3 }, admin);
  t.match(grown.body, { status: 'open', headcount: 3 });
  await hire(placement(o));
  await bus.waitFor('opening.filled', (d) => d.opening.id === o.id && d.opening.filledCount === 3);
  const fulfilled = await bus.waitFor(
    'recruitment-intent.updated',
    (d) => d.intent.id === intent.body.id && d.intent.status === 'fulfilled',
  );
  t.equal(fulfilled.data.intent.hired, 3);
  const closed = await stack.api.patch(`/api/v1/openings/${o.id}`, { status: 'closed' }, admin);
  t.equal(closed.body.status, 'closed', 'filled → closed');
  await bus.waitFor('opening.closed', ofOpening(o.id));

  const list = await stack.api.get(`/api/v1/recruitment-intents?employerId=${e.id}`, admin);
  t.same(
    list.body.items.map((i: { id: string }) => i.id),
    [intent.body.id],
  );
  const changed = await stack.api.patch(`/api/v1/recruitment-intents/${intent.body.id}`, { committed: 10 }, admin);
  t.match(changed.body, { committed: 10, hired: 3, status: 'active' });
  await bus.waitFor('recruitment-intent.updated', (d) => d.intent.id === intent.body.id && d.intent.committed === 10);
});

t.test('recruitment intents: scope and bad input', async (t) => {
  const a = (await stack.api.post('/api/v1/employers', employerInput({ name: '甲' }), admin)).body;
  const b = (await stack.api.post('/api/v1/employers', employerInput({ name: '乙' }), admin)).body;
  await stack.api.post(
    '/api/v1/accounts',
    { username: 'employer.intent', password: 'employer-pass', role: 'employer', displayName: '甲', employerId: a.id },
    admin,
  );
  const token = await stack.login('employer.intent', 'employer-pass');
  const mine = await stack.api.post(
    '/api/v1/recruitment-intents',
    { employerId: a.id, committed: 5, deadline: day(30) },
    token,
  );
  t.equal(mine.status, 201);
  const theirs = await stack.api.post(
    '/api/v1/recruitment-intents',
    { employerId: b.id, committed: 5, deadline: day(30) },
    admin,
  );
  t.equal((await stack.api.get(`/api/v1/recruitment-intents/${theirs.body.id}`, token)).status, 404);
  t.equal(
    (await stack.api.patch(`/api/v1/recruitment-intents/${theirs.body.id}`, { committed: 1 }, token)).status,
    404,
  );
  t.equal(
    (await stack.api.post('/api/v1/recruitment-intents', { employerId: b.id, committed: 5, deadline: day(30) }, token))
      .status,
    403,
  );
  const listed = await stack.api.get('/api/v1/recruitment-intents', token);
  t.same(
    listed.body.items.map((i: { id: string }) => i.id),
    [mine.body.id],
  );
  const bOpening = (await stack.api.post('/api/v1/openings', openingInput(b.id), admin)).body;
  const before = (await db.query('SELECT count(*)::int AS n FROM employer.recruitment_intents')).rows[0].n;
  for (const [what, body, field] of [
    ['past deadline', { employerId: a.id, committed: 5, deadline: day(-1) }, 'deadline'],
    ['nobody committed', { employerId: a.id, committed: 0, deadline: day(30) }, 'committed'],
    [
      'another employer’s opening',
      { employerId: a.id, committed: 5, deadline: day(30), openingIds: [bOpening.id] },
      'openingIds/0',
    ],
    ['unknown field', { employerId: a.id, committed: 5, deadline: day(30), hired: 3 }, 'hired'],
  ] as const) {
    const r = await stack.api.post('/api/v1/recruitment-intents', body, admin);
    t.equal(r.status, 400, what);
    t.ok(
      r.body.errors?.some((x: { field: string }) => x.field === field),
      `${what} names ${field}`,
    );
  }
  t.equal(
    (await db.query('SELECT count(*)::int AS n FROM employer.recruitment_intents')).rows[0].n,
    before,
    'nothing written',
  );
});

t.test('openings past their closing date close by themselves', async (t) => {
  const e = (await stack.api.post('/api/v1/employers', employerInput(), admin)).body;
  await stack.api.post(`/api/v1/employers/${e.id}/verify`, undefined, admin);
  const o = (
    await stack.api.post('/api/v1/openings', openingInput(e.id, { status: 'open', startDate: day(-30) }), admin)
  ).body;
  // Time passing, done to the row: nobody reads the opening, the sweep must close it.
  await db.query('UPDATE employer.openings SET closing_date = $2 WHERE id = $1', [o.id, day(-1)]);
  const closed = await bus.waitFor('opening.closed', ofOpening(o.id));
  t.equal(closed.data.opening.status, 'closed');
  t.equal(
    bus.seen.filter((x) => x.type === 'opening.closed' && (x.data as any).opening.id === o.id).length,
    1,
    'closed once',
  );
});
