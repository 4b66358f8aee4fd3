import { makeIdNumber } from '@tongxin/cn-codes';
import { type Stack, eventually, startStack } from '@tongxin/test-harness';
import t from 'tap';

/**
 * The officer's one worklist through the gateway (ADR 0016): the gateway gathers placement's and
 * worker-profile's parts with the caller's token, merges them, and says which parts answered; a
 * part that is down leaves the rest of the list standing.
 */
let stack: Stack;
let admin: string;
let yixing: string;
let songyan: string;

const PLACEMENT_KINDS = ['follow-up-due', 'follow-up-overdue', 'rights-case', 'not-contacted', 'subsidy-waiting'];
let seq = 300 + Math.floor(Math.random() * 300);

async function register(name: string, homeVillageCode: string, householdNo: string): Promise<string> {
  const s = seq++;
  const r = await stack.api.post(
    '/api/v1/workers',
    {
      name,
      gender: s % 2 ? 'male' : 'female',
      birthDate: '1986-03-09',
      idNumber: makeIdNumber({ regionCode: '140723', birthDate: '1986-03-09', sequence: s }),
      phone: `139${String(10_000_000 + s).slice(0, 8)}`,
      homeVillageCode,
      householdNo,
      householdSize: 3,
      householdStatus: 'registered_poor',
      relocated: false,
      skills: [{ code: 'con.welder', level: 2, years: 3 }],
      tierPreferences: ['in_province'],
      employmentStatus: 'seeking',
      consent: { version: '2026-1', at: '2026-11-01T08:00:00Z' },
    },
    homeVillageCode.startsWith('140723100') ? yixing : songyan,
  );
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body.id as string;
}

interface Merged {
  items: { kind: string; id: string; village?: string; workerId?: string; overdue: boolean; dueDate?: string }[];
  counts: Record<string, number>;
  parts: { placement: string; registry: string };
}

async function worklist(token: string, query = ''): Promise<Merged> {
  const r = await stack.api.get(`/api/v1/worklist${query}`, token);
  if (r.status !== 200) throw new Error(`${r.status} ${JSON.stringify(r.body)}`);
  return r.body as Merged;
}

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'placement'] });
  [admin, yixing, songyan] = await Promise.all([
    stack.login('admin'),
    stack.login('officer.yixing'),
    stack.login('officer.songyan'),
  ]);
});
t.teardown(() => stack?.stop());

t.test('the merged worklist: both parts asked with the caller’s token, each scoped by its service', async (t) => {
  const householdNo = `WL-${seq}`;
  const first = await register('王一', '140723100236', householdNo);
  await register('王二', '140723100236', householdNo);
  await register('李三', '140723102201', `WL-${seq}-b`);

  // All three workers known to placement (two townships) before any officer's figures are compared.
  await eventually('placement heard of the registered workers', async () => {
    const w = await worklist(admin);
    return w.counts['not-contacted'] === 2 ? w : undefined;
  });
  const mine = await worklist(yixing);
  t.equal(mine.parts.placement, 'ok');
  // worker-profile's part (registration requests, import errors) lands separately; until then it is reported missing.
  t.ok(['ok', 'unavailable'].includes(mine.parts.registry), `registry part: ${mine.parts.registry}`);
  for (const kind of PLACEMENT_KINDS) t.type(mine.counts[kind], 'number', `${kind} counted`);
  t.match(
    mine.items.find((i) => i.kind === 'not-contacted'),
    { id: householdNo, village: '140723100236' },
    'placement’s item, one per household',
  );
  t.ok(mine.items.some((i) => i.workerId === first || i.id === householdNo));
  t.notOk(
    mine.items.some((i) => i.village && !i.village.startsWith('140723100')),
    'nothing of another township in the officer’s list',
  );
  const sorted = [...mine.items].sort((a, b) =>
    a.overdue !== b.overdue ? (a.overdue ? -1 : 1) : (a.dueDate ?? '9999') < (b.dueDate ?? '9999') ? -1 : 0,
  );
  t.same(
    mine.items.map((i) => i.overdue),
    sorted.map((i) => i.overdue),
    'overdue first',
  );

  const theirs = await worklist(songyan);
  t.equal(theirs.counts['not-contacted'], 1, '松烟镇’s officer: their own household only');
  const all = await worklist(admin);
  t.equal(all.counts['not-contacted'], 2, 'the administrator: the county');
  const direct = await stack.api.get('/api/v1/worklist/placement', yixing);
  t.equal(direct.status, 200, 'placement’s part is routed through the gateway too');
  for (const kind of PLACEMENT_KINDS) t.equal(mine.counts[kind], direct.body.counts[kind], `${kind}: the part’s count`);

  const countsOnly = await worklist(yixing, '?limit=0');
  t.same(countsOnly.items, [], 'limit=0 passed to the parts: counts only');
  t.equal(countsOnly.counts['not-contacted'], 1);
});

t.test('only officers and administrators; the query is checked', async (t) => {
  const workerId = await register('赵四', '140723100236', `WL-${seq}-c`);
  const created = await stack.api.post(
    '/api/v1/accounts',
    { username: 'worker.wl', password: 'worklist-pass-1', role: 'worker', displayName: '赵四', workerId },
    admin,
  );
  t.equal(created.status, 201, JSON.stringify(created.body));
  const worker = await stack.login('worker.wl', 'worklist-pass-1');
  t.equal((await stack.api.get('/api/v1/worklist', worker)).status, 403);
  t.equal((await stack.api.get('/api/v1/worklist')).status, 401);
  const bad = await stack.api.get('/api/v1/worklist?limit=201', yixing);
  t.equal(bad.status, 400);
  t.match(bad.body, { errors: [{ field: /limit/ }] });
});

// Last: it stops placement.
t.test('a part that is down is reported, and the rest of the list still answers', async (t) => {
  await stack.services.placement!.close();
  const r = await stack.api.get('/api/v1/worklist', yixing);
  t.equal(r.status, 200, 'the list does not fail with one service down');
  t.equal(r.body.parts.placement, 'unavailable');
  for (const kind of PLACEMENT_KINDS) t.notOk(kind in r.body.counts, `no ${kind} count pretending to be zero`);
  t.notOk(
    r.body.items.some((i: { kind: string }) => PLACEMENT_KINDS.includes(i.kind)),
    'no placement items',
  );
});
