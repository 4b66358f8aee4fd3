import { makeIdNumber } from '@tongxin/cn-codes';

let sequence = 100;

/** The birth date of the n-th thousand of fixtures: 1988-03-14, then a day later for each thousand. */
const birthDateOf = (thousand: number) => new Date(Date.UTC(1988, 2, 14 + thousand)).toISOString().slice(0, 10);

/**
 * A valid registration for a worker of 义兴镇恋思村 (the pilot village), each call another person:
 * the ID number's sequence runs 0–999, so each further thousand is born a day later.
 */
export function workerInput(overrides: Record<string, unknown> = {}) {
  const n = sequence++;
  const seq = n % 1000;
  const birthDate = birthDateOf(Math.floor(n / 1000));
  const male = seq % 2 === 1;
  return {
    name: male ? '张三' : '李梅',
    gender: male ? 'male' : 'female',
    birthDate,
    idNumber: makeIdNumber({ regionCode: '140723', birthDate, sequence: seq }),
    phone: `138${String(10_000_000 + seq).slice(0, 8)}`,
    homeVillageCode: '140723100236',
    currentRegionCode: '140723',
    householdStatus: 'registered_poor',
    relocated: true,
    skills: [{ code: 'con.welder', level: 3, years: 6, certificateNo: 'T140723001' }],
    tierPreferences: ['in_province', 'in_county'],
    expectedMinWage: 4500,
    availableFrom: '2026-12-01',
    employmentStatus: 'seeking',
    consent: { version: '2026-1', at: '2026-11-28T08:00:00Z' },
    ...overrides,
  };
}
