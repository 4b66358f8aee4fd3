import { randomUUID } from 'node:crypto';
import t from 'tap';
import { announce as announceAll, daysAgo, openingSnapshot, placementWorld, workerSnapshot } from './support.ts';

const YIXING_VILLAGE = '140723100236';
const SONGYAN_VILLAGE = '140723102201';

interface Item {
  kind: string;
  id: string;
  title: string;
  titleEn: string;
  village?: string;
  workerId?: string;
  householdNo?: string;
  dueDate?: string;
  overdue: boolean;
  link: string;
  action?: { method: string; path: string };
}
interface Worklist {
  items: Item[];
  counts: Record<string, number>;
}

const employerId = randomUUID();

const ctx = placementWorld(t, { username: 'employer.worklist', employerId });

/** Announces workers (and openings) and waits until placement has them all. */
const announce = (workers: Record<string, unknown>[], openings: Record<string, unknown>[] = []) =>
  announceAll(ctx.stack, ctx.bus, workers, openings);

/** A worker of `village` referred by its officer and hired `startedDaysAgo` days ago; the placement's id. */
async function hired(name: string, village: string, startedDaysAgo: number, tier = 'in_province') {
  const worker = workerSnapshot({ name, homeVillageCode: village, townshipCode: village.slice(0, 9) });
  const opening = openingSnapshot(employerId, { tier });
  await announce([worker], [opening]);
  const officer = village === YIXING_VILLAGE ? ctx.yixing : ctx.songyan;
  const a = await ctx.stack.api.post('/api/v1/applications', { openingId: opening.id, workerId: worker.id }, officer);
  if (a.status !== 201) throw new Error(`referral: ${a.status} ${JSON.stringify(a.body)}`);
  for (const status of ['screening', 'interview', 'offered']) {
    await ctx.stack.api.patch(`/api/v1/applications/${a.body.id}`, { status }, ctx.employer);
  }
  const done = await ctx.stack.api.patch(
    `/api/v1/applications/${a.body.id}`,
    { status: 'hired', startDate: daysAgo(startedDaysAgo), agreedWage: 5000 },
    ctx.employer,
  );
  if (done.status !== 200) throw new Error(`hire: ${done.status} ${JSON.stringify(done.body)}`);
  return { workerId: worker.id as string, placementId: done.body.placementId as string };
}

async function followUp(placementId: string, day: number, wagesPaidOnTime: boolean, token = ctx.yixing) {
  const r = await ctx.stack.api.post(
    `/api/v1/placements/${placementId}/follow-ups`,
    { day, stillEmployed: true, wagesPaidOnTime },
    token,
  );
  if (r.status !== 201) throw new Error(`follow-up: ${r.status} ${JSON.stringify(r.body)}`);
}

async function worklist(token: string, query = ''): Promise<Worklist> {
  const r = await ctx.stack.api.get(`/api/v1/worklist/placement${query}`, token);
  if (r.status !== 200) throw new Error(`worklist: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Worklist;
}

const ids = (list: Worklist, kind: string) =>
  list.items
    .filter((i) => i.kind === kind)
    .map((i) => i.id)
    .sort();

t.test("an officer's worklist: their villages' follow-ups, rights cases, households and subsidies", async (t) => {
  // 义兴镇 (恋思村)
  const due30 = await hired('甲一', YIXING_VILLAGE, 31, 'out_of_province'); // 30-day due yesterday; a subsidy
  const late = await hired('甲二', YIXING_VILLAGE, 100); // 30-day overdue, 90-day due 10 days ago (grace 14)
  const soon = await hired('甲三', YIXING_VILLAGE, 25); // 30-day due in 5 days: within the week ahead
  await hired('甲四', YIXING_VILLAGE, 20); // due in 10 days: not yet listed
  const unpaid = await hired('甲五', YIXING_VILLAGE, 40);
  await followUp(unpaid.placementId, 30, false);
  const resolved = await hired('甲六', YIXING_VILLAGE, 100);
  await followUp(resolved.placementId, 30, false);
  await followUp(resolved.placementId, 90, true); // the later follow-up found the wages paid
  const householdNo = `HS-${randomUUID().slice(0, 8)}`;
  const members = [
    workerSnapshot({ name: '甲七', householdNo, homeVillageCode: YIXING_VILLAGE }),
    workerSnapshot({ name: '甲八', householdNo, homeVillageCode: YIXING_VILLAGE, householdStatus: 'none' }),
  ];
  // 松烟镇 (白仁村)
  const other = await hired('乙一', SONGYAN_VILLAGE, 100, 'out_of_province');
  const otherAlone = workerSnapshot({ name: '乙二', homeVillageCode: SONGYAN_VILLAGE, townshipCode: '140723102' });
  await announce([...members, otherAlone]);

  const mine = await worklist(ctx.yixing);
  t.same(
    mine.counts,
    { 'follow-up-due': 3, 'follow-up-overdue': 1, 'rights-case': 1, 'not-contacted': 1, 'subsidy-waiting': 1 },
    'counts of 义兴镇',
  );
  t.same(
    ids(mine, 'follow-up-due'),
    [`${due30.placementId}:30`, `${late.placementId}:90`, `${soon.placementId}:30`].sort(),
  );
  t.same(ids(mine, 'follow-up-overdue'), [`${late.placementId}:30`]);
  t.same(ids(mine, 'rights-case'), [unpaid.placementId], 'the case a later follow-up closed is not listed');
  t.same(ids(mine, 'not-contacted'), [householdNo], 'one item per household');
  t.equal(mine.items.length, 7);
  t.notOk(
    mine.items.some((i) => i.village !== YIXING_VILLAGE || i.workerId === other.workerId),
    'nothing of 松烟镇',
  );

  t.match(mine.items[0], {
    kind: 'follow-up-overdue',
    overdue: true,
    dueDate: daysAgo(70),
    title: /^30天回访已逾期：甲二$/,
    titleEn: 'Overdue 30-day follow-up: 甲二',
    link: `#/workers/${late.workerId}`,
    action: { method: 'POST', path: `/api/v1/placements/${late.placementId}/follow-ups` },
  });
  const dated = mine.items.filter((i) => !i.overdue).map((i) => i.dueDate ?? '9999');
  t.same(dated, [...dated].sort(), 'overdue first, then by due date');
  t.match(
    mine.items.find((i) => i.kind === 'rights-case'),
    { workerId: unpaid.workerId, link: `#/workers/${unpaid.workerId}/services`, title: /工资未按时发放：甲五/ },
  );
  t.match(
    mine.items.find((i) => i.kind === 'not-contacted'),
    {
      householdNo,
      title: /未联系：(甲七、甲八|甲八、甲七)$/,
      link: `#/households/no/${householdNo}`,
      action: { method: 'POST' },
    },
  );
  const subsidy = mine.items.find((i) => i.kind === 'subsidy-waiting')!;
  t.match(subsidy, {
    workerId: due30.workerId,
    title: /^补贴待审批：甲一 .+ ¥500$/,
    link: `#/workers/${due30.workerId}`,
  });
  t.notOk(subsidy.action, 'an officer does not approve subsidies: no action offered');

  const theirs = await worklist(ctx.songyan);
  t.same(theirs.counts, {
    'follow-up-due': 1,
    'follow-up-overdue': 1,
    'rights-case': 0,
    'not-contacted': 1,
    'subsidy-waiting': 1,
  });
  t.notOk(
    theirs.items.some((i) => i.village !== SONGYAN_VILLAGE),
    "the other township's officer sees none of 义兴镇's work",
  );
  t.same(ids(theirs, 'not-contacted'), [otherAlone.id as string], 'a worker without a household number is one');

  const all = await worklist(ctx.admin);
  t.same(all.counts, {
    'follow-up-due': 4,
    'follow-up-overdue': 2,
    'rights-case': 1,
    'not-contacted': 2,
    'subsidy-waiting': 2,
  });
  const approve = all.items.find((i) => i.kind === 'subsidy-waiting' && i.workerId === due30.workerId)!;
  t.match(approve, { link: '#/subsidies', action: { method: 'PATCH', path: `/api/v1/subsidies/${subsidy.id}` } });

  const capped = await worklist(ctx.yixing, '?limit=1');
  t.same(capped.counts, mine.counts, 'counts stay exact when the items are capped');
  t.equal(capped.items.filter((i) => i.kind === 'follow-up-due').length, 1);
  t.equal(capped.items.length, 5);
  const countsOnly = await worklist(ctx.admin, '?limit=0');
  t.same(countsOnly, { items: [], counts: all.counts }, 'limit=0: the counts alone');

  // Doing the work takes it off the list.
  await followUp(due30.placementId, 30, true);
  const approved = await ctx.stack.api.patch(approve.action!.path, { status: 'approved' }, ctx.admin);
  t.equal(approved.status, 200);
  const after = await worklist(ctx.yixing);
  t.equal(after.counts['follow-up-due'], 2, 'a recorded follow-up leaves the list');
  t.match(
    after.items.find((i) => i.kind === 'subsidy-waiting'),
    { title: /^补贴待发放：甲一/, titleEn: /^Subsidy to pay: 甲一/ },
    'an approved subsidy waits for its payment',
  );
  await followUp(unpaid.placementId, 90, true).catch(() => undefined); // not due yet: the case stays open
  t.equal((await worklist(ctx.yixing)).counts['rights-case'], 1);
});

t.test('only officers and administrators have a worklist; the query is checked', async (t) => {
  const worker = workerSnapshot({ homeVillageCode: YIXING_VILLAGE });
  await announce([worker]);
  await ctx.stack.api.post(
    '/api/v1/accounts',
    {
      username: 'worker.worklist',
      password: 'worker-pass-1',
      role: 'worker',
      displayName: '工人',
      workerId: worker.id,
    },
    ctx.admin,
  );
  const workerToken = await ctx.stack.login('worker.worklist', 'worker-pass-1');
  t.equal((await ctx.stack.api.get('/api/v1/worklist/placement', workerToken)).status, 403);
  t.equal((await ctx.stack.api.get('/api/v1/worklist/placement', ctx.employer)).status, 403);
  t.equal((await ctx.stack.api.get('/api/v1/worklist/placement')).status, 401);
  const bad = await ctx.stack.api.get('/api/v1/worklist/placement?limit=500', ctx.yixing);
  t.equal(bad.status, 400);
  t.match(bad.body, { errors: [{ field: /limit/ }] });
  t.equal(
    (await ctx.stack.api.get('/api/v1/worklist/placement?kind=x', ctx.yixing)).status,
    400,
    'unknown parameters refused',
  );
});
