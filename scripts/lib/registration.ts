import { makeIdNumber } from '@tongxin/cn-codes';

/**
 * The n-th worker a benchmark registers: born in `region` (a county other than the seeds' 和顺县, so
 * never one of its people) on one of 9,000 days with one of 400 sequences (36,000 people per region
 * before an ID number repeats), a welder of `village` who is seeking work.
 */
export function benchRegistration(region: string, n: number, village: string, name: string) {
  const birthDate = new Date(Date.UTC(1975, 0, 1) + (n % 9000) * 86_400_000).toISOString().slice(0, 10);
  return {
    name,
    gender: 'male',
    birthDate,
    // Odd sequences: the ID number says male, as `gender` does.
    idNumber: makeIdNumber({ regionCode: region, birthDate, sequence: 1 + 2 * (n % 400) }),
    phone: `135${String(n).padStart(8, '0').slice(-8)}`,
    homeVillageCode: village,
    householdStatus: 'none',
    relocated: false,
    skills: [{ code: 'con.welder', level: 2 }],
    tierPreferences: ['in_county'],
    employmentStatus: 'seeking',
    consent: { version: '2026-1', at: '2026-11-28T08:00:00Z' },
  };
}
