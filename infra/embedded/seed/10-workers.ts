import { makeIdNumber } from '@tongxin/cn-codes';
import { childrenOf, regionShortName } from '@tongxin/regions';
import { loadTaxonomy } from '@tongxin/taxonomy';
import { demoName } from '../demo-names.ts';
import type { SeedContext } from '../seed-context.ts';

const COUNTY = '140723';
const WORKERS = Number(process.env.TONGXIN_SEED_WORKERS ?? 300);
const TIERS = ['in_county', 'in_province', 'out_of_province'] as const;

/**
 * A demo county: an officer account per township of 和顺县 and a few hundred workers over its real
 * villages, about half from registered-poor households and some relocated, as in the programme.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const townships = childrenOf(COUNTY);
  const officers: Record<string, string> = {};
  for (const t of townships) {
    const username =
      t.code === '140723100' ? 'officer.yixing' : t.code === '140723102' ? 'officer.songyan' : `officer.${t.code}`;
    const id = await ctx.createAccount({
      username,
      password: 'Tongxin#2026',
      role: 'officer',
      displayName: `${regionShortName(t.code) ?? t.name}工作组`,
      regions: [t.code],
    });
    officers[t.code] = id ?? (await ctx.api.get('/api/v1/auth/me', await ctx.login(username, 'Tongxin#2026'))).body.sub;
  }
  const villages = townships.flatMap((t) => childrenOf(t.code));
  // The two pilot villages come first so the demo officer of 义兴镇 has workers in 恋思村.
  villages.sort((a, b) => Number(b.code === '140723100236') - Number(a.code === '140723100236'));
  const skills = loadTaxonomy().all();

  const workerIds: string[] = [];
  let next = 0;
  let done = 0;
  const one = async (i: number) => {
    const village = villages[i % villages.length]!;
    const gender = i % 3 === 0 ? 'female' : 'male';
    const year = 1966 + ((i * 7) % 38);
    const birthDate = `${year}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
    const sequence = (i * 2 + (gender === 'male' ? 1 : 0)) % 1000;
    const poor = i % 2 === 0;
    const skill = skills[(i * 11) % skills.length]!;
    const second = skills[(i * 17 + 5) % skills.length]!;
    const level = 1 + (i % 4);
    const body = {
      name: demoName(i, gender),
      gender,
      birthDate,
      idNumber: makeIdNumber({ regionCode: COUNTY, birthDate, sequence }),
      phone: `1${[3, 5, 7, 8, 9][i % 5]}${String(100_000_000 + i * 7919).slice(-9)}`,
      homeVillageCode: village.code,
      currentRegionCode: COUNTY,
      householdNo: `${village.code}${String(i % 97).padStart(3, '0')}`,
      householdStatus: poor ? 'registered_poor' : i % 7 === 0 ? 'monitored' : 'none',
      relocated: i % 6 === 0,
      ...(i % 6 === 0 ? { relocation: { originVillageCode: village.code, resettlementSite: '县城安置小区' } } : {}),
      education: ['junior_secondary', 'senior_secondary', 'vocational', 'primary'][i % 4],
      skills: [
        {
          code: skill.code,
          level,
          years: level * 2,
          ...(skill.certificate && i % 3 === 0 ? { certificateNo: `T${COUNTY}${String(i).padStart(6, '0')}` } : {}),
        },
        ...(second.code !== skill.code && i % 2 === 1 ? [{ code: second.code, level: 1 + (i % 2), years: 1 }] : []),
      ],
      tierPreferences:
        i % 4 === 0
          ? ['in_county']
          : i % 4 === 1
            ? ['in_county', 'in_province']
            : i % 4 === 2
              ? [...TIERS]
              : ['out_of_province', 'in_province'],
      expectedMinWage: 3000 + (i % 8) * 500,
      availableFrom: '2026-12-01',
      employmentStatus: i % 5 === 0 ? 'employed' : 'seeking',
      officerId: officers[village.code.slice(0, 9)],
      unionMember: { member: i % 10 < 9, ...(i % 10 < 9 ? { joinedAt: '2018-05-01' } : {}) },
      consent: { version: '2026-1', at: '2026-11-01T08:00:00Z' },
    };
    const r = await ctx.api.post('/api/v1/workers', body, ctx.admin, { 'idempotency-key': `seed-worker-${i}` });
    if (r.status !== 201 && r.status !== 409)
      throw new Error(`seed worker ${i}: ${r.status} ${JSON.stringify(r.body)}`);
    workerIds[i] = r.status === 201 ? r.body.id : r.body.existingId;
    ctx.progress('workers', ++done, WORKERS);
  };
  await Promise.all(
    Array.from({ length: 4 }, async () => {
      while (next < WORKERS) await one(next++);
    }),
  );
  ctx.state.workerIds = workerIds;
  ctx.state.officerIds = officers;
  await ctx.createAccount({
    username: 'worker.demo',
    password: 'Tongxin#2026',
    role: 'worker',
    displayName: demoName(0, 'female'),
    workerId: workerIds[0]!,
  });
}
