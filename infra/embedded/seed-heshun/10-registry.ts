import { heshunPlan, personName, scaleFromEnv } from '../heshun-plan.ts';
import { importSheet, inParallel, workbook } from '../heshun-sheets.ts';
import type { SeedContext } from '../seed-context.ts';

const SKILLS = ['电焊工', '瓦工', '钢筋工', '电工', '保洁', '厨师', '叉车司机', '育婴员', '挖掘机驾驶员', '家政服务员'];
const HEADERS = [
  '姓名',
  '身份证号',
  '性别',
  '出生日期',
  '手机号',
  '户籍村代码',
  '现居地代码',
  '户号',
  '户类型',
  '易地搬迁',
  '迁出村代码',
  '安置点',
  '文化程度',
  '技能',
  '意向就业地',
  '期望最低月薪',
  '就业状态',
  '同意书版本',
  '同意时间',
];

/**
 * The registry (信息登记台账) of every village, one workbook per village through the import the
 * clerks use: the village's workers in households of two, registered-poor households apart, the
 * relocated villages' households registered at their relocation sites (现居地, 安置点).
 * Resumes after the villages already imported (an import again would change nothing anyway).
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const plan = heshunPlan(scaleFromEnv());
  const done = new Set((ctx.state.registryVillages as string[] | undefined) ?? []);
  let workers = plan.villages.filter((v) => done.has(v.code)).reduce((n, v) => n + v.workers.length, 0);
  const todo = plan.villages.filter((v) => !done.has(v.code));
  await inParallel(todo, 2, async (v) => {
    const rows = v.workers.map((w) => [
      personName(w.i),
      w.idNumber,
      w.gender === 'male' ? '男' : '女',
      w.birthDate,
      w.phone,
      v.code,
      v.relocated ? v.relocated.siteRegion : v.townshipCode,
      w.householdNo,
      w.poor ? '建档立卡' : '一般',
      v.relocated ? '是' : '否',
      v.relocated ? v.code : '',
      v.relocated ? v.relocated.site : '',
      ['初中', '高中', '小学', '中专技校'][w.i % 4]!,
      `${SKILLS[w.i % SKILLS.length]}:${1 + (w.i % 4)}:${w.i % 15}`,
      ['县内', '县内、省内', '省外、省内、县内', '省内、县内'][w.i % 4]!,
      String(3000 + (w.i % 12) * 250),
      w.i % 5 === 0 ? '已就业' : '求职中',
      '2026-1',
      '2026-03-01 08:00:00',
    ]);
    await importSheet(ctx, 'registry', await workbook('信息登记台账', HEADERS, rows), `registry of ${v.name}`);
    done.add(v.code);
    ctx.state.registryVillages = [...done];
    await ctx.checkpoint();
    workers += v.workers.length;
    ctx.progress('village registries (workers)', workers, plan.figures.workers);
  });
}
