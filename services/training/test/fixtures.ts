import { makeIdNumber } from '@tongxin/cn-codes';
import { type ApiClient, eventually } from '@tongxin/test-harness';

let sequence = 1;

/** A valid worker registration for worker-profile, in 义兴镇恋思村 unless overridden. */
export function workerInput(overrides: Record<string, unknown> = {}) {
  const seq = sequence++ % 1000;
  const male = seq % 2 === 1;
  return {
    name: male ? '王强' : '赵芳',
    gender: male ? 'male' : 'female',
    birthDate: '1990-05-20',
    idNumber: makeIdNumber({ regionCode: '140723', birthDate: '1990-05-20', sequence: seq }),
    phone: `139${String(10_000_000 + seq).slice(0, 8)}`,
    homeVillageCode: '140723100236',
    householdStatus: 'registered_poor',
    relocated: false,
    skills: [],
    tierPreferences: ['in_county', 'in_province', 'out_of_province'],
    employmentStatus: 'seeking',
    consent: { version: '2026-1', at: '2026-11-28T08:00:00Z' },
    ...overrides,
  };
}

/** A course teaching welding with its certificate. */
export function weldingCourse(overrides: Record<string, unknown> = {}) {
  return {
    title: '焊工（熔化焊接与热切割）培训班',
    skills: [{ code: 'con.welder', level: 3 }],
    certificateName: '特种作业操作证（熔化焊接与热切割作业）',
    provider: '和顺县职业技术学校',
    hours: 120,
    subsidyPerTrainee: 1500,
    capacity: 30,
    ...overrides,
  };
}

/** A date `days` from today (UTC+8), YYYY-MM-DD. */
export function dayFromToday(days: number): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

// The one polling helper of every test.
export { eventually };

/** Registers a worker through worker-profile and waits until training has consumed the event. */
export async function registerWorker(
  api: ApiClient,
  token: string,
  admin: string,
  overrides: Record<string, unknown> = {},
): Promise<string> {
  const r = await api.post('/api/v1/workers', workerInput(overrides), token);
  if (r.status !== 201) throw new Error(`register worker: ${r.status} ${JSON.stringify(r.body)}`);
  const id = r.body.id as string;
  await waitKnown(api, admin, id);
  return id;
}

/** Training knows a worker once the one-worker skill-gap view answers for them. */
export async function waitKnown(api: ApiClient, admin: string, id: string): Promise<void> {
  await eventually(`training to learn of worker ${id}`, async () =>
    (await api.get(`/api/v1/insights/skill-gaps?workerId=${id}`, admin)).status === 200 ? true : undefined,
  );
}
