import type {
  CourseSnapshot,
  EmployerSnapshot,
  OpeningSnapshot,
  Tier,
  WorkerSnapshot,
} from '../src/domain/snapshots.ts';

/** A judged set: the county as matching sees it, on one day. Grades come from `judge.ts` unless given. */
export interface JudgedSet {
  asOf: string;
  employers: EmployerSnapshot[];
  openings: OpeningSnapshot[];
  workers: WorkerSnapshot[];
  courses?: CourseSnapshot[];
  /** Hand-given grades (worker id → opening id → 0..5) that replace the rules where present. */
  grades?: Record<string, Record<string, number>>;
}

/** Deterministic PRNG (mulberry32), so the set is the same on every run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const uuid = (n: number, kind: number) => `00000000-0000-4000-8${kind}00-${String(n).padStart(12, '0')}`;
const SITES: Record<Tier, string[]> = {
  in_county: ['140723', '140723100', '140723102'],
  in_province: ['140105', '140702', '140902'],
  out_of_province: ['320505', '440306', '130104'],
};
/** Occupations that share skills or are related in the taxonomy, so partial fits exist. */
const GROUPS = [
  ['con.welder', 'mfg.fitter', 'con.rebar'],
  ['con.electrician', 'con.plumber', 'mfg.maintenance'],
  ['con.excavator', 'tra.loader', 'agr.machinery'],
  ['hos.cook', 'hos.pastry', 'hos.kitchen_helper'],
  ['dom.housekeeper', 'dom.elder_care', 'dom.cleaner'],
  ['tra.forklift', 'tra.warehouse', 'tra.sorter'],
  ['con.bricklayer', 'con.plasterer', 'con.tiler'],
];
const CERTIFIED = new Set([
  'con.welder',
  'con.electrician',
  'hos.cook',
  'hos.pastry',
  'tra.forklift',
  'dom.elder_care',
  'dom.housekeeper',
]);
const TITLES: Record<string, string> = {
  'con.welder': '电焊工',
  'mfg.fitter': '钳工',
  'con.rebar': '钢筋工',
  'con.electrician': '电工',
  'con.plumber': '水暖工',
  'mfg.maintenance': '设备维修工',
  'con.excavator': '挖掘机司机',
  'tra.loader': '装载机司机',
  'agr.machinery': '农机手',
  'hos.cook': '厨师',
  'hos.pastry': '面点师',
  'hos.kitchen_helper': '帮厨',
  'dom.housekeeper': '家政服务员',
  'dom.elder_care': '养老护理员',
  'dom.cleaner': '保洁员',
  'tra.forklift': '叉车司机',
  'tra.warehouse': '仓管员',
  'tra.sorter': '分拣员',
  'con.bricklayer': '瓦工',
  'con.plasterer': '抹灰工',
  'con.tiler': '贴砖工',
};

/**
 * The bench's judged set: 60 workers and 90 openings of 12 employers over seven families of
 * related occupations, with every hard constraint represented (paused, filled, full, past
 * closing date, unverified and suspended employers, 帮扶岗位, certificates).
 */
export function defaultJudgedSet(seed = 20261201): JudgedSet {
  const rnd = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const asOf = '2026-12-01';
  const at = (day: number) => new Date(Date.UTC(2026, 10, day)).toISOString();
  const tiers: Tier[] = ['in_county', 'in_province', 'out_of_province'];
  const employers: EmployerSnapshot[] = Array.from({ length: 12 }, (_, i) => ({
    id: uuid(i + 1, 1),
    name: `和顺测评用工企业${i + 1}`,
    creditCode: '91140723MA0100001X',
    industry: 'construction',
    regionCode: '140723',
    tier: 'in_county',
    status: i === 10 ? 'pending' : i === 11 ? 'suspended' : 'verified',
    version: 1,
    updatedAt: at(1),
  }));
  const openings: OpeningSnapshot[] = Array.from({ length: 90 }, (_, i) => {
    const group = GROUPS[i % GROUPS.length]!;
    const occupation = pick(group);
    const tier = pick(tiers);
    const e = employers[i % employers.length]!;
    const second = rnd() < 0.3 ? pick(group.filter((c) => c !== occupation)) : undefined;
    const wageMin = 3000 + Math.floor(rnd() * 10) * 500;
    const status = i % 17 === 5 ? 'paused' : i % 19 === 7 ? 'closed' : 'open';
    return {
      id: uuid(i + 1, 2),
      employerId: e.id,
      employerName: e.name,
      employerVerified: e.status === 'verified',
      title: TITLES[occupation] ?? occupation,
      occupationCode: occupation,
      category: occupation.split('.')[0]!,
      requiredSkills: [
        {
          code: occupation,
          minLevel: 1 + Math.floor(rnd() * 3),
          certificateRequired: CERTIFIED.has(occupation) && rnd() < 0.6,
        },
        ...(second ? [{ code: second, minLevel: 1 + Math.floor(rnd() * 2), certificateRequired: false }] : []),
      ],
      worksiteRegionCode: pick(SITES[tier]),
      tier,
      headcount: 10,
      filledCount: i % 13 === 3 ? 10 : Math.floor(rnd() * 5),
      wageMin,
      wageMax: wageMin + 500 + Math.floor(rnd() * 4) * 500,
      benefits: { housing: rnd() < 0.5, meals: rnd() < 0.5, socialInsurance: rnd() < 0.6 },
      startDate: '2027-01-05',
      ...(i % 23 === 11 ? { closingDate: '2026-11-20' } : { closingDate: '2027-02-01' }),
      status,
      reservedForPoor: i % 9 === 4,
      publishedAt: at(1 + Math.floor(rnd() * 29)),
      version: 1,
      updatedAt: at(1),
    };
  });
  const prefsChoices: Tier[][] = [
    ['in_county'],
    ['in_county', 'in_province'],
    ['in_province', 'in_county'],
    ['out_of_province', 'in_province', 'in_county'],
    ['in_county', 'in_province', 'out_of_province'],
  ];
  const workers: WorkerSnapshot[] = Array.from({ length: 60 }, (_, i) => {
    const group = GROUPS[i % GROUPS.length]!;
    const n = 1 + Math.floor(rnd() * 2);
    const codes = new Set<string>();
    while (codes.size < n) codes.add(rnd() < 0.85 ? pick(group) : pick(pick(GROUPS)));
    const village = pick(['140723100236', '140723102201', '140723100201']);
    return {
      id: uuid(i + 1, 3),
      name: `测评工人${i + 1}`,
      gender: i % 2 ? 'male' : 'female',
      birthYear: 1980 + (i % 20),
      homeVillageCode: village,
      townshipCode: village.slice(0, 9),
      householdStatus: i % 3 === 0 ? 'registered_poor' : i % 7 === 0 ? 'monitored' : 'none',
      relocated: i % 5 === 0,
      skills: [...codes].map((code) => ({
        code,
        level: 1 + Math.floor(rnd() * 4),
        ...(CERTIFIED.has(code) && rnd() < 0.5 ? { certificateNo: `C${i}${code}` } : {}),
      })),
      tierPreferences: pick(prefsChoices),
      expectedMinWage: 3500 + Math.floor(rnd() * 8) * 500,
      employmentStatus: i % 11 === 6 ? 'employed' : 'seeking',
      unionMember: true,
      version: 1,
      updatedAt: at(1),
    };
  });
  return { asOf, employers, openings, workers };
}
