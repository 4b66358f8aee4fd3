import type { EmployerSnapshot, OpeningSnapshot, Tier } from '../src/domain/snapshots.ts';

/**
 * The judged set for search: 和顺县's everyday jobs at the places its workers go, and the
 * queries they type — compound most of all — each with what must be found. What must be found
 * is written as criteria from the query's meaning (the occupation a worker means, the place,
 * benefits and wage asked for), not from the search code; every published opening meeting
 * them is a must-find. Criteria that the answer must never break (benefits, wage, the tiers
 * a tier word names) are its hard constraints.
 */
export type Benefit = 'housing' | 'meals' | 'socialInsurance';
export interface Criteria {
  occupation?: string;
  /** Worksite region code prefix. */
  region?: string;
  tiers?: Tier[];
  benefits?: Benefit[];
  wageMin?: number;
}
export interface JudgedQuery {
  q: string;
  must: Criteria;
  /** `compound`: more than one part; `engines-agree`: both engines must give the same first ten. */
  tags: ('compound' | 'simple' | 'engines-agree')[];
}
export interface SearchJudgedSet {
  asOf: string;
  employers: EmployerSnapshot[];
  openings: OpeningSnapshot[];
  queries: JudgedQuery[];
}

const SITES: { code: string; tier: Tier; name: string }[] = [
  { code: '140723100', tier: 'in_county', name: '义兴' },
  { code: '140723102', tier: 'in_county', name: '松烟' },
  { code: '140105', tier: 'in_province', name: '太原' },
  { code: '140702', tier: 'in_province', name: '榆次' },
  { code: '320505', tier: 'out_of_province', name: '苏州' },
  { code: '440306', tier: 'out_of_province', name: '深圳' },
  { code: '110105', tier: 'out_of_province', name: '北京' },
];

/** The county's occupations with the titles employers write for them. */
const JOBS: [string, string, string[], number][] = [
  ['mfg.operator', 'manufacturing', ['电子厂普工', '流水线操作工', '普工'], 4500],
  ['con.welder', 'construction', ['电焊工', '氩弧焊工', '焊工'], 6500],
  ['con.electrician', 'construction', ['电工', '水电工', '维修电工'], 6000],
  ['con.excavator', 'construction', ['挖掘机司机', '挖机司机', '挖掘机驾驶员'], 8000],
  ['con.laborer', 'construction', ['建筑小工', '力工', '工地杂工'], 4000],
  ['con.bricklayer', 'construction', ['瓦工', '砌筑工', '泥瓦工'], 6000],
  ['hos.cook', 'hospitality', ['厨师', '中餐厨师', '炒菜厨师'], 5500],
  ['hos.kitchen_helper', 'hospitality', ['帮厨', '洗碗工', '厨房帮工'], 3500],
  ['hos.waiter', 'hospitality', ['服务员', '餐厅服务员', '传菜员'], 3500],
  ['dom.housekeeper', 'domestic_care', ['家政服务员', '住家保姆', '保姆'], 5000],
  ['dom.maternity', 'domestic_care', ['月嫂', '母婴护理员', '月嫂 住家'], 9000],
  ['dom.elder_care', 'domestic_care', ['养老护理员', '护工', '养老院护理员'], 4500],
  ['dom.cleaner', 'domestic_care', ['保洁员', '保洁', '清洁工'], 3200],
  ['sec.guard', 'security', ['保安', '小区保安', '保安员'], 3800],
  ['tra.truck', 'transport', ['货车司机', '大车司机', '重卡司机'], 8000],
  ['tra.forklift', 'transport', ['叉车司机', '叉车工', '叉车司机 长期'], 5500],
  ['tra.rider', 'transport', ['外卖骑手', '送餐员', '骑手'], 6000],
  ['tra.courier', 'transport', ['快递员', '派件员', '快递小哥'], 6000],
  ['min.underground', 'mining_energy', ['煤矿井下工', '采煤工', '井下作业工'], 9000],
  ['agr.livestock', 'agriculture', ['肉牛养殖工', '饲养员', '养牛场饲养员'], 4000],
  ['agr.herbs', 'agriculture', ['中药材种植员', '药材种植工', '中药材种植'], 3500],
];

const uuid = (n: number, kind: number) => `00000000-0000-4000-9${kind}00-${String(n).padStart(12, '0')}`;
const at = (day: number) => new Date(Date.UTC(2026, 10, day)).toISOString();

function corpus(): { employers: EmployerSnapshot[]; openings: OpeningSnapshot[] } {
  const employers: EmployerSnapshot[] = [];
  const employerOf = new Map<string, EmployerSnapshot>();
  const employerFor = (site: (typeof SITES)[number], category: string) => {
    const key = `${site.code}/${category}`;
    let e = employerOf.get(key);
    if (!e) {
      const word = category === 'manufacturing' ? '电子科技' : category === 'hospitality' ? '餐饮' : '劳务';
      e = {
        id: uuid(employers.length + 1, 1),
        name: `${site.name}${word}有限公司${employers.length + 1}`,
        creditCode: '91140723MA0100001X',
        industry: category,
        regionCode: site.code.slice(0, 6),
        tier: site.tier,
        status: 'verified',
        version: 1,
        updatedAt: at(1),
      };
      employers.push(e);
      employerOf.set(key, e);
    }
    return e;
  };
  const openings: OpeningSnapshot[] = [];
  JOBS.forEach(([code, category, titles, wage], j) => {
    SITES.forEach((site, s) => {
      const i = openings.length;
      const e = employerFor(site, category);
      const premium = site.tier === 'out_of_province' ? 1500 : site.tier === 'in_province' ? 800 : 0;
      const wageMin = wage + premium + ((i * 7) % 5) * 100;
      openings.push({
        id: uuid(i + 1, 2),
        employerId: e.id,
        employerName: e.name,
        employerVerified: true,
        title: titles[(j + s) % titles.length]!,
        occupationCode: code,
        category,
        requiredSkills: [{ code, minLevel: 1, certificateRequired: false }],
        worksiteRegionCode: site.code,
        tier: site.tier,
        headcount: 10,
        filledCount: (i * 3) % 7,
        wageMin,
        wageMax: wageMin + 1000 + (i % 3) * 500,
        benefits: { housing: (i + j) % 2 === 0, meals: i % 3 !== 0, socialInsurance: i % 4 < 2 },
        ...(i % 5 === 0 ? { contractType: 'open_ended' } : i % 5 === 1 ? { contractType: 'seasonal' } : {}),
        startDate: '2027-01-05',
        closingDate: '2027-02-01',
        status: 'open',
        reservedForPoor: false,
        publishedAt: at(1 + (i % 29)),
        version: 1,
        updatedAt: at(1),
      });
    });
  });
  // Openings that must never be found: paused, filled, past their closing date, of an unverified employer.
  const hidden: Partial<OpeningSnapshot>[] = [
    { status: 'paused' },
    { status: 'closed' },
    { filledCount: 10 },
    { closingDate: '2026-11-20' },
    { employerVerified: false },
  ];
  const pending: EmployerSnapshot = {
    ...employers[0]!,
    id: uuid(employers.length + 1, 1),
    name: '未核验劳务有限公司',
    status: 'pending',
  };
  employers.push(pending);
  hidden.forEach((h, k) => {
    JOBS.forEach(([code], j) => {
      if (j % 3 !== k % 3) return;
      const base = openings[j * SITES.length + (k % SITES.length)]!;
      const owner = h.employerVerified === false ? { employerId: pending.id, employerName: pending.name } : {};
      openings.push({ ...base, id: uuid(openings.length + 1, 2), occupationCode: code, ...owner, ...h });
    });
  });
  return { employers, openings };
}

const H: Benefit[] = ['housing'];
const M: Benefit[] = ['meals'];
const HM: Benefit[] = ['housing', 'meals'];
const S: Benefit[] = ['socialInsurance'];
const OUT: Tier[] = ['out_of_province'];
const AWAY: Tier[] = ['in_province', 'out_of_province'];

/** [query, criteria]: written the way workers write, from this county's jobs and places. */
const QUERIES: [string, Criteria][] = [
  // ‹place›‹job›
  ['太原电子厂普工', { occupation: 'mfg.operator', region: '1401' }],
  ['苏州电子厂普工', { occupation: 'mfg.operator', region: '3205' }],
  ['深圳普工', { occupation: 'mfg.operator', region: '4403' }],
  ['北京流水线', { occupation: 'mfg.operator', region: '11' }],
  ['和顺电焊工', { occupation: 'con.welder', region: '140723' }],
  ['太原焊工', { occupation: 'con.welder', region: '1401' }],
  ['苏州电焊', { occupation: 'con.welder', region: '3205' }],
  ['晋中电工', { occupation: 'con.electrician', region: '1407' }],
  ['榆次水电工', { occupation: 'con.electrician', region: '140702' }],
  ['和顺县挖机司机', { occupation: 'con.excavator', region: '140723' }],
  ['太原勾机司机', { occupation: 'con.excavator', region: '1401' }],
  ['北京工地小工', { occupation: 'con.laborer', region: '11' }],
  ['义兴镇小工', { occupation: 'con.laborer', region: '140723100' }],
  ['松烟镇瓦工', { occupation: 'con.bricklayer', region: '140723102' }],
  ['太原泥瓦匠', { occupation: 'con.bricklayer', region: '1401' }],
  ['和顺厨师', { occupation: 'hos.cook', region: '140723' }],
  ['深圳大厨', { occupation: 'hos.cook', region: '4403' }],
  ['太原饭店服务员', { occupation: 'hos.waiter', region: '1401' }],
  ['北京服务员', { occupation: 'hos.waiter', region: '11' }],
  ['晋中洗碗工', { occupation: 'hos.kitchen_helper', region: '1407' }],
  ['太原保姆', { occupation: 'dom.housekeeper', region: '1401' }],
  ['北京月嫂', { occupation: 'dom.maternity', region: '11' }],
  ['深圳月嫂', { occupation: 'dom.maternity', region: '4403' }],
  ['和顺护工', { occupation: 'dom.elder_care', region: '140723' }],
  ['榆次养老护理员', { occupation: 'dom.elder_care', region: '140702' }],
  ['义兴镇保洁', { occupation: 'dom.cleaner', region: '140723100' }],
  ['太原保安', { occupation: 'sec.guard', region: '1401' }],
  ['苏州保安', { occupation: 'sec.guard', region: '3205' }],
  ['北京大车司机', { occupation: 'tra.truck', region: '11' }],
  ['晋中货车司机', { occupation: 'tra.truck', region: '1407' }],
  ['苏州叉车司机', { occupation: 'tra.forklift', region: '3205' }],
  ['深圳外卖骑手', { occupation: 'tra.rider', region: '4403' }],
  ['太原送外卖', { occupation: 'tra.rider', region: '1401' }],
  ['北京快递员', { occupation: 'tra.courier', region: '11' }],
  ['和顺煤矿井下工', { occupation: 'min.underground', region: '140723' }],
  ['松烟养牛', { occupation: 'agr.livestock', region: '140723102' }],
  ['和顺药材种植', { occupation: 'agr.herbs', region: '140723' }],
  // benefits and the job
  ['包吃住的厨师', { occupation: 'hos.cook', benefits: HM }],
  ['包吃住的普工', { occupation: 'mfg.operator', benefits: HM }],
  ['包吃住电焊工', { occupation: 'con.welder', benefits: HM }],
  ['包住的保安', { occupation: 'sec.guard', benefits: H }],
  ['管饭的小工', { occupation: 'con.laborer', benefits: M }],
  ['包吃的服务员', { occupation: 'hos.waiter', benefits: M }],
  ['五险一金 叉车司机', { occupation: 'tra.forklift', benefits: S }],
  ['有社保的保洁', { occupation: 'dom.cleaner', benefits: S }],
  ['包住 挖机司机', { occupation: 'con.excavator', benefits: H }],
  ['包食宿的帮厨', { occupation: 'hos.kitchen_helper', benefits: HM }],
  ['管吃住的快递员', { occupation: 'tra.courier', benefits: HM }],
  ['包吃住的护工', { occupation: 'dom.elder_care', benefits: HM }],
  ['五险一金的电工', { occupation: 'con.electrician', benefits: S }],
  ['包吃住煤矿工人', { occupation: 'min.underground', benefits: HM }],
  // 住家 / 小区 / ‹job›师傅 / ‹job›阿姨
  ['住家保姆', { occupation: 'dom.housekeeper' }],
  ['住家月嫂', { occupation: 'dom.maternity' }],
  ['住家护工', { occupation: 'dom.elder_care' }],
  ['小区保安', { occupation: 'sec.guard' }],
  ['小区保洁', { occupation: 'dom.cleaner' }],
  ['小区门卫', { occupation: 'sec.guard' }],
  ['电工师傅', { occupation: 'con.electrician' }],
  ['电焊师傅', { occupation: 'con.welder' }],
  ['挖机师傅', { occupation: 'con.excavator' }],
  ['叉车师傅', { occupation: 'tra.forklift' }],
  ['炒菜师傅', { occupation: 'hos.cook' }],
  ['瓦工师傅', { occupation: 'con.bricklayer' }],
  ['大车师傅', { occupation: 'tra.truck' }],
  ['保洁阿姨', { occupation: 'dom.cleaner' }],
  ['做饭阿姨', { occupation: 'hos.cook' }],
  ['养老院阿姨', { occupation: 'dom.elder_care' }],
  ['厨房小工', { occupation: 'hos.kitchen_helper' }],
  ['工地小工', { occupation: 'con.laborer' }],
  ['快递小哥', { occupation: 'tra.courier' }],
  // tier words
  ['省外电焊工', { occupation: 'con.welder', tiers: OUT }],
  ['外省普工', { occupation: 'mfg.operator', tiers: OUT }],
  ['外地挖机司机', { occupation: 'con.excavator', tiers: AWAY }],
  ['县内保安', { occupation: 'sec.guard', region: '140723' }],
  ['本地保洁', { occupation: 'dom.cleaner', region: '140723' }],
  ['本地厨师', { occupation: 'hos.cook', region: '140723' }],
  ['省内叉车司机', { occupation: 'tra.forklift', region: '14' }],
  ['省内月嫂', { occupation: 'dom.maternity', region: '14' }],
  ['省外服务员 包吃住', { occupation: 'hos.waiter', tiers: OUT, benefits: HM }],
  ['县内小工 管饭', { occupation: 'con.laborer', region: '140723', benefits: M }],
  // wage
  ['月薪6000以上的电工', { occupation: 'con.electrician', wageMin: 6000 }],
  ['工资八千以上挖机', { occupation: 'con.excavator', wageMin: 8000 }],
  ['六千以上普工', { occupation: 'mfg.operator', wageMin: 6000 }],
  ['一万以上的月嫂', { occupation: 'dom.maternity', wageMin: 10_000 }],
  ['保安 4000以上', { occupation: 'sec.guard', wageMin: 4000 }],
  ['月入7000 货车司机', { occupation: 'tra.truck', wageMin: 7000 }],
  ['日薪200 小工', { occupation: 'con.laborer', wageMin: 5200 }],
  ['苏州普工 月薪6000', { occupation: 'mfg.operator', region: '3205', wageMin: 6000 }],
  ['太原厨师 工资7000以上 包吃住', { occupation: 'hos.cook', region: '1401', wageMin: 7000, benefits: HM }],
  ['北京保安 包住 五千以上', { occupation: 'sec.guard', region: '11', benefits: H, wageMin: 5000 }],
  // kind of work and more than two parts
  ['长期电焊工', { occupation: 'con.welder' }],
  ['短期小工', { occupation: 'con.laborer' }],
  ['日结小工', { occupation: 'con.laborer' }],
  ['长期叉车司机 包吃住', { occupation: 'tra.forklift', benefits: HM }],
  ['太原长期普工', { occupation: 'mfg.operator', region: '1401' }],
  ['苏州电子厂普工 包吃住 五险一金', { occupation: 'mfg.operator', region: '3205', benefits: [...HM, ...S] }],
  ['和顺本地 厨房帮工 管饭', { occupation: 'hos.kitchen_helper', region: '140723', benefits: M }],
  ['深圳外卖骑手 月入八千', { occupation: 'tra.rider', region: '4403', wageMin: 8000 }],
  ['找个太原的保洁工作', { occupation: 'dom.cleaner', region: '1401' }],
  ['招聘北京月嫂 住家', { occupation: 'dom.maternity', region: '11' }],
  ['想找和顺的护工', { occupation: 'dom.elder_care', region: '140723' }],
  ['急招苏州叉车工 包住', { occupation: 'tra.forklift', region: '3205', benefits: H }],
  ['晋中 养老护理 包吃', { occupation: 'dom.elder_care', region: '1407', benefits: M }],
  ['榆次 服务员 管饭', { occupation: 'hos.waiter', region: '140702', benefits: M }],
  ['义兴镇 保安 门卫', { occupation: 'sec.guard', region: '140723100' }],
  // simple ones, which worked before and must keep working
  ['月嫂', { occupation: 'dom.maternity' }],
  ['骑手', { occupation: 'tra.rider' }],
  ['勾机司机', { occupation: 'con.excavator' }],
  ['保姆', { occupation: 'dom.housekeeper' }],
  ['电焊工', { occupation: 'con.welder' }],
  ['普工', { occupation: 'mfg.operator' }],
  ['护工', { occupation: 'dom.elder_care' }],
  ['wajueji', { occupation: 'con.excavator' }],
  ['yuesao', { occupation: 'dom.maternity' }],
  ['叉车', { occupation: 'tra.forklift' }],
];

export function searchJudgedSet(): SearchJudgedSet {
  const { employers, openings } = corpus();
  const queries: JudgedQuery[] = QUERIES.filter(([, must]) => Object.keys(must).length > 0).map(([q, must], i) => {
    const parts = [must.occupation, must.region ?? must.tiers, must.benefits, must.wageMin].filter(Boolean).length;
    const compound = parts > 1 || /住家|小区|师傅|阿姨|小工|小哥|长期|短期|日结/.test(q);
    return {
      q,
      must,
      tags: [compound ? 'compound' : 'simple', ...(i % 3 === 0 ? (['engines-agree'] as const) : [])],
    };
  });
  return { asOf: '2026-12-01', employers, openings, queries };
}
