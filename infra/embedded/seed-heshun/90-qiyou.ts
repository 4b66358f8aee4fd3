import { heshunPlan, scaleFromEnv } from '../heshun-plan.ts';
import { daysAgo, importSheet, workbook } from '../heshun-sheets.ts';
import type { SeedContext } from '../seed-context.ts';

const DECLARATIONS: Record<string, { venue: string; rules: string; platform: string }> = {
  '140723100236': {
    venue: '村委会二楼“职工之家”活动室，配备桌椅、电脑和宣传栏',
    rules: '工作组议事规则、会员发展与管理制度、困难帮扶制度上墙',
    platform: '微信群“恋思村在外务工人员之家”',
  },
  '140723102201': {
    venue: '村党群服务中心一楼会议室兼作工会活动场所',
    rules: '工会工作组工作制度、会员联系制度汇编',
    platform: '微信群“白仁村务工人员联络群”',
  },
};

/**
 * The two pilot villages meet 七有 (ADR 0009): their service and income ledgers current (every
 * worker with an income line this year, above the poverty line), and venue, rules and platform
 * declared with evidence. The other items come from the registry, party and union steps.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const plan = heshunPlan(scaleFromEnv());
  const today = daysAgo(0);
  // This year's last full month, or this month in January.
  const month =
    today.slice(5, 7) === '01'
      ? today.slice(0, 7)
      : `${today.slice(0, 4)}-${String(Number(today.slice(5, 7)) - 1).padStart(2, '0')}`;
  for (const [k, code] of Object.keys(DECLARATIONS).entries()) {
    const v = plan.villages.find((x) => x.code === code)!;
    const services = v.workers
      .filter((_, i) => i % 3 === 0)
      .map((w, i) => [w.idNumber, '信息咨询', daysAgo(3 + (i % 40)), '走访', '推送县内外用工信息']);
    await importSheet(
      ctx,
      'services',
      await workbook('服务台账', ['身份证号', '服务类型', '服务日期', '服务方式', '服务内容'], services),
      `services of ${v.name}`,
    );
    const incomes = v.workers.map((w) => [w.idNumber, month, String(9000 + (w.i % 10) * 300), '工资性收入', '已核实']);
    await importSheet(
      ctx,
      'incomes',
      await workbook('收入台账', ['身份证号', '月份', '金额', '收入来源', '核实情况'], incomes),
      `incomes of ${v.name}`,
    );
    for (const [item, evidence] of Object.entries(DECLARATIONS[code]!)) {
      const r = await ctx.api.request('PUT', `/api/v1/villages/${code}/qiyou/${item}`, {
        token: ctx.admin,
        body: { declaredOn: daysAgo(20), evidence, documentRef: `${v.name}七有-${item}-2026` },
      });
      if (r.status !== 200 && r.status !== 201)
        throw new Error(`seed 七有 ${code} ${item}: ${r.status} ${JSON.stringify(r.body)}`);
    }
    ctx.progress('七有 pilot villages', k + 1, 2);
  }
}
