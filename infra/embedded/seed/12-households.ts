import { makeIdNumber } from '@tongxin/cn-codes';
import { demoName } from '../demo-names.ts';
import type { SeedContext } from '../seed-context.ts';

const TOWNSHIPS = ['140723100', '140723102'];
const FAMILY = [
  { service: 'child_schooling', department: '教育局', note: '随迁子女在务工地办理入学' },
  { service: 'elder_care', department: '民政局', note: '留守老人定期探访' },
  { service: 'women_screening', department: '卫健局', note: '妇女两癌免费筛查' },
  { service: 'policy_publicity', department: '农业农村局', note: '宣传惠农补贴政策' },
  { service: 'social_assistance', department: '民政局', note: '纳入低保兜底' },
] as const;

interface Worker {
  id: string;
  gender: string;
  homeVillageCode: string;
  householdNo?: string;
  householdStatus: string;
  relocated: boolean;
  relocation?: object;
}

/**
 * Households for the demo (户): in the two pilot townships, workers of one village are paired into
 * households of two (the household columns of the first are the household's), registered-poor
 * households get a left-poverty year, other members and other income lines, and some families
 * a service from a county department.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const must = (what: string, r: { status: number; body: unknown }) => {
    if (r.status !== 200 && r.status !== 201) throw new Error(`seed ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as Record<string, any>;
  };
  const workers: Worker[] = [];
  for (const township of TOWNSHIPS)
    workers.push(
      ...must('workers', await ctx.api.get(`/api/v1/workers?township=${township}&limit=200`, ctx.admin)).items,
    );

  const byVillage = new Map<string, Worker[]>();
  for (const w of workers) byVillage.set(w.homeVillageCode, [...(byVillage.get(w.homeVillageCode) ?? []), w]);
  let paired = 0;
  for (const members of byVillage.values()) {
    for (let i = 0; i + 1 < members.length; i += 2) {
      const [first, second] = [members[i]!, members[i + 1]!];
      if (!first.householdNo || second.householdNo === first.householdNo) continue;
      must(
        'household member',
        await ctx.api.patch(
          `/api/v1/workers/${second.id}`,
          {
            householdNo: first.householdNo,
            householdStatus: first.householdStatus,
            relocated: first.relocated,
            ...(first.relocation ? { relocation: first.relocation } : {}),
          },
          ctx.admin,
        ),
      );
      ctx.progress('households', ++paired, workers.length / 2);
    }
  }

  // A spouse registered into the first households of each township, so the demo always has
  // households of two whatever the seed's size (a small seed has one worker per village).
  for (const township of TOWNSHIPS) {
    const heads = workers.filter((w) => w.householdNo && w.homeVillageCode.startsWith(township)).slice(0, 4);
    for (const [k, head] of heads.entries()) {
      const gender = head.gender === 'male' ? 'female' : 'male';
      const birthDate = `1979-0${1 + k}-1${k}`;
      const n = TOWNSHIPS.indexOf(township) * 4 + k;
      const body = {
        name: demoName(500 + n, gender),
        gender,
        birthDate,
        idNumber: makeIdNumber({ regionCode: '140723', birthDate, sequence: (gender === 'male' ? 901 : 900) + n * 2 }),
        phone: `139${String(70_000_000 + n * 7919).slice(-8)}`,
        homeVillageCode: head.homeVillageCode,
        householdNo: head.householdNo,
        householdStatus: head.householdStatus,
        relocated: head.relocated,
        ...(head.relocation ? { relocation: head.relocation } : {}),
        skills: [],
        tierPreferences: ['in_county'],
        employmentStatus: 'seeking',
        consent: { version: '2026-1', at: '2026-11-01T08:00:00Z' },
      };
      const r = await ctx.api.post('/api/v1/workers', body, ctx.admin, { 'idempotency-key': `seed-spouse-${n}` });
      if (r.status !== 201 && r.status !== 409)
        throw new Error(`seed spouse ${n}: ${r.status} ${JSON.stringify(r.body)}`);
    }
  }

  const year = new Date().getUTCFullYear();
  for (const township of TOWNSHIPS) {
    const households = must(
      'households',
      await ctx.api.get(`/api/v1/households?township=${township}&limit=200`, ctx.admin),
    ).items as { id: string; status: string; members: unknown[] }[];
    // A worker paired into another household above left theirs without members: kept for its
    // history, and refused edits (409), so only households with members are completed.
    for (const [i, h] of households.filter((h) => h.members.length > 0).entries()) {
      const patch = {
        otherMembers: 1 + (i % 3),
        ...(h.status === 'registered_poor' && i % 2 === 0 ? { leftPovertyYear: 2019 + (i % 2) } : {}),
      };
      must('household', await ctx.api.patch(`/api/v1/households/${h.id}`, patch, ctx.admin));
      if (i % 3 === 0) {
        const line = { year, source: 'transfer', amount: 1200 + (i % 5) * 300, note: i % 2 ? '养老金' : '低保金' };
        must(
          'household income',
          await ctx.api.post(`/api/v1/households/${h.id}/incomes`, line, ctx.admin, {
            'idempotency-key': `seed-household-income-${h.id}`,
          }),
        );
      }
    }
  }

  for (const [i, w] of workers.filter((_, n) => n % 4 === 0).entries()) {
    const family = FAMILY[i % FAMILY.length]!;
    if (family.service === 'women_screening' && w.gender !== 'female') continue;
    const body = {
      ...family,
      // In the past whatever the day the demo is seeded: ledgers refuse future dates.
      date: new Date(Date.now() - (3 + i * 5) * 86_400_000).toISOString().slice(0, 10),
      channel: 'visit',
    };
    must(
      'family service',
      await ctx.api.post(`/api/v1/workers/${w.id}/services`, body, ctx.admin, {
        'idempotency-key': `seed-family-service-${w.id}`,
      }),
    );
  }
}
