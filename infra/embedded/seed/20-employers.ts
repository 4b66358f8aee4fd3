import { makeCreditCode } from '@tongxin/cn-codes';
import { childrenOf } from '@tongxin/regions';
import { loadTaxonomy } from '@tongxin/taxonomy';
import type { SeedContext } from '../seed-context.ts';

const PASSWORD = 'Tongxin#2026';

interface DemoEmployer {
  name: string;
  industry: string;
  /** Registered address: a township of 和顺县, or a district elsewhere. */
  regionCode: string;
  contact: string;
  /** How many openings it posts. */
  openings: number;
  /** The occupations it hires for, when not simply those of its industry. */
  occupations?: string[];
}

/** A demo county's employers: mostly in 和顺县, some elsewhere in Shanxi, a few out of province (as in the programme). */
const EMPLOYERS: DemoEmployer[] = [
  {
    name: '和顺县同心建筑工程有限公司',
    industry: 'construction',
    regionCode: '140723100',
    contact: '王建军',
    openings: 5,
  },
  {
    name: '和顺县松烟牧业专业合作社',
    industry: 'agriculture',
    regionCode: '140723102',
    contact: '李红梅',
    openings: 3,
  },
  {
    name: '和顺县青城食用菌产业有限公司',
    industry: 'agriculture',
    regionCode: '140723103',
    contact: '赵志刚',
    openings: 3,
  },
  {
    name: '和顺县横岭光伏发电有限公司',
    industry: 'mining_energy',
    regionCode: '140723104',
    contact: '张海龙',
    openings: 2,
    occupations: ['ene.pv', 'con.electrician'],
  },
  {
    name: '和顺县太行旅游开发有限公司',
    industry: 'hospitality',
    regionCode: '140723400',
    contact: '刘晓燕',
    openings: 4,
  },
  {
    name: '和顺县康馨家政服务有限公司',
    industry: 'domestic_care',
    regionCode: '140723400',
    contact: '陈丽华',
    openings: 3,
  },
  {
    name: '和顺县牛郎织女电子商务有限公司',
    industry: 'digital',
    regionCode: '140723101',
    contact: '郭晓东',
    openings: 3,
  },
  {
    name: '晋中市榆次区晋商物流有限公司',
    industry: 'transport',
    regionCode: '140702',
    contact: '杨国庆',
    openings: 4,
    occupations: ['tra.forklift', 'tra.warehouse', 'tra.sorter', 'tra.truck'],
  },
  {
    name: '太原市小店区龙城物业服务有限公司',
    industry: 'security',
    regionCode: '140105',
    contact: '孙建平',
    openings: 3,
    occupations: ['sec.guard', 'sec.property', 'dom.cleaner'],
  },
  { name: '苏州高新区精密制造有限公司', industry: 'manufacturing', regionCode: '320505', contact: '周明', openings: 4 },
  {
    name: '深圳市宝安区鹏城电子有限公司',
    industry: 'manufacturing',
    regionCode: '440306',
    contact: '吴佳',
    openings: 3,
    occupations: ['mfg.assembler', 'mfg.inspector', 'mfg.operator'],
  },
  {
    name: '北京朝阳区安心家政服务有限公司',
    industry: 'domestic_care',
    regionCode: '110105',
    contact: '郑淑芬',
    openings: 3,
  },
];

// GB 32100 characters a seeded code's serial part may use.
const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

/** A fixed, valid credit code per demo employer, so a re-run finds the same companies. */
function creditCodeOf(e: DemoEmployer, i: number): string {
  const county = e.regionCode.slice(0, 6);
  // Nine serial characters after the region: 'MA' (a registered company) and seven fixed per employer.
  const serial = `MA${[7, 13, 3, 17, 23, 29, 11].map((m, k) => CHARSET[(i * m + k * 5) % 31]).join('')}`;
  return makeCreditCode(`91${county}${serial}`);
}

const date = (days: number): string =>
  new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

/** Monthly wages by where the work is: higher the farther from home, RMB 3000–9000. */
function wages(regionCode: string, n: number): [number, number] {
  const base = regionCode.startsWith('140723') ? 3000 : regionCode.startsWith('14') ? 4200 : 5500;
  const min = base + (n % 5) * 300;
  return [min, Math.min(9000, min + 1200 + (n % 3) * 400)];
}

/**
 * The employer step: 12 verified employers registered through the API by the administrator,
 * about 40 open openings over the taxonomy's occupations (a few 帮扶岗位 reserved for the poor),
 * three recruitment intents, and the demo employer account `employer.demo` for the first company.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const taxonomy = loadTaxonomy();
  const total = EMPLOYERS.reduce((n, e) => n + e.openings, 0);
  const employerIds: string[] = [];
  const openingIds: string[] = [];
  const openingsOf: string[][] = EMPLOYERS.map(() => []);
  // Idempotency keys make a step interrupted and run again answer the same records instead of duplicating them.
  const post = async (path: string, body: unknown, key: string): Promise<{ id: string }> => {
    const r = await ctx.api.post(path, body, ctx.admin, { 'idempotency-key': key });
    if (r.status === 409 && r.body.code === 'EMPLOYER_ALREADY_REGISTERED') return { id: r.body.existingId };
    if (r.status !== 201) throw new Error(`seed: POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };

  let n = 0;
  for (const [i, e] of EMPLOYERS.entries()) {
    const employer = await post(
      '/api/v1/employers',
      {
        name: e.name,
        creditCode: creditCodeOf(e, i),
        industry: e.industry,
        regionCode: e.regionCode,
        contact: { name: e.contact, phone: `139${String(35_400_000 + i * 1_117).padStart(8, '0')}` },
      },
      `seed-employer-${i}`,
    );
    employerIds.push(employer.id);
    const verified = await ctx.api.post(`/api/v1/employers/${employer.id}/verify`, undefined, ctx.admin);
    if (verified.status !== 200 && verified.body?.code !== 'EMPLOYER_ILLEGAL_TRANSITION') {
      throw new Error(`seed: verify ${e.name}: ${verified.status} ${JSON.stringify(verified.body)}`);
    }

    const occupations =
      e.occupations?.map((code) => taxonomy.get(code)!) ?? taxonomy.all().filter((s) => s.category === e.industry);
    // In-county work is in the company's own villages; elsewhere at the company's address.
    const sites = e.regionCode.startsWith('140723') ? childrenOf(e.regionCode).map((v) => v.code) : [e.regionCode];
    for (let k = 0; k < e.openings; k++, n++) {
      const skill = occupations[(e.occupations ? k : k * 2 + i) % occupations.length]!;
      const [wageMin, wageMax] = wages(e.regionCode, n);
      const opening = await post(
        '/api/v1/openings',
        {
          employerId: employer.id,
          title: skill.nameZh,
          occupationCode: skill.code,
          requiredSkills: [
            {
              code: skill.code,
              minLevel: 1 + (n % 3),
              certificateRequired: skill.certificate !== undefined && n % 2 === 0,
            },
          ],
          description: `${e.name}招聘${skill.nameZh}，${n % 2 ? '有经验者优先' : '可培训上岗'}。`,
          worksiteRegionCode: sites[(n * 7) % sites.length] ?? e.regionCode,
          headcount: 2 + ((n * 5) % 19),
          wageMin,
          wageMax,
          benefits: {
            housing: !e.regionCode.startsWith('140723') || n % 3 === 0,
            meals: n % 2 === 0,
            socialInsurance: n % 4 !== 3,
          },
          hours: n % 3 === 0 ? '8小时/天，月休4天' : '8小时/天，双休',
          contractType: e.industry === 'agriculture' ? 'seasonal' : 'fixed_term',
          contractMonths: e.industry === 'agriculture' ? 6 : 12,
          startDate: date(7 + (n % 20)),
          closingDate: date(60 + (n % 60)),
          reservedForPoor: n % 6 === 1,
          status: 'open',
        },
        `seed-opening-${n}`,
      );
      openingIds.push(opening.id);
      openingsOf[i]!.push(opening.id);
      ctx.progress('openings', openingIds.length, total);
    }
  }

  // Recruitment intents (招聘意向) of one in-county, one in-province and one out-of-province employer.
  for (const [i, committed] of [
    [0, 30],
    [7, 20],
    [9, 50],
  ] as const) {
    const body = {
      employerId: employerIds[i],
      committed,
      deadline: date(180),
      openingIds: openingsOf[i],
      note: '县人社局招聘意向',
    };
    await post('/api/v1/recruitment-intents', body, `seed-intent-${i}`);
  }

  await ctx.createAccount({
    username: 'employer.demo',
    password: PASSWORD,
    role: 'employer',
    displayName: EMPLOYERS[0]!.name,
    employerId: employerIds[0]!,
  });
  ctx.state.employerIds = employerIds;
  ctx.state.openingIds = openingIds;
}
