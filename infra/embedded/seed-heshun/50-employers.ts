import { makeCreditCode } from '@tongxin/cn-codes';
import { childrenOf, regionShortName } from '@tongxin/regions';
import { loadTaxonomy } from '@tongxin/taxonomy';
import { COUNTY, heshunPlan, personName, scaleFromEnv } from '../heshun-plan.ts';
import { inParallel } from '../heshun-sheets.ts';
import type { SeedContext } from '../seed-context.ts';

const CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const INDUSTRIES = [
  'construction',
  'manufacturing',
  'agriculture',
  'hospitality',
  'domestic_care',
  'transport',
  'security',
  'mining_energy',
];
const WORDS: Record<string, string> = {
  construction: '建筑工程',
  manufacturing: '精密制造',
  agriculture: '农业开发',
  hospitality: '餐饮服务',
  domestic_care: '家政服务',
  transport: '物流',
  security: '物业服务',
  mining_energy: '新能源',
};
/**
 * In-province employers' districts (Shanxi) and out-of-province ones where the county's workers go; codes
 * of today's GB/T 2260 (大同 平城区 140213 and 长治 潞州区 140403 replaced the old 城区 codes).
 */
export const IN_PROVINCE = ['140702', '140105', '140106', '140109', '140802', '140213', '140403'];
export const OUT_OF_PROVINCE = ['320505', '440306', '110105', '330106'];
/**
 * The unified social credit code of the seed's employer `e` in `region`: distinct for every `e` below
 * 961 (e mod 31 alone repeated, and the 32nd in-county employer was the first's again: 409, one fewer).
 */
export function creditCodeOf(e: number, region: string): string {
  const high = Math.floor(e / 31);
  const serial = [7, 13, 3, 17, 23, 29, 11].map((m, k) => CHARSET[(e * m + high * 7 * (k + 1) + k * 5 + 3) % 31]);
  return makeCreditCode(`91${region.slice(0, 6)}MA${serial.join('')}`);
}
const day = (offset: number) => new Date(Date.now() + 8 * 3_600_000 + offset * 86_400_000).toISOString().slice(0, 10);

/**
 * Employers and their recruitment intents (招聘意向) through the API, as the county's employment
 * office registers them: 38 in the county, 13 elsewhere in Shanxi, 4 out of province (scaled),
 * each verified with two openings.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const plan = heshunPlan(scaleFromEnv());
  const taxonomy = loadTaxonomy();
  const townships = childrenOf(COUNTY).map((t) => t.code);
  const specs = [
    ...Array.from({ length: plan.figures.employers.in_county }, (_, k) => ({
      tier: 'in_county',
      region: townships[k % townships.length]!,
    })),
    ...Array.from({ length: plan.figures.employers.in_province }, (_, k) => ({
      tier: 'in_province',
      region: IN_PROVINCE[k % IN_PROVINCE.length]!,
    })),
    ...Array.from({ length: plan.figures.employers.out_of_province }, (_, k) => ({
      tier: 'out_of_province',
      region: OUT_OF_PROVINCE[k % OUT_OF_PROVINCE.length]!,
    })),
  ];
  const post = async (path: string, body: unknown, key: string): Promise<{ id: string }> => {
    const r = await ctx.api.post(path, body, ctx.admin, { 'idempotency-key': key });
    if (r.status === 409 && r.body.existingId) return { id: r.body.existingId };
    if (r.status !== 201 && r.status !== 200)
      throw new Error(`seed: POST ${path}: ${r.status} ${JSON.stringify(r.body)}`);
    return r.body;
  };
  const openingIds: string[] = [];
  let done = 0;
  await inParallel(specs, 2, async (s, e) => {
    const industry = INDUSTRIES[e % INDUSTRIES.length]!;
    const place = regionShortName(s.region) ?? '';
    const employer = await post(
      '/api/v1/employers',
      {
        name: `${s.tier === 'in_county' ? '和顺县' : ''}${place}${['同心', '太行', '晋兴', '鑫源', '华泰', '恒达'][e % 6]}${WORDS[industry]}有限公司${e >= 6 ? `（${e}）` : ''}`,
        creditCode: creditCodeOf(e, s.region),
        industry,
        regionCode: s.region,
        contact: { name: personName(70_000 + e), phone: `139${String(45_000_000 + e * 1_117).padStart(8, '0')}` },
      },
      `heshun-employer-${e}`,
    );
    const verified = await ctx.api.post(`/api/v1/employers/${employer.id}/verify`, undefined, ctx.admin);
    if (verified.status !== 200 && verified.body?.code !== 'EMPLOYER_ILLEGAL_TRANSITION')
      throw new Error(`seed: verify employer ${e}: ${verified.status} ${JSON.stringify(verified.body)}`);
    const occupations = taxonomy.all().filter((k) => k.category === industry);
    const sites = s.tier === 'in_county' ? childrenOf(s.region).map((v) => v.code) : [s.region];
    const mine: string[] = [];
    for (let k = 0; k < 2; k++) {
      const skill = occupations[(e + k) % occupations.length] ?? taxonomy.all()[e % taxonomy.all().length]!;
      const base = s.tier === 'in_county' ? 3000 : s.tier === 'in_province' ? 4200 : 5500;
      const opening = await post(
        '/api/v1/openings',
        {
          employerId: employer.id,
          title: skill.nameZh,
          occupationCode: skill.code,
          requiredSkills: [{ code: skill.code, minLevel: 1 + ((e + k) % 3), certificateRequired: false }],
          worksiteRegionCode: sites[(e + k) % sites.length] ?? s.region,
          headcount: 10 + ((e * 7 + k * 3) % 40),
          wageMin: base + (e % 5) * 300,
          wageMax: base + 2000,
          startDate: day(7 + (e % 20)),
          closingDate: day(90 + (e % 60)),
          reservedForPoor: k === 1,
          status: 'open',
        },
        `heshun-opening-${e}-${k}`,
      );
      mine.push(opening.id);
    }
    openingIds.push(...mine);
    await post(
      '/api/v1/recruitment-intents',
      {
        employerId: employer.id,
        committed: 20 + (e % 5) * 10,
        deadline: day(180),
        openingIds: mine,
        note: '县人社局招聘意向',
      },
      `heshun-intent-${e}`,
    );
    ctx.progress('employers and recruitment intents', ++done, specs.length);
  });
  ctx.state.openingIds = openingIds;
}
