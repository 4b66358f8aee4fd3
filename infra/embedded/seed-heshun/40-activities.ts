import { ACTIVITY_KINDS, heshunPlan, scaleFromEnv } from '../heshun-plan.ts';
import { importSheet, workbook } from '../heshun-sheets.ts';
import type { SeedContext } from '../seed-context.ts';

const TITLES: Record<(typeof ACTIVITY_KINDS)[number], string> = {
  letter: '致外出务工人员的一封信',
  employer_notice: '致用工企业的一份告知书',
  symposium: '返乡务工人员座谈会',
  training: '务工技能培训',
  visit: '入户走访',
  exemplar: '务工致富典型宣传',
};

/** 六个一: each village held all six activities this year; one activities sheet per township. */
export async function seed(ctx: SeedContext): Promise<void> {
  const plan = heshunPlan(scaleFromEnv());
  const townships = [...new Set(plan.villages.map((v) => v.townshipCode))];
  for (const [t, township] of townships.entries()) {
    const rows = plan.villages
      .filter((v) => v.townshipCode === township)
      .flatMap((v, k) =>
        ACTIVITY_KINDS.map((kind, j) => [
          kind === 'letter'
            ? '一封信'
            : kind === 'employer_notice'
              ? '用工单位告知书'
              : kind === 'symposium'
                ? '座谈会'
                : kind === 'training'
                  ? '培训'
                  : kind === 'visit'
                    ? '走访'
                    : '典型',
          v.code,
          `2026-${String(1 + j * 2).padStart(2, '0')}-${String(1 + (k % 27)).padStart(2, '0')}`,
          `${v.name}${TITLES[kind]}`,
          String(kind === 'letter' || kind === 'employer_notice' ? '' : 10 + ((k * 7 + j) % 40)),
        ]),
      );
    await importSheet(
      ctx,
      'activities',
      await workbook('六个一活动台账', ['活动类型', '区划代码', '活动日期', '活动名称', '参加人数'], rows),
      `activities of ${township}`,
    );
    ctx.progress('六个一 activities (townships)', t + 1, townships.length);
  }
}
