import { makeCreditCode, makeIdNumber } from '@tongxin/cn-codes';
import type { ApiClient, ApiResponse } from '@tongxin/test-harness';
import { eventually } from './county.ts';

/** Two townships of 和顺县 with a pilot village each: the "inside" and "outside" of an officer's scope. */
export const SIDE = {
  a: { township: '140723100', village: '140723100236', officer: 'officer.yixing' },
  b: { township: '140723102', village: '140723102201', officer: 'officer.songyan' },
} as const;
export type Side = keyof typeof SIDE;

/** The seeded accounts' (admin, officers) password: the demo's, which the API refuses to set. */
export const PASSWORD = 'Tongxin#2026';
/** The password of accounts the suites create through the API (it must pass the password policy). */
export const ACCOUNT_PASSWORD = 'Reliable-pass-2026';

/** The clear personal data registered, kept so the suites can look for it where it must not be. */
export interface RegisteredPerson {
  id: string;
  name: string;
  idNumber: string;
  phone: string;
}

/** Everything the authorization and personal-data suites act on, built through the public API. */
export interface World {
  tokens: Record<'admin' | 'officerA' | 'officerB' | 'workerA' | 'workerB' | 'employer1' | 'employer2', string>;
  workers: { a: RegisteredPerson; b: RegisteredPerson; a2: RegisteredPerson; b2: RegisteredPerson };
  employers: { e1: string; e2: string };
  openings: { o1: string; o2: string; draft2: string };
  applications: { hiredA: string; hiredB: string; pendingA: string; pendingB: string };
  placements: { a: string; b: string };
  subsidies: { a?: string; b?: string };
  course: string;
  batch: string;
  enrollments: { a: string; b: string };
  intents: { i1: string; i2: string };
  partyGroups: { a: string; b: string };
  partyMembers: { a: string; b: string };
  /** The union work group of each side's village, led by its party group. */
  unionGroups: { a: string; b: string };
  unionFederations: { a: string; b: string };
  /** Each side's household (户): the a2/b2 worker registered with a household number. */
  households: { a: string; b: string };
  householdNos: { a: string; b: string };
  /** A waiting self-registration request (自助登记) of each side's village. */
  registrationRequests: { a: string; b: string };
  /**
   * A phone change each side's worker proposed for their own record (ADR 0020), already declined by
   * their officer: confirming it is a 409 past authorization, and the phone on record stays as it is.
   */
  pendingChanges: { a: string; b: string };
  accounts: { workerA: string; workerB: string; employer1: string; employer2: string };
}

let sequence = 500 + Math.floor(Math.random() * 300);

/** A self-registration request (自助登记) of a person not in the registry; unique per call. */
export function selfRegistrationBody(village: string, name: string) {
  const { idNumber, phone, gender, birthDate, skills, tierPreferences } = workerBody(village, name);
  return {
    name,
    idNumber,
    phone,
    homeVillageCode: village,
    gender,
    birthDate,
    skills,
    tierPreferences,
    consent: { version: '2026-1' },
  };
}

/** A valid registration in a village; ID number and phone are unique per call. */
export function workerBody(village: string, name: string, extra: Record<string, unknown> = {}) {
  const s = sequence++;
  const birthDate = `19${80 + (s % 15)}-0${1 + (s % 9)}-1${s % 10}`;
  return {
    name,
    gender: s % 2 ? 'male' : 'female',
    birthDate,
    idNumber: makeIdNumber({ regionCode: '140723', birthDate, sequence: s % 1000 }),
    phone: `13${5 + (s % 4)}${String(10_000_000 + s * 7919).slice(-8)}`,
    homeVillageCode: village,
    currentRegionCode: '140723',
    householdStatus: 'registered_poor',
    relocated: true,
    skills: [{ code: 'con.welder', level: 3, years: 4 }],
    tierPreferences: ['out_of_province', 'in_province', 'in_county'],
    expectedMinWage: 4000,
    employmentStatus: 'seeking',
    consent: { version: '2026-1', at: '2026-11-28T08:00:00Z' },
    ...extra,
  };
}

let creditSeq = Math.floor(Math.random() * 9_000_000);
/** A valid employer registration; the credit code is unique per call. */
export function employerBody(name: string, regionCode: string) {
  const county = regionCode.slice(0, 6);
  return {
    name,
    creditCode: makeCreditCode(`91${county}MA${String(creditSeq++ % 10_000_000).padStart(7, '0')}`),
    industry: 'manufacturing',
    regionCode,
    contact: { name: '联系人', phone: '13951200001' },
  };
}

const inDays = (n: number): string => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);
export const daysAgo = (n: number): string => inDays(-n);

/** An opening body for an employer; open at once when the employer is verified. */
export function openingBody(employerId: string, extra: Record<string, unknown> = {}) {
  return {
    employerId,
    title: '电焊工',
    occupationCode: 'con.welder',
    requiredSkills: [{ code: 'con.welder', minLevel: 2, certificateRequired: false }],
    worksiteRegionCode: '320505',
    headcount: 5,
    wageMin: 6000,
    wageMax: 8000,
    benefits: { housing: true, meals: true, socialInsurance: true },
    reservedForPoor: false,
    startDate: inDays(5),
    closingDate: inDays(60),
    status: 'open',
    ...extra,
  };
}

/** Throws with the answer when a fixture step is refused: a broken fixture is not a finding. */
export function ok<T = any>(r: ApiResponse<T>, what: string, status = [200, 201]): T {
  if (!status.includes(r.status)) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body).slice(0, 400)}`);
  return r.body;
}

export async function login(api: ApiClient, username: string, password = PASSWORD): Promise<string> {
  const r = await api.post('/api/v1/auth/token', { username, password });
  return ok(r, `login ${username}`).accessToken as string;
}

async function register(
  api: ApiClient,
  token: string,
  village: string,
  name: string,
  extra: Record<string, unknown> = {},
): Promise<RegisteredPerson> {
  const body = workerBody(village, name, extra);
  const w = ok(await api.post('/api/v1/workers', body, token), `register ${name}`);
  return { id: w.id, name, idNumber: body.idNumber, phone: body.phone };
}

/** Retries a write while a consumer has not yet heard of what it refers to (404 until the event lands). */
async function once404Clears(what: string, send: () => Promise<ApiResponse>): Promise<any> {
  const r = await eventually(what, async () => {
    const x = await send();
    return x.status === 404 ? undefined : x;
  });
  return ok(r, what);
}

/**
 * Builds the world: two workers with accounts in different townships (plus one more each without),
 * two verified employers with accounts and openings, hires on both sides, a course with a batch and
 * enrolments, recruitment intents, party groups, service and income records.
 */
export async function buildWorld(api: ApiClient): Promise<World> {
  const admin = await login(api, 'admin');
  const officerA = await login(api, SIDE.a.officer);
  const officerB = await login(api, SIDE.b.officer);

  const run = Date.now().toString(36).toUpperCase();
  const householdNos = { a: `REL-A-${run}`, b: `REL-B-${run}` };
  const [wa, wa2, wb, wb2] = await Promise.all([
    register(api, officerA, SIDE.a.village, '甲工人'),
    register(api, officerA, SIDE.a.village, '甲二工人', { householdNo: householdNos.a }),
    register(api, officerB, SIDE.b.village, '乙工人'),
    register(api, officerB, SIDE.b.village, '乙二工人', { householdNo: householdNos.b }),
  ]);

  const e1 = ok(
    await api.post('/api/v1/employers', employerBody('苏州甲精密制造有限公司', '320505'), admin),
    'employer 1',
  ).id;
  const e2 = ok(
    await api.post('/api/v1/employers', employerBody('杭州乙服装有限公司', '330106'), admin),
    'employer 2',
  ).id;
  for (const e of [e1, e2]) ok(await api.post(`/api/v1/employers/${e}/verify`, undefined, admin), 'verify');

  const accounts = {
    workerA: ok(
      await api.post(
        '/api/v1/accounts',
        {
          username: 'rel.worker.a',
          password: ACCOUNT_PASSWORD,
          role: 'worker',
          displayName: '甲工人',
          workerId: wa.id,
        },
        admin,
      ),
      'account',
    ).id,
    workerB: ok(
      await api.post(
        '/api/v1/accounts',
        {
          username: 'rel.worker.b',
          password: ACCOUNT_PASSWORD,
          role: 'worker',
          displayName: '乙工人',
          workerId: wb.id,
        },
        admin,
      ),
      'account',
    ).id,
    employer1: ok(
      await api.post(
        '/api/v1/accounts',
        {
          username: 'rel.employer.1',
          password: ACCOUNT_PASSWORD,
          role: 'employer',
          displayName: '甲企业',
          employerId: e1,
        },
        admin,
      ),
      'account',
    ).id,
    employer2: ok(
      await api.post(
        '/api/v1/accounts',
        {
          username: 'rel.employer.2',
          password: ACCOUNT_PASSWORD,
          role: 'employer',
          displayName: '乙企业',
          employerId: e2,
        },
        admin,
      ),
      'account',
    ).id,
  };
  const [workerA, workerB, employer1, employer2] = (await Promise.all(
    ['rel.worker.a', 'rel.worker.b', 'rel.employer.1', 'rel.employer.2'].map((u) => login(api, u, ACCOUNT_PASSWORD)),
  )) as [string, string, string, string];

  const o1 = ok(await api.post('/api/v1/openings', openingBody(e1), employer1), 'opening 1').id;
  const o2 = ok(
    await api.post('/api/v1/openings', openingBody(e2, { worksiteRegionCode: '330106', title: '缝纫工' }), employer2),
    'opening 2',
  ).id;
  const draft2 = ok(
    await api.post('/api/v1/openings', openingBody(e2, { status: 'draft', title: '草稿岗位' }), employer2),
    'draft',
  ).id;

  const i1 = ok(
    await api.post(
      '/api/v1/recruitment-intents',
      { employerId: e1, committed: 10, deadline: inDays(90), openingIds: [o1] },
      employer1,
    ),
    'intent 1',
  ).id;
  const i2 = ok(
    await api.post(
      '/api/v1/recruitment-intents',
      { employerId: e2, committed: 10, deadline: inDays(90), openingIds: [o2] },
      employer2,
    ),
    'intent 2',
  ).id;

  const course = ok(
    await api.post(
      '/api/v1/courses',
      {
        title: '焊工培训班',
        skills: [{ code: 'con.welder', level: 4 }],
        provider: '和顺县职业技术学校',
        hours: 80,
        subsidyPerTrainee: 1000,
        capacity: 30,
      },
      admin,
    ),
    'course',
  ).id;
  const batch = ok(
    await api.post(
      `/api/v1/courses/${course}/batches`,
      {
        startDate: inDays(10),
        endDate: inDays(30),
        place: { regionCode: '140723100', address: '义兴镇文化站' },
        capacity: 20,
        status: 'open',
      },
      admin,
    ),
    'batch',
  ).id;
  const enrA = (
    await once404Clears('enrol A', () =>
      api.post(`/api/v1/batches/${batch}/enrollments`, { workerId: wa.id }, officerA),
    )
  ).id;
  const enrB = (
    await once404Clears('enrol B', () =>
      api.post(`/api/v1/batches/${batch}/enrollments`, { workerId: wb.id }, officerB),
    )
  ).id;

  // Hires on both sides: the worker applies, the employer moves the application to hired.
  const hiredA = (await once404Clears('apply A', () => api.post('/api/v1/applications', { openingId: o1 }, workerA)))
    .id;
  const hiredB = (await once404Clears('apply B', () => api.post('/api/v1/applications', { openingId: o2 }, workerB)))
    .id;
  const placements: Record<string, string> = {};
  for (const [side, app, token] of [
    ['a', hiredA, employer1],
    ['b', hiredB, employer2],
  ] as const) {
    for (const status of ['screening', 'interview', 'offered']) {
      ok(await api.patch(`/api/v1/applications/${app}`, { status }, token), `move ${status}`);
    }
    const hired = ok(
      await api.patch(
        `/api/v1/applications/${app}`,
        { status: 'hired', startDate: daysAgo(35), agreedWage: 6500 },
        token,
      ),
      'hire',
    );
    placements[side] = hired.placementId as string;
  }
  const pendingA = (
    await once404Clears('refer A2', () =>
      api.post('/api/v1/applications', { openingId: o1, workerId: wa2.id }, officerA),
    )
  ).id;
  const pendingB = (
    await once404Clears('refer B2', () =>
      api.post('/api/v1/applications', { openingId: o2, workerId: wb2.id }, officerB),
    )
  ).id;

  const subsidies: World['subsidies'] = {};
  for (const side of ['a', 'b'] as const) {
    const s = await api.get(`/api/v1/subsidies?placementId=${placements[side]}`, admin);
    if (s.status === 200 && s.body.items?.[0]) subsidies[side] = s.body.items[0].id;
  }

  const groups: Record<string, string> = {};
  const members: Record<string, string> = {};
  const unionGroups: Record<string, string> = {};
  const federations: Record<string, string> = {};
  for (const [side, token, worker] of [
    ['a', officerA, wa],
    ['b', officerB, wb],
  ] as const) {
    groups[side] = ok(
      await api.post(
        '/api/v1/party-groups',
        { name: `${side}村流动党员党小组`, villageCode: SIDE[side].village, leaderName: '组长' },
        token,
      ),
      'party group',
    ).id;
    members[side] = ok(
      await api.post(`/api/v1/party-groups/${groups[side]}/members`, { workerId: worker.id, mobile: true }, token),
      'member',
    ).id;
    const federation = (federations[side] = ok(
      await api.post(
        '/api/v1/union/federations',
        { townshipCode: SIDE[side].township, name: `${side}镇工会联合会`, leaderName: '主席' },
        token,
      ),
      'union federation',
    ).id);
    unionGroups[side] = ok(
      await api.post(
        '/api/v1/union/work-groups',
        {
          federationId: federation,
          name: `${side}村工会工作组`,
          leaderName: '组长',
          villageCodes: [SIDE[side].village],
          partyGroupId: groups[side],
        },
        token,
      ),
      'union work group',
    ).id;
    ok(
      await api.post(
        `/api/v1/workers/${worker.id}/services`,
        { service: 'information', date: daysAgo(3), channel: 'visit', note: '走访' },
        token,
      ),
      'service',
    );
    ok(
      await api.post(
        `/api/v1/workers/${worker.id}/incomes`,
        { month: '2026-01', amount: 5200, source: 'wages', verified: true },
        token,
      ),
      'income',
    );
  }

  // Households (户) from the registry, and both sides' villages relocated with a designated opening each.
  const households: Record<string, string> = {};
  for (const side of ['a', 'b'] as const) {
    households[side] = await eventually(`household ${side}`, async () => {
      const r = await api.get(`/api/v1/households?householdNo=${householdNos[side]}`, admin);
      return r.status === 200 ? (r.body.items?.[0]?.id as string | undefined) : undefined;
    });
    ok(
      await api.request('PUT', `/api/v1/relocated-villages/${SIDE[side].village}`, {
        body: { quota: 10, sites: [`${side}村安置点`] },
        token: admin,
      }),
      'relocated village',
    );
    await once404Clears(`designate o1 for ${side}`, () =>
      api.post(`/api/v1/relocated-villages/${SIDE[side].village}/openings`, { openingId: o1, places: 1 }, admin),
    );
  }

  const registrationRequests: Record<string, string> = {};
  for (const side of ['a', 'b'] as const) {
    const r = await api.post(
      '/api/v1/registration-requests',
      selfRegistrationBody(SIDE[side].village, `${side}申请人`),
    );
    registrationRequests[side] = ok(r, `registration request ${side}`, [202]).requestId;
  }

  const pendingChanges: Record<string, string> = {};
  for (const [side, worker, token, officer] of [
    ['a', wa, workerA, officerA],
    ['b', wb, workerB, officerB],
  ] as const) {
    const proposed = ok(
      await api.patch(`/api/v1/workers/${worker.id}`, { phone: `139${String(Date.now()).slice(-8)}` }, token),
      `phone proposal ${side}`,
    );
    const changeId = (proposed.pendingChanges as { id: string }[])[0]!.id;
    ok(
      await api.post(`/api/v1/workers/${worker.id}/pending-changes/${changeId}/decline`, {}, officer),
      `decline proposal ${side}`,
    );
    pendingChanges[side] = changeId;
  }

  // Let the events settle: an employer sees its applicants once worker-profile has heard of the applications.
  for (const [token, id] of [
    [employer1, wa.id],
    [employer1, wa2.id],
    [employer2, wb.id],
    [employer2, wb2.id],
  ] as const) {
    await eventually(
      'worker-profile knows the applications',
      async () => (await api.get(`/api/v1/workers/${id}`, token)).status === 200,
    );
  }

  return {
    tokens: { admin, officerA, officerB, workerA, workerB, employer1, employer2 },
    workers: { a: wa, b: wb, a2: wa2, b2: wb2 },
    employers: { e1, e2 },
    openings: { o1, o2, draft2 },
    applications: { hiredA, hiredB, pendingA, pendingB },
    placements: { a: placements.a!, b: placements.b! },
    subsidies,
    course,
    batch,
    enrollments: { a: enrA, b: enrB },
    intents: { i1, i2 },
    partyGroups: { a: groups.a!, b: groups.b! },
    partyMembers: { a: members.a!, b: members.b! },
    unionGroups: { a: unionGroups.a!, b: unionGroups.b! },
    unionFederations: { a: federations.a!, b: federations.b! },
    households: { a: households.a!, b: households.b! },
    householdNos,
    registrationRequests: { a: registrationRequests.a!, b: registrationRequests.b! },
    pendingChanges: { a: pendingChanges.a!, b: pendingChanges.b! },
    accounts,
  };
}
