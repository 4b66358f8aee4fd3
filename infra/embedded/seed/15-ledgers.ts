import type { SeedContext } from '../seed-context.ts';

const SERVICES = ['information', 'training', 'rights', 'hardship', 'subsidy'] as const;
const CHANNELS = ['visit', 'phone', 'wechat', 'office'] as const;
const NOTES: Record<(typeof SERVICES)[number], string> = {
  information: '推送县内外用工信息',
  training: '动员参加电焊工培训',
  rights: '协助追讨拖欠工资',
  hardship: '走访慰问，了解家庭困难',
  subsidy: '告知交通补贴申领办法',
};
const GROUPS = [
  { township: '140723100', villageCode: '140723100236', name: '恋思村外出务工流动党员党小组', leaderName: '王建军' },
  { township: '140723102', villageCode: '140723102201', name: '白仁村外出务工流动党员党小组', leaderName: '李志刚' },
  { township: '140723400', villageCode: '', name: '城区务工人员党小组', leaderName: '张海平' },
];

interface Worker {
  id: string;
  homeVillageCode: string;
}

/**
 * The four ledgers for the demo county, through the public API: services and contacts for most
 * workers, monthly incomes for the last months, 六个一 activities per township, and three party
 * groups with mobile members, the workers they keep in touch with, applicants and activists.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const ids = ((ctx.state.workerIds as (string | undefined)[] | undefined) ?? []).filter(
    (w): w is string => typeof w === 'string',
  );
  const workers: Worker[] = [];
  for (const id of ids) {
    const r = await ctx.api.get(`/api/v1/workers/${id}`, ctx.admin);
    if (r.status === 200) workers.push({ id, homeVillageCode: r.body.homeVillageCode });
  }
  const must = (what: string, r: { status: number; body: unknown }, ok = [200, 201]) => {
    if (!ok.includes(r.status)) throw new Error(`seed ${what}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body as Record<string, any>;
  };

  // Services: two thirds of the workers were contacted this year, some more than once.
  const served = workers.filter((_, i) => i % 3 !== 2);
  let done = 0;
  for (const [i, w] of served.entries()) {
    for (let k = 0; k <= i % 3; k++) {
      const service = SERVICES[(i + k) % SERVICES.length]!;
      const month = String(1 + ((i * 3 + k * 4) % 10)).padStart(2, '0');
      const body = {
        service,
        date: `2026-${month}-${String(1 + ((i + k) % 27)).padStart(2, '0')}`,
        channel: CHANNELS[(i + k) % CHANNELS.length]!,
        note: NOTES[service],
        ...(k === 0 ? { outcome: '已落实' } : {}),
      };
      must(
        'service',
        await ctx.api.post(`/api/v1/workers/${w.id}/services`, body, ctx.admin, {
          'idempotency-key': `seed-service-${w.id}-${k}`,
        }),
      );
    }
    ctx.progress('service ledger', ++done, served.length);
  }

  // Incomes: June to October for half of the workers; some months verified by the officer.
  const earners = workers.filter((_, i) => i % 2 === 0);
  done = 0;
  for (const [i, w] of earners.entries()) {
    for (const month of ['2026-06', '2026-07', '2026-08', '2026-09', '2026-10']) {
      const amount = i % 9 === 0 ? 300 + (i % 5) * 50 : 2500 + ((i * 37 + Number(month.slice(5)) * 113) % 3500);
      const body = {
        month,
        amount,
        source: i % 9 === 0 ? 'business' : 'wages',
        ...(i % 9 === 0 ? {} : { employerName: ['太原市建筑工程公司', '苏州工业园区电子厂', '和顺县煤机厂'][i % 3] }),
        verified: i % 4 !== 0,
      };
      must('income', await ctx.api.post(`/api/v1/workers/${w.id}/incomes`, body, ctx.admin));
    }
    ctx.progress('income ledger', ++done, earners.length);
  }

  // 六个一 activities: a letter and a symposium in each township with workers, and two county-wide.
  const townships = [...new Set(workers.map((w) => w.homeVillageCode.slice(0, 9)))];
  const activities = [
    { kind: 'letter', regionCode: '140723', date: '2026-01-20', title: '致全县外出务工人员的一封信' },
    { kind: 'employer_notice', regionCode: '140723', date: '2026-02-10', title: '致用工企业的一份通知' },
    ...townships.flatMap((t, i) => [
      {
        kind: 'symposium',
        regionCode: t,
        date: `2026-02-${String(10 + (i % 15)).padStart(2, '0')}`,
        title: '返乡务工人员座谈会',
        participants: 20 + i * 3,
      },
      { kind: 'visit', regionCode: t, date: `2026-0${3 + (i % 6)}-15`, title: '入户走访', participants: 10 + i },
    ]),
  ];
  for (const [i, a] of activities.entries()) {
    must(
      'activity',
      await ctx.api.post('/api/v1/ledgers/activities', a, ctx.admin, { 'idempotency-key': `seed-activity-${i}` }),
    );
  }

  // Party groups with mobile members and the workers each keeps in touch with.
  const existing = must('party groups', await ctx.api.get('/api/v1/party-groups?limit=200', ctx.admin)).items as {
    id: string;
    name: string;
    members: { workerId: string }[];
  }[];
  const taken = new Set(existing.flatMap((g) => g.members.map((m) => m.workerId)));
  let applicants = 0;
  for (const [gi, spec] of GROUPS.entries()) {
    const local = workers.filter((w) => w.homeVillageCode.startsWith(spec.township) && !taken.has(w.id));
    const villageCode = spec.villageCode || local[0]?.homeVillageCode;
    if (!villageCode || local.length < 4) continue;
    const group =
      existing.find((g) => g.name === spec.name) ??
      must(
        'party group',
        await ctx.api.post(
          '/api/v1/party-groups',
          { name: spec.name, villageCode, leaderName: spec.leaderName, foundedAt: '2018-06-01' },
          ctx.admin,
        ),
      );
    const members = local.slice(0, Math.min(3, Math.floor(local.length / 3)));
    const others = local.slice(members.length);
    for (const [mi, m] of members.entries()) {
      taken.add(m.id);
      const member = must(
        'party member',
        await ctx.api.post(
          `/api/v1/party-groups/${group.id}/members`,
          { workerId: m.id, mobile: mi !== 0, joinedPartyAt: `20${String(5 + mi * 3).padStart(2, '0')}-07-01` },
          ctx.admin,
        ),
        [201, 409],
      );
      if (!member.id) continue;
      for (const c of others.slice(mi * 3, mi * 3 + 3)) {
        must(
          'party contact',
          await ctx.api.post(
            `/api/v1/party-groups/${group.id}/members/${member.id}/contacts`,
            { workerId: c.id, since: '2019-03-01' },
            ctx.admin,
          ),
        );
      }
    }
    for (const [ai, w] of others.slice(-2).entries()) {
      must(
        'party application',
        await ctx.api.post(
          '/api/v1/ledgers/party-applications',
          { workerId: w.id, appliedAt: '2025-04-01', ...(ai === 0 ? { activistAt: '2025-10-01' } : {}) },
          ctx.admin,
        ),
      );
      applicants++;
    }
    ctx.progress('party-building ledger', gi + 1, GROUPS.length);
  }
  ctx.state.partyApplicants = applicants;
}
