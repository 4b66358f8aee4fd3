import { makeIdNumber } from '@tongxin/cn-codes';
import { childrenOf, regionShortName } from '@tongxin/regions';

/**
 * 和顺县 as the article tells it (issue 16 item 3): the figures the `heshun` seed builds and the
 * dashboard must show. At a scale below 1 (TONGXIN_SEED_SCALE, for development) every figure and
 * the number of villages shrink together, so a small county keeps the full one's proportions.
 */
export const ARTICLE = {
  workers: 28_131,
  registeredPoor: 13_290,
  unionWorkGroups: 286,
  unionMembers: 25_437,
  partyGroups: 256,
  mobilePartyMembers: 2_617,
  partyContacts: 18_439,
  partyApplications: 396,
  activists: 98,
  employers: { in_county: 38, in_province: 13, out_of_province: 4 },
  relocatedVillages: 41,
  reservedPlaces: 3_300,
  /** "More than 40 training batches with more than 2,000 trainees". */
  trainingBatches: 42,
  trainees: 2_100,
  /** The two pilot villages of the 七有 standard: 义兴镇恋思村 and 松烟镇白仁村. */
  pilotVillages: ['140723100236', '140723102201'],
} as const;

export const COUNTY = '140723';
export const ACTIVITY_KINDS = ['letter', 'employer_notice', 'symposium', 'training', 'visit', 'exemplar'] as const;

export interface PlannedWorker {
  /** Index in the county, 0-based: keys ID numbers, phones and names. */
  i: number;
  villageCode: string;
  idNumber: string;
  gender: 'male' | 'female';
  birthDate: string;
  phone: string;
  poor: boolean;
  householdNo: string;
  unionGroup?: number;
}

export interface PlannedVillage {
  code: string;
  name: string;
  townshipCode: string;
  /** Indexes into `workers`. */
  workers: PlannedWorker[];
  /** Global indexes of this village's union work groups and party groups. */
  unionGroups: number[];
  partyGroups: number[];
  relocated?: { site: string; siteRegion: string; quota: number };
}

export interface PlannedPartyGroup {
  g: number;
  villageCode: string;
  name: string;
  leaderName: string;
  members: { worker: PlannedWorker; contacts: PlannedWorker[] }[];
  applicants: { worker: PlannedWorker; activist: boolean }[];
}

export interface PlannedUnionGroup {
  g: number;
  villageCode: string;
  townshipCode: string;
  name: string;
  leaderName: string;
}

export interface HeshunPlan {
  scale: number;
  figures: {
    workers: number;
    registeredPoor: number;
    unionWorkGroups: number;
    unionMembers: number;
    partyGroups: number;
    mobilePartyMembers: number;
    partyContacts: number;
    partyApplications: number;
    activists: number;
    employers: { in_county: number; in_province: number; out_of_province: number };
    relocatedVillages: number;
    reservedPlaces: number;
    trainingBatches: number;
    trainees: number;
    villages: number;
    activities: number;
    qiyouVillagesMet: number;
  };
  villages: PlannedVillage[];
  partyGroups: PlannedPartyGroup[];
  unionGroups: PlannedUnionGroup[];
}

/** Splits `total` over `weights` in proportion, the remainders to the largest fractions (the sum is exact). */
export function apportion(total: number, weights: number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const raw = weights.map((w) => (sum ? (total * w) / sum : 0));
  const out = raw.map(Math.floor);
  let left = total - out.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - Math.floor(r), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) out[order[k]![1]]!++;
  return out;
}

/** Whether the i-th of n is one of the `k` spread evenly over them (exactly k of n are). */
const spread = (i: number, k: number, n: number) => Math.floor(((i + 1) * k) / n) > Math.floor((i * k) / n);

const SURNAMES =
  '王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董萧程曹袁邓许傅沈曾彭吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹黎易常武乔贺赖龚文';
const GIVEN =
  '建国军华平明志伟强磊洋勇艳杰娟涛超秀英霞敏静丽玲桂芳红梅兰凤云海波鹏飞宇浩然晓东春生文斌俊峰亮刚林杰宁欣颖慧婷';

/** A plausible Chinese name for the i-th person (deterministic). */
export function personName(i: number): string {
  const s = SURNAMES[i % SURNAMES.length]!;
  const a = GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]!;
  const b = GIVEN[(i * 7 + 3) % GIVEN.length]!;
  return i % 5 === 0 ? `${s}${a}` : `${s}${a}${b}`;
}

const SITES: { site: string; region: string }[] = [
  { site: '县城东关安置小区', region: '140723400' },
  { site: '县城南关安置小区', region: '140723400' },
  { site: '义兴镇集中安置点', region: '140723100' },
  { site: '李阳镇集中安置点', region: '140723101' },
];

export function scaleFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const s = Number(env.TONGXIN_SEED_SCALE ?? 1);
  if (!(s > 0 && s <= 1)) throw new Error(`TONGXIN_SEED_SCALE must be in (0, 1], got ${env.TONGXIN_SEED_SCALE}`);
  return s;
}

/** The county at `scale` (1 = the article's figures), deterministic. */
export function heshunPlan(scale = 1): HeshunPlan {
  const n = (full: number) => (scale >= 1 ? full : Math.max(1, Math.round(full * scale)));
  const all = childrenOf(COUNTY).flatMap((t) => childrenOf(t.code));
  const pilots = ARTICLE.pilotVillages.map((c) => all.find((v) => v.code === c)!);
  const rest = all.filter((v) => !ARTICLE.pilotVillages.includes(v.code as never));
  const V = scale >= 1 ? all.length : Math.max(2, Math.round(all.length * scale));
  // Spread over the townships rather than the first villages of one.
  const chosen = [
    ...pilots,
    ...Array.from({ length: V - 2 }, (_, k) => rest[Math.floor((k * rest.length) / (V - 2))]!),
  ];

  const W = n(ARTICLE.workers);
  const P = n(ARTICLE.registeredPoor);
  const U = n(ARTICLE.unionWorkGroups);
  const UM = n(ARTICLE.unionMembers);
  const G = n(ARTICLE.partyGroups);
  const M = n(ARTICLE.mobilePartyMembers);
  const C = n(ARTICLE.partyContacts);
  const A = n(ARTICLE.partyApplications);
  const ACT = Math.min(A, n(ARTICLE.activists));
  const R = Math.min(n(ARTICLE.relocatedVillages), V - 2);

  const unionPer = chosen.map((_, v) => Math.floor(U / V) + (v < U % V ? 1 : 0));
  const partyPer = chosen.map((_, v) => Math.floor(G / V) + (v < G % V ? 1 : 0));
  // A village with two groups has about twice the workers: the groups are about the same size.
  const perVillage = apportion(
    W,
    chosen.map((_, v) => Math.max(1, unionPer[v]!, partyPer[v]!)),
  );

  // Relocated villages: not the pilots, not the county town's communities (城区), spread out.
  const movable = chosen.slice(2).filter((v) => !v.code.startsWith('140723400'));
  const relocatedCodes = new Set(
    Array.from({ length: Math.min(R, movable.length) }, (_, k) => movable[Math.floor((k * movable.length) / R)]!.code),
  );
  const quotas = apportion(
    n(ARTICLE.reservedPlaces),
    [...relocatedCodes].map(() => 1),
  );

  const villages: PlannedVillage[] = [];
  let i = 0;
  let ug = 0;
  let pg = 0;
  let r = 0;
  for (const [v, village] of chosen.entries()) {
    const townshipCode = village.code.slice(0, 9);
    const name = regionShortName(village.code) ?? village.name;
    const workers: PlannedWorker[] = [];
    for (let k = 0; k < perVillage[v]!; k++, i++) {
      const birthDate = new Date(Date.UTC(1970, 0, 1) + Math.floor(i / 400) * 130 * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const male = i % 5 !== 0 && i % 5 !== 3;
      // 400 people per birth date (1970–1995): the sequence keeps their ID numbers apart.
      const sequence = ((i % 400) * 2 + (male ? 1 : 0)) % 1000;
      workers.push({
        i,
        villageCode: village.code,
        idNumber: makeIdNumber({ regionCode: COUNTY, birthDate, sequence }),
        gender: male ? 'male' : 'female',
        birthDate,
        phone: `1${[3, 5, 8, 9][i % 4]}${String(300_000_000 + i).padStart(9, '0')}`,
        poor: spread(i, P, W),
        householdNo: '',
      });
    }
    // Households of two within the village, registered-poor and others apart.
    for (const poor of [true, false]) {
      const members = workers.filter((w) => w.poor === poor);
      members.forEach((w, k) => {
        w.householdNo = `${village.code}${poor ? '1' : '2'}${String(Math.floor(k / 2)).padStart(3, '0')}`;
      });
    }
    const unionGroups = Array.from({ length: unionPer[v]! }, () => ug++);
    const partyGroups = Array.from({ length: partyPer[v]! }, () => pg++);
    const relocated = relocatedCodes.has(village.code)
      ? { ...(({ site, region }) => ({ site, siteRegion: region }))(SITES[r % SITES.length]!), quota: quotas[r++]! }
      : undefined;
    villages.push({ code: village.code, name, townshipCode, workers, unionGroups, partyGroups, relocated });
  }

  // Union members: spread over the county; in a village of two groups, alternately.
  for (const v of villages) {
    let k = 0;
    for (const w of v.workers) {
      if (spread(w.i, UM, W) && v.unionGroups.length) w.unionGroup = v.unionGroups[k++ % v.unionGroups.length];
    }
  }
  const unionGroups: PlannedUnionGroup[] = villages.flatMap((v) =>
    v.unionGroups.map((g, k) => ({
      g,
      villageCode: v.code,
      townshipCode: v.townshipCode,
      name: `${v.name}${k === 0 ? '' : '第二'}工会工作组`,
      leaderName: personName(90_000 + g),
    })),
  );

  // Party groups: mobile members, each keeping in touch with workers of the village; applicants.
  const members = apportion(M, Array(G).fill(1));
  const contacts = apportion(C, Array(G).fill(1));
  const applicants = apportion(A, Array(G).fill(1));
  const partyGroups: PlannedPartyGroup[] = [];
  let applicant = 0;
  for (const v of villages) {
    let cursor = 0;
    const take = (k: number) => {
      if (cursor + k > v.workers.length)
        throw new Error(`heshun plan: ${v.name} has ${v.workers.length} workers, its party groups need more`);
      return v.workers.slice(cursor, (cursor += k));
    };
    for (const [k, g] of v.partyGroups.entries()) {
      const m = take(members[g]!);
      const c = take(contacts[g]!);
      const per = apportion(c.length, Array(m.length).fill(1));
      let at = 0;
      partyGroups.push({
        g,
        villageCode: v.code,
        name: `${v.name}${k === 0 ? '' : '第二'}流动党员党小组`,
        leaderName: personName(m[0]!.i),
        members: m.map((worker, j) => ({ worker, contacts: c.slice(at, (at += per[j]!)) })),
        applicants: take(applicants[g]!).map((worker) => ({ worker, activist: spread(applicant++, ACT, A) })),
      });
    }
  }

  return {
    scale,
    figures: {
      workers: W,
      registeredPoor: P,
      unionWorkGroups: U,
      unionMembers: UM,
      partyGroups: G,
      mobilePartyMembers: M,
      partyContacts: C,
      partyApplications: A,
      activists: ACT,
      employers: {
        in_county: n(ARTICLE.employers.in_county),
        in_province: n(ARTICLE.employers.in_province),
        out_of_province: n(ARTICLE.employers.out_of_province),
      },
      relocatedVillages: relocatedCodes.size,
      reservedPlaces: quotas.reduce((a, b) => a + b, 0),
      trainingBatches: n(ARTICLE.trainingBatches),
      trainees: n(ARTICLE.trainees),
      villages: V,
      activities: V * ACTIVITY_KINDS.length,
      qiyouVillagesMet: 2,
    },
    villages,
    partyGroups,
    unionGroups,
  };
}
