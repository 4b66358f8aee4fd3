import type { Principal } from '@tongxin/auth';
import { regionShortName } from '@tongxin/regions';
import { type ReportColumn, reportSheet, reportWorkbook, ServiceContext } from '@tongxin/service-platform';
import { inject, injectable } from 'tsyringe';
import type { PlacementConfig } from '../config.ts';
import type { CoverageQuery, CoverageView, DashboardView, SubsidyListQuery, SubsidyView } from '../domain/schemas.ts';
import { CoverageService } from './coverage-service.ts';
import { DashboardService } from './dashboard-service.ts';
import { SubsidyService } from './subsidy-service.ts';

// What a county office files is in Chinese, whatever language the screen is in.
const HOUSEHOLD: Record<string, string> = { registered_poor: '建档立卡户', monitored: '防返贫监测户', none: '一般户' };
const EMPLOYMENT: Record<string, string> = {
  seeking: '求职中',
  employed: '已就业',
  in_training: '培训中',
  not_seeking: '暂不求职',
};
const REASON: Record<string, string> = {
  no_officer: '没有帮扶责任人',
  no_recent_contact: '近期没有联系',
  not_employed_training_or_referred: '未就业、未培训、未推荐',
};
const SUBSIDY_STATUS: Record<string, string> = { eligible: '待审批', approved: '已批准', paid: '已发放' };
const TIERS = ['in_county', 'in_province', 'out_of_province'] as const;
const TIER: Record<(typeof TIERS)[number], string> = {
  in_county: '县内',
  in_province: '省内县外',
  out_of_province: '省外',
};

const percent = (rate: number): string => `${(rate * 100).toFixed(1)}%`;
const place = (code: string): string => regionShortName(code) ?? code;
const day = (iso?: string): string => (iso ? iso.slice(0, 10) : '');

type Workbook = { body: Buffer; name: string; ascii: string };

/**
 * The coverage list, the subsidy ledger and the dashboard as xlsx, as county offices file them
 * (issue 19): the same figures and the same scope as their screens, every page of a list.
 */
@injectable()
export class ReportExport {
  constructor(
    @inject(ServiceContext) private readonly ctx: ServiceContext<PlacementConfig>,
    @inject(CoverageService) private readonly coverage: CoverageService,
    @inject(SubsidyService) private readonly subsidies: SubsidyService,
    @inject(DashboardService) private readonly dashboards: DashboardService,
  ) {}

  /** 覆盖清单: who is not covered and why, and the figures of each village. */
  async coverageList(p: Principal, q: Omit<CoverageQuery, 'limit' | 'cursor'>): Promise<Workbook> {
    // One computation with every person on it, rather than recomputing coverage for each page.
    const view = await this.coverage.coverage(p, { ...q, limit: Number.MAX_SAFE_INTEGER });
    const where = q.village ?? q.township;
    const caption = [
      `不漏一户、不落一人 覆盖清单${where ? `（${place(where)}）` : ''}`,
      `数据截至 ${view.asOf}；覆盖指 ${view.coverageDays} 天内有服务或联系、有帮扶责任人，且已就业、在培训或已推荐`,
    ];
    type Person = CoverageView['notCovered'][number];
    const people: ReportColumn<Person>[] = [
      { header: '姓名', width: 10, cell: (r) => r.name },
      { header: '乡镇', width: 12, cell: (r) => place(r.homeVillageCode.slice(0, 9)) },
      { header: '村', width: 14, cell: (r) => r.homeVillageName ?? r.homeVillageCode },
      { header: '户类别', width: 12, cell: (r) => HOUSEHOLD[r.householdStatus] ?? r.householdStatus },
      { header: '搬迁户', width: 8, cell: (r) => (r.relocated ? '是' : '') },
      { header: '就业状态', width: 10, cell: (r) => EMPLOYMENT[r.employmentStatus] ?? r.employmentStatus },
      { header: '最近联系', width: 12, cell: (r) => day(r.lastContact) },
      { header: '未覆盖原因', width: 40, cell: (r) => r.reasons.map((x) => REASON[x] ?? x).join('；') },
    ];
    type Area = CoverageView['townships'][number]['villages'][number];
    const rows = view.townships.flatMap((tw) => [
      { ...tw, township: tw.code, village: '' },
      ...tw.villages.map((v) => ({ ...v, township: tw.code, village: v.code })),
    ]);
    const areas: ReportColumn<Area & { township: string; village: string }>[] = [
      { header: '乡镇', width: 12, cell: (r) => place(r.township) },
      { header: '村', width: 14, cell: (r) => (r.village ? place(r.village) : '（合计）') },
      { header: '重点人员', width: 10, cell: (r) => r.target },
      { header: '建档立卡', width: 10, cell: (r) => r.registeredPoor },
      { header: '搬迁', width: 8, cell: (r) => r.relocated },
      { header: '已覆盖', width: 8, cell: (r) => r.covered },
      { header: '未覆盖', width: 8, cell: (r) => r.notCovered },
      { header: '覆盖率', width: 8, cell: (r) => percent(r.rate) },
    ];
    const body = await reportWorkbook([
      reportSheet('未覆盖人员', caption, people, view.notCovered),
      reportSheet('各村覆盖情况', caption, areas, rows),
    ]);
    const suffix = where ? `-${where}` : '';
    return { body, name: `覆盖清单${suffix}-${view.asOf}.xlsx`, ascii: `coverage${suffix}-${view.asOf}.xlsx` };
  }

  /** 奖补审批: the subsidies of one state (or all) in the caller's scope. */
  async subsidyLedger(p: Principal, q: Pick<SubsidyListQuery, 'status'>): Promise<Workbook> {
    const items: SubsidyView[] = [];
    let cursor: string | undefined;
    do {
      const page = await this.subsidies.list(p, { ...q, limit: 200, ...(cursor ? { cursor } : {}) });
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const asOf = this.ctx.calendar.today();
    const state = q.status ? SUBSIDY_STATUS[q.status] : '全部';
    const columns: ReportColumn<SubsidyView>[] = [
      { header: '姓名', width: 10, cell: (s) => s.workerName },
      { header: '乡镇', width: 12, cell: (s) => place(s.homeVillageCode.slice(0, 9)) },
      { header: '村', width: 14, cell: (s) => place(s.homeVillageCode) },
      { header: '奖补项目', width: 24, cell: (s) => s.ruleName ?? s.ruleId },
      { header: '金额（元）', width: 10, cell: (s) => s.amount },
      { header: '状态', width: 8, cell: (s) => SUBSIDY_STATUS[s.status] ?? s.status },
      { header: '符合条件日期', width: 12, cell: (s) => day(s.eligibleAt) },
      { header: '批准日期', width: 12, cell: (s) => day(s.approvedAt) },
      { header: '发放日期', width: 12, cell: (s) => day(s.paidAt) },
    ];
    const total = items.reduce((sum, s) => sum + s.amount, 0);
    const caption = [`资金奖补（${state}）`, `数据截至 ${asOf}；共 ${items.length} 笔，合计 ${total} 元`];
    const body = await reportWorkbook([reportSheet('奖补', caption, columns, items)]);
    const status = q.status ?? 'all';
    return { body, name: `奖补-${state}-${asOf}.xlsx`, ascii: `subsidies-${status}-${asOf}.xlsx` };
  }

  /** 数据看板: the dashboard's figures as rows of 类别, 指标, 数值, and its months. */
  async dashboard(p: Principal): Promise<Workbook> {
    const d = await this.dashboards.dashboard(p);
    const caption = [`数据看板${p.role === 'admin' ? '（全县）' : ''}`, `数据截至 ${d.asOf}`];
    const figure: ReportColumn<[string, string, number | string]>[] = [
      { header: '类别', width: 14, cell: (r) => r[0] },
      { header: '指标', width: 30, cell: (r) => r[1] },
      { header: '数值', width: 12, cell: (r) => r[2] },
    ];
    const month: ReportColumn<DashboardView['monthlyPlacements'][number]>[] = [
      { header: '月份', width: 10, cell: (m) => m.month },
      { header: '就业人数', width: 10, cell: (m) => m.placements },
      { header: '其中建档立卡或搬迁', width: 20, cell: (m) => m.poorOrRelocated },
    ];
    const body = await reportWorkbook([
      reportSheet('数据看板', caption, figure, dashboardFigures(d)),
      reportSheet('每月就业', caption, month, d.monthlyPlacements),
    ]);
    return { body, name: `数据看板-${d.asOf}.xlsx`, ascii: `dashboard-${d.asOf}.xlsx` };
  }
}

/** The dashboard's figures with their Chinese names, in the order the screen shows them. */
export function dashboardFigures(d: DashboardView): [string, string, number | string][] {
  const rows: [string, string, number | string][] = [
    ['务工人员', '登记务工人员', d.workers.registered],
    ['务工人员', '建档立卡户', d.workers.registeredPoor],
    ['务工人员', '建档立卡户占比', percent(d.workers.registeredPoorShare)],
    ['务工人员', '搬迁户', d.workers.relocated],
    ['务工人员', '工会会员', d.workers.unionMembers],
    ...Object.entries(d.workers.byEmploymentStatus).map(([k, n]): [string, string, number] => [
      '务工人员',
      EMPLOYMENT[k] ?? k,
      n,
    ]),
    ['户', '有务工人员的户', d.households.total],
    ['户', '建档立卡户', d.households.registeredPoor],
    ['户', '搬迁户', d.households.relocated],
    ['户', '防返贫监测户', d.households.monitored],
    ['户', '重点户', d.households.target],
    ['户', '已联系重点户', d.households.reached],
    ['户', '户覆盖率', percent(d.households.rate)],
    ['覆盖', '重点人员', d.coverage.target],
    ['覆盖', '已覆盖', d.coverage.covered],
    ['覆盖', '覆盖率', percent(d.coverage.rate)],
    ['党建', '党小组', d.party.groups],
    ['党建', '党员', d.party.members],
    ['党建', '流动党员', d.party.mobileMembers],
    ['党建', '联系群众', d.party.contacts],
    ['党建', '入党申请', d.party.applications],
    ['党建', '入党积极分子', d.party.activists],
    ['六个一活动', '活动次数', d.activities.total],
    ['六个一活动', '开展活动的村', d.activities.villages],
    ['六个一活动', '六项齐全的村', d.activities.villagesWithAllSix],
    ['工会', '村级工会工作组', d.union.workGroups],
    ['工会', '在册会员', d.union.members],
    ['工会', '七有达标村', d.union.qiyouVillagesMet],
    ['工会', '已评估七有的村', d.union.qiyouVillagesEvaluated],
    ['培训', '培训期数', d.training.batches],
    ['培训', '培训人数', d.training.trainees],
    ['培训', '报名人次', d.training.enrollments],
    ['培训', '结业', d.training.completed],
    ['培训', '在训', d.training.inTraining],
    ['用工企业', '用工企业', d.employers.total],
    ['用工企业', '已审核', d.employers.verified],
    ...TIERS.map((k): [string, string, number] => ['用工企业', TIER[k], d.employers.byTier[k]]),
    ['岗位', '在招岗位', d.openings.open],
    ['岗位', '在招岗位数', d.openings.positions],
    ['岗位', '帮扶岗位数', d.openings.reservedForPoorPositions],
    ['申请', '申请', d.applications.total],
    ['申请', '其中工作组推荐', d.applications.referrals],
    ['就业', '就业人数', d.placements.total],
    ['就业', '在岗', d.placements.active],
    ['就业', '已离职', d.placements.separated],
    ...TIERS.map((k): [string, string, number] => ['就业', TIER[k], d.placements.byTier[k]]),
    ['就业', '待回访', d.placements.followUpsDue],
    ['就业', '回访逾期', d.placements.followUpsOverdue],
    ['资金奖补', '待审批（笔）', d.subsidies.eligible],
    ['资金奖补', '待发放（笔）', d.subsidies.approved],
    ['资金奖补', '已发放（笔）', d.subsidies.paid],
    ['资金奖补', '已发放金额（元）', d.subsidies.paidAmount],
  ];
  return rows;
}
