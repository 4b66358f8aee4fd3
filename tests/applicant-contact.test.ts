import { randomUUID } from 'node:crypto';
import { makeCreditCode, makeIdNumber } from '@tongxin/cn-codes';
import {
  type Stack,
  type StackBus,
  describeEnvironment,
  stackBus,
  startStack,
  testEnvironment,
} from '@tongxin/test-harness';
import t from 'tap';

/**
 * An employer's view of an applicant's phone and ID number, end to end: placement decides the
 * pipeline (and says `contactVisible`), worker-profile serves the unmasked record from placement's
 * application events. Masked again once the application is rejected or withdrawn, and nobody
 * unmasked while the employer is suspended (worker-profile keeps each application's status and the
 * employer's standing from `employer.*` events).
 */
let stack: Stack;
let bus: StackBus;
let admin: string;
let officer: string;
let seq = 800 + Math.floor(Math.random() * 150);

t.before(async () => {
  stack = await startStack({ services: ['worker-profile', 'placement'] });
  bus = await stackBus(stack.settings, 'applicant-contact-test');
  [admin, officer] = await Promise.all([stack.login('admin'), stack.login('officer.yixing')]);
});
t.teardown(async () => {
  await bus?.close();
  await stack?.stop();
});

const until = async <T>(what: string, probe: () => Promise<T | undefined>, ms = 15_000): Promise<T | undefined> => {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, 100));
  }
};

async function registerWorker() {
  const s = seq++;
  const body = {
    name: '李四',
    gender: s % 2 ? 'male' : 'female',
    birthDate: '1988-03-02',
    idNumber: makeIdNumber({ regionCode: '140723', birthDate: '1988-03-02', sequence: s }),
    phone: `138${String(10_000_000 + s).slice(0, 8)}`,
    homeVillageCode: '140723100236',
    householdStatus: 'registered_poor',
    relocated: false,
    skills: [{ code: 'con.welder', level: 3, years: 4 }],
    tierPreferences: ['out_of_province'],
    employmentStatus: 'seeking',
    consent: { version: '2026-1', at: '2026-11-01T08:00:00Z' },
  };
  const r = await stack.api.post('/api/v1/workers', body, officer);
  if (r.status !== 201) throw new Error(`worker: ${r.status} ${JSON.stringify(r.body)}`);
  return { id: r.body.id as string, phone: body.phone };
}

const employerSnapshot = (id: string, status: string, version: number) => ({
  id,
  name: '太原测试机械有限公司',
  creditCode: makeCreditCode(`91140105MA${String(version).padStart(7, '0')}`),
  industry: 'manufacturing',
  regionCode: '140105',
  tier: 'in_province',
  status,
  version,
  updatedAt: new Date().toISOString(),
});

t.test(
  `applicant contact ends with the application or the employer's standing (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const employerId = randomUUID();
    await stack.api.post(
      '/api/v1/accounts',
      { username: 'employer.contact', password: 'employer-pass', role: 'employer', displayName: '人事', employerId },
      admin,
    );
    const employer = await stack.login('employer.contact', 'employer-pass');
    await bus.emit('employer.verified', '/tongxin/employer', employerId, {
      employer: employerSnapshot(employerId, 'verified', 1),
    });

    const apply = async () => {
      const worker = await registerWorker();
      const opening = {
        id: randomUUID(),
        employerId,
        employerName: '太原测试机械有限公司',
        employerVerified: true,
        title: '电焊工',
        occupationCode: 'con.welder',
        category: 'construction',
        requiredSkills: [{ code: 'con.welder', minLevel: 2, certificateRequired: false }],
        worksiteRegionCode: '140105',
        tier: 'in_province',
        headcount: 3,
        filledCount: 0,
        wageMin: 5000,
        wageMax: 7000,
        benefits: { housing: true, meals: true, socialInsurance: true },
        status: 'open',
        reservedForPoor: false,
        version: 1,
        updatedAt: new Date().toISOString(),
      };
      await bus.emit('opening.published', '/tongxin/employer', opening.id, { opening });
      const a = await until('placement knows worker and opening', async () => {
        const r = await stack.api.post('/api/v1/applications', { openingId: opening.id, workerId: worker.id }, officer);
        return r.status === 201 ? (r.body.id as string) : undefined;
      });
      if (!a) throw new Error('placement never learnt of the worker or the opening');
      for (const status of ['screening', 'interview']) {
        const r = await stack.api.patch(`/api/v1/applications/${a}`, { status }, employer);
        if (r.status !== 200) throw new Error(`${status}: ${r.status} ${JSON.stringify(r.body)}`);
      }
      const unmasked = await until('unmasked at interview', async () => {
        const r = await stack.api.get(`/api/v1/workers/${worker.id}`, employer);
        return r.body.phone === worker.phone ? true : undefined;
      });
      t.ok(unmasked, 'unmasked to the employer at interview');
      return { application: a, worker };
    };
    const maskedSoon = async (workerId: string, phone: string) =>
      (await until(
        'masked again',
        async () => {
          const r = await stack.api.get(`/api/v1/workers/${workerId}`, employer);
          return r.status === 404 || (r.status === 200 && r.body.phone !== phone) ? true : undefined;
        },
        3_000,
      )) === true;

    const rejected = await apply();
    const r = await stack.api.patch(`/api/v1/applications/${rejected.application}`, { status: 'rejected' }, employer);
    t.equal(r.body.contactVisible, false, 'placement: contact no longer visible once rejected');
    t.ok(await maskedSoon(rejected.worker.id, rejected.worker.phone), 'worker-profile: masked again once rejected');

    const withdrawn = await apply();
    await stack.api.patch(`/api/v1/applications/${withdrawn.application}`, { status: 'withdrawn' }, officer);
    t.ok(await maskedSoon(withdrawn.worker.id, withdrawn.worker.phone), 'worker-profile: masked again once withdrawn');

    const open = await apply();
    await bus.emit('employer.suspended', '/tongxin/employer', employerId, {
      employer: employerSnapshot(employerId, 'suspended', 2),
    });
    const flag = await until('placement hears of the suspension', async () => {
      const v = await stack.api.get(`/api/v1/applications/${open.application}`, employer);
      return v.body.contactVisible === false ? true : undefined;
    });
    t.ok(flag, 'placement: nobody unmasked for a suspended employer');
    t.equal(
      (await stack.api.patch(`/api/v1/applications/${open.application}`, { status: 'offered' }, employer)).body.code,
      'EMPLOYER_SUSPENDED',
    );
    t.ok(await maskedSoon(open.worker.id, open.worker.phone), 'worker-profile: nobody unmasked while suspended');
  },
);
