import { makeIdNumber } from '@tongxin/cn-codes';

/** People `benchRegistration` tells apart per region: 9,000 birth days × 1,000 sequences. */
export const BENCH_PEOPLE = 9_000_000;

/**
 * The n-th worker a benchmark registers: born in `region` (a county other than the seeds' 和顺县, so
 * never one of its people), a welder of `village` who is seeking work. Distinct for n below
 * BENCH_PEOPLE, so runs on one data directory that start at a random n seldom meet.
 */
export function benchRegistration(region: string, n: number, village: string, name: string) {
  const birthDate = new Date(Date.UTC(1975, 0, 1) + (n % 9000) * 86_400_000).toISOString().slice(0, 10);
  const sequence = Math.floor(n / 9000) % 1000;
  return {
    name,
    // The ID number's sequence says the gender: odd for men.
    gender: sequence % 2 ? 'male' : 'female',
    birthDate,
    idNumber: makeIdNumber({ regionCode: region, birthDate, sequence }),
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
