import { missingColumns } from '../errors.ts';

/** One column of a ledger sheet: the Chinese header the template and exports write, and the ones also accepted. */
export interface Column {
  key: string;
  header: string;
  aliases?: string[];
  required?: boolean;
  /** Column width in the template and exports. */
  width?: number;
  /** A hint for people filling in the template (a cell comment). */
  hint?: string;
}

export const LEDGERS = ['registry', 'services', 'incomes', 'party', 'activities', 'union'] as const;
export type Ledger = (typeof LEDGERS)[number];

export const REGISTRY_COLUMNS: Column[] = [
  { key: 'name', header: '姓名', required: true, width: 10 },
  {
    key: 'idNumber',
    header: '身份证号',
    aliases: ['身份证号码', '公民身份号码'],
    required: true,
    width: 22,
    hint: '18位，设置为文本格式',
  },
  { key: 'gender', header: '性别', width: 6, hint: '男/女；空则取自身份证号' },
  { key: 'birthDate', header: '出生日期', width: 12, hint: '空则取自身份证号' },
  { key: 'phone', header: '手机号', aliases: ['联系电话', '手机号码'], required: true, width: 14 },
  {
    key: 'homeVillageCode',
    header: '户籍村代码',
    aliases: ['村代码', '行政村代码', '户籍村', '村', '村名'],
    required: true,
    width: 15,
    hint: '村名（如 恋思村；重名时写 义兴镇新庄村）或12位村代码',
  },
  { key: 'currentRegionCode', header: '现居地代码', width: 12 },
  { key: 'householdNo', header: '户号', width: 14 },
  { key: 'householdSize', header: '家庭人口', width: 8 },
  { key: 'householdStatus', header: '户类型', aliases: ['户属性'], width: 12, hint: '建档立卡/防返贫监测/一般' },
  { key: 'relocated', header: '易地搬迁', width: 8, hint: '是/否' },
  { key: 'originVillageCode', header: '迁出村代码', width: 15 },
  { key: 'resettlementSite', header: '安置点', width: 16 },
  { key: 'education', header: '文化程度', width: 10, hint: '未上学/小学/初中/高中/中专技校/大专/本科/研究生' },
  {
    key: 'skills',
    header: '技能',
    aliases: ['技能特长'],
    width: 30,
    hint: '名称:等级:年限:证书编号，多项用；分隔，如 电焊工:3:6:T1407；瓦工:2',
  },
  { key: 'tierPreferences', header: '意向就业地', width: 16, hint: '县内、省内、省外，按意愿排序' },
  { key: 'expectedMinWage', header: '期望最低月薪', width: 12 },
  { key: 'availableFrom', header: '可上岗日期', width: 12 },
  { key: 'employmentStatus', header: '就业状态', width: 10, hint: '求职中/已就业/培训中/暂不求职' },
  { key: 'unionMember', header: '工会会员', width: 8, hint: '是/否' },
  { key: 'unionJoinedAt', header: '入会日期', width: 12 },
  { key: 'consentVersion', header: '同意书版本', width: 10, hint: '新登记人员必填' },
  { key: 'consentAt', header: '同意时间', width: 22 },
];

export const SERVICE_COLUMNS: Column[] = [
  { key: 'idNumber', header: '身份证号', aliases: ['身份证号码'], required: true, width: 22 },
  { key: 'name', header: '姓名', width: 10, hint: '与登记姓名核对' },
  {
    key: 'service',
    header: '服务类型',
    required: true,
    width: 14,
    hint: '创业就业培训/信息咨询/权益维护/困难帮扶/资金奖补；随迁子女就学/留守老人照顾/妇女两癌筛查/惠农政策宣传/社会兜底救助',
  },
  { key: 'date', header: '服务日期', required: true, width: 12 },
  { key: 'channel', header: '服务方式', required: true, width: 10, hint: '走访/电话/微信群/办公室' },
  { key: 'note', header: '服务内容', width: 30 },
  { key: 'outcome', header: '服务结果', width: 20 },
  { key: 'officerId', header: '服务人', width: 14, hint: '空则为导入人' },
  {
    key: 'department',
    header: '实施部门',
    aliases: ['责任部门'],
    width: 14,
    hint: '家庭服务必填，如 教育局/民政局/卫健局/农业农村局',
  },
];

export const INCOME_COLUMNS: Column[] = [
  { key: 'idNumber', header: '身份证号', aliases: ['身份证号码'], required: true, width: 22 },
  { key: 'name', header: '姓名', width: 10 },
  { key: 'month', header: '月份', required: true, width: 10, hint: '如 2026-03' },
  { key: 'amount', header: '金额', aliases: ['收入金额', '月收入'], required: true, width: 10, hint: '元' },
  {
    key: 'source',
    header: '收入来源',
    width: 12,
    hint: '工资性收入/经营性收入/财产性收入/转移性收入（空为工资性收入）',
  },
  { key: 'employerName', header: '用工单位', width: 24 },
  { key: 'verified', header: '核实情况', width: 10, hint: '已核实/自报' },
  { key: 'note', header: '备注', width: 20 },
];

export const PARTY_COLUMNS: Column[] = [
  { key: 'role', header: '类型', required: true, width: 12, hint: '党员/流动党员/入党申请人/入党积极分子' },
  { key: 'idNumber', header: '身份证号', aliases: ['身份证号码'], required: true, width: 22 },
  { key: 'name', header: '姓名', width: 10 },
  { key: 'group', header: '党小组', width: 22, hint: '党员、流动党员必填；不存在则新建' },
  { key: 'groupVillageCode', header: '党小组村代码', width: 15, hint: '空则为本人户籍村' },
  { key: 'leaderName', header: '党小组组长', width: 10, hint: '新建党小组时必填' },
  { key: 'joinedPartyAt', header: '入党日期', width: 12 },
  { key: 'contacts', header: '联系务工人员身份证号', width: 40, hint: '多个用；分隔' },
  { key: 'appliedAt', header: '申请日期', width: 12, hint: '入党申请人、积极分子必填' },
  { key: 'activistAt', header: '确定积极分子日期', width: 14 },
];

/** 六个一 activities are held for a village or a township, not for one worker: no ID number here. */
export const ACTIVITY_COLUMNS: Column[] = [
  {
    key: 'kind',
    header: '活动类型',
    required: true,
    width: 14,
    hint: '一封信/用工单位告知书/座谈会/培训/走访/典型',
  },
  {
    key: 'regionCode',
    header: '区划代码',
    aliases: ['村代码', '乡镇代码'],
    required: true,
    width: 15,
    hint: '12位村代码或9位乡镇代码',
  },
  { key: 'date', header: '活动日期', required: true, width: 12 },
  { key: 'title', header: '活动名称', width: 24, hint: '同一天同类活动以名称区分' },
  { key: 'participants', header: '参加人数', width: 10 },
  { key: 'note', header: '活动内容', aliases: ['备注'], width: 30 },
];

/** The union ledger (工会会员台账): one row per membership, open or left. */
export const UNION_COLUMNS: Column[] = [
  { key: 'idNumber', header: '身份证号', aliases: ['身份证号码'], required: true, width: 22 },
  { key: 'name', header: '姓名', width: 10 },
  {
    key: 'workGroup',
    header: '工作组',
    aliases: ['村级工作组'],
    required: true,
    width: 22,
    hint: '本人户籍村所在的工作组名称',
  },
  { key: 'membershipNo', header: '会员证号', aliases: ['会员编号'], required: true, width: 16 },
  { key: 'joinedOn', header: '入会日期', required: true, width: 12 },
  { key: 'leftOn', header: '退会日期', width: 12, hint: '退会时填写' },
];

export const COLUMNS: Record<Ledger, Column[]> = {
  registry: REGISTRY_COLUMNS,
  services: SERVICE_COLUMNS,
  incomes: INCOME_COLUMNS,
  party: PARTY_COLUMNS,
  activities: ACTIVITY_COLUMNS,
  union: UNION_COLUMNS,
};

export const LEDGER_TITLES: Record<Ledger, string> = {
  registry: '信息登记台账',
  services: '服务台账',
  incomes: '收入台账',
  party: '党建台账',
  activities: '六个一活动台账',
  union: '工会会员台账',
};

/** Column positions by key; refuses a sheet that lacks a required column (before any row is read). */
export function locateColumns(headers: string[], columns: Column[]): Map<string, number> {
  const at = new Map<string, number>();
  for (const c of columns) {
    const i = headers.findIndex((h) => h === c.header || c.aliases?.includes(h));
    if (i >= 0) at.set(c.key, i);
  }
  const missing = columns.filter((c) => c.required && !at.has(c.key));
  if (missing.length) {
    throw missingColumns(missing.map((c) => c.header));
  }
  return at;
}
