import { makeIdNumber } from '@tongxin/cn-codes';
import { type Stack, describeEnvironment, eventually, startStack, testEnvironment } from '@tongxin/test-harness';
import t from 'tap';
import { verifiedEmployer } from './support/employer.ts';

/**
 * Issue 17, feedback, through the gateway with the real services: a worker applies to one opening and
 * an officer refers them to another; matching hears of both from placement's events and marks them in
 * the worker's matches and searches, and the opening's candidates keep their order.
 */
let stack: Stack;
let admin: string;
let officer: string;
let employer: string;

const VILLAGE = '140723100236'; // 义兴镇恋思村
let seq = 800 + Math.floor(Math.random() * 150);
const inDays = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'employer', 'placement', 'matching'] });
  [admin, officer] = await Promise.all([stack.login('admin'), stack.login('officer.yixing')]);
  employer = await verifiedEmployer(stack, admin, {
    name: '苏州同心焊接有限公司',
    username: 'employer.marks',
    phone: '13951200088',
  });
});
t.teardown(() => stack?.stop());

async function register(name: string, householdStatus: 'none' | 'registered_poor'): Promise<string> {
  const s = seq++;
  const r = await stack.api.post(
    '/api/v1/workers',
    {
      name,
      gender: s % 2 ? 'male' : 'female',
      birthDate: '1988-04-12',
      idNumber: makeIdNumber({ regionCode: '140723', birthDate: '1988-04-12', sequence: s }),
      phone: `137${String(10_000_000 + s).slice(0, 8)}`,
      homeVillageCode: VILLAGE,
      householdStatus,
      relocated: false,
      skills: [{ code: 'con.welder', level: 3, years: 4 }],
      tierPreferences: ['out_of_province'],
      expectedMinWage: 5000,
      employmentStatus: 'seeking',
      consent: { version: '2026-1', at: '2026-11-01T08:00:00Z' },
    },
    officer,
  );
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body.id as string;
}

async function post(title: string): Promise<string> {
  const r = await stack.api.post(
    '/api/v1/openings',
    {
      employerId: (await stack.api.get('/api/v1/auth/me', employer)).body.employerId,
      title,
      occupationCode: 'con.welder',
      requiredSkills: [{ code: 'con.welder', minLevel: 2, certificateRequired: false }],
      worksiteRegionCode: '320505',
      headcount: 3,
      wageMin: 6000,
      wageMax: 8000,
      benefits: { housing: true, meals: true, socialInsurance: true },
      reservedForPoor: false,
      startDate: inDays(5),
      closingDate: inDays(40),
      status: 'open',
    },
    employer,
  );
  if (r.status !== 201) throw new Error(JSON.stringify(r.body));
  return r.body.id as string;
}

/** Applies (or refers) once placement has heard of the worker and the opening. */
const apply = (body: { openingId: string; workerId?: string }, token: string) =>
  eventually('placement knows the worker and the opening', async () => {
    const r = await stack.api.post('/api/v1/applications', body, token);
    return r.status === 404 ? undefined : r;
  });

interface Match {
  openingId: string;
  applied: boolean;
  applicationStatus?: string;
  referred: boolean;
  explanation: { parts: Record<string, number> };
}

t.test(
  `a worker's application and an officer's referral are marked in the worker's matches and searches (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const [own, referredTo] = [await post('电焊工（自己申请）'), await post('电焊工（工作组推荐）')];
    const workerId = await register('马自强', 'none');
    const poorId = await register('郝建档', 'registered_poor');
    await stack.api.post(
      '/api/v1/accounts',
      { username: 'worker.marks', password: 'worker-pass-1', role: 'worker', displayName: '马自强', workerId },
      admin,
    );
    const worker = await stack.login('worker.marks', 'worker-pass-1');

    const candidates = async () => {
      const r = await stack.api.get(`/api/v1/openings/${referredTo}/candidates?limit=50`, officer);
      return (r.body.items ?? []) as { workerId: string; score: number }[];
    };
    const before = await eventually('matching knows both workers and the openings', async () => {
      const c = await candidates();
      return c.some((x) => x.workerId === workerId) && c.some((x) => x.workerId === poorId) ? c : undefined;
    });
    const order = (c: { workerId: string }[]) =>
      c.map((x) => x.workerId).filter((id) => id === workerId || id === poorId);
    t.same(order(before), [poorId, workerId], 'the registered-poor worker first, fit being equal');

    const applied = await apply({ openingId: own }, worker);
    t.equal(applied.status, 201, JSON.stringify(applied.body));
    const referred = await apply({ openingId: referredTo, workerId }, officer);
    t.equal(referred.status, 201, JSON.stringify(referred.body));
    t.ok(referred.body.referredBy, 'placement recorded a referral');

    const matches = async () => {
      const r = await stack.api.get(`/api/v1/workers/${workerId}/matches`, worker);
      if (r.status !== 200) throw new Error(`matches: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.items as Match[];
    };
    const marked = await eventually('both marks in the worker’s matches', async () => {
      const items = await matches();
      const [a, b] = [items.find((m) => m.openingId === own), items.find((m) => m.openingId === referredTo)];
      return a?.applied && b?.referred ? { a, b } : undefined;
    });
    t.match(marked.a, { applied: true, applicationStatus: 'submitted', referred: false });
    t.match(marked.b, { applied: true, applicationStatus: 'submitted', referred: true });
    t.ok(marked.b.explanation.parts.referred! > 0, 'the explanation says the officer referred it');
    t.notOk(JSON.stringify(marked.b).includes(referred.body.referredBy), 'the officer is not named');

    const search = await stack.api.get('/api/v1/search/openings?occupation=con.welder&limit=100', worker);
    t.equal(search.status, 200, JSON.stringify(search.body));
    const hit = (id: string) => search.body.items.find((h: { id: string }) => h.id === id);
    t.match(hit(own), { applied: true, applicationStatus: 'submitted', referred: false });
    t.match(hit(referredTo), { applied: true, referred: true });

    const after = await candidates();
    t.same(order(after), [poorId, workerId], 'a referral does not move anyone among the candidates');
    t.same(
      after.map((c) => [c.workerId, c.score]),
      before.map((c) => [c.workerId, c.score]),
      'nor change a candidate’s score',
    );

    // Withdrawn: still marked, with its status.
    const withdrawn = await stack.api.patch(`/api/v1/applications/${applied.body.id}`, { status: 'withdrawn' }, worker);
    t.equal(withdrawn.status, 200, JSON.stringify(withdrawn.body));
    const gone = await eventually('the withdrawal in the worker’s matches', async () =>
      (await matches()).find((m) => m.openingId === own && m.applicationStatus === 'withdrawn'),
    );
    t.match(gone, { applied: true, applicationStatus: 'withdrawn', referred: false });
  },
);
