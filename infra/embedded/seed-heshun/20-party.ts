import { heshunPlan, scaleFromEnv } from '../heshun-plan.ts';
import { importSheet, inParallel, workbook } from '../heshun-sheets.ts';
import type { SeedContext } from '../seed-context.ts';

const HEADERS = [
  '类型',
  '身份证号',
  '党小组',
  '党小组村代码',
  '党小组组长',
  '入党日期',
  '联系务工人员身份证号',
  '申请日期',
  '确定积极分子日期',
];

/**
 * The party-building ledger (党建台账) of every village through the import: its party groups of
 * mobile party members (流动党员), the workers each keeps in touch with, the applicants and activists.
 */
export async function seed(ctx: SeedContext): Promise<void> {
  const plan = heshunPlan(scaleFromEnv());
  const done = new Set((ctx.state.partyVillages as string[] | undefined) ?? []);
  const todo = plan.villages.filter((v) => !done.has(v.code) && v.partyGroups.length > 0);
  let groups = plan.figures.partyGroups - todo.reduce((n, v) => n + v.partyGroups.length, 0);
  await inParallel(todo, 2, async (v) => {
    const rows: string[][] = [];
    for (const g of plan.partyGroups.filter((p) => p.villageCode === v.code)) {
      for (const [k, m] of g.members.entries()) {
        rows.push([
          '流动党员',
          m.worker.idNumber,
          g.name,
          g.villageCode,
          g.leaderName,
          `${2000 + ((m.worker.i + k) % 22)}-07-01`,
          m.contacts.map((c) => c.idNumber).join('；'),
          '',
          '',
        ]);
      }
      for (const a of g.applicants) {
        rows.push([
          a.activist ? '入党积极分子' : '入党申请人',
          a.worker.idNumber,
          '',
          '',
          '',
          '',
          '',
          '2025-04-01',
          a.activist ? '2025-10-01' : '',
        ]);
      }
    }
    await importSheet(ctx, 'party', await workbook('党建台账', HEADERS, rows), `party ledger of ${v.name}`);
    done.add(v.code);
    ctx.state.partyVillages = [...done];
    await ctx.checkpoint();
    groups += v.partyGroups.length;
    ctx.progress('village party ledgers (groups)', groups, plan.figures.partyGroups);
  });
}
