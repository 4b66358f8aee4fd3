/**
 * Chinese labels of coded values as the villages write them in their sheets, and back. Parsing
 * accepts the label, listed synonyms, or the code itself; exports write the first label.
 */
export class Labels<T extends string | boolean> {
  readonly #byText = new Map<string, T>();
  readonly #byValue = new Map<T, string>();

  constructor(entries: [T, string[]][]) {
    for (const [value, labels] of entries) {
      this.#byValue.set(value, labels[0]!);
      for (const l of labels) this.#byText.set(l.toLowerCase(), value);
      if (typeof value === 'string') this.#byText.set(value.toLowerCase(), value);
    }
  }

  parse(text: string): T | undefined {
    return this.#byText.get(text.trim().toLowerCase());
  }

  label(value: T): string {
    return this.#byValue.get(value) ?? String(value);
  }

  /** For error messages: the accepted labels. */
  get choices(): string {
    return [...this.#byValue.values()].join('/');
  }
}

export const GENDER = new Labels([
  ['male', ['男']],
  ['female', ['女']],
]);
export const YES_NO = new Labels<boolean>([
  [true, ['是', 'Y', 'yes', 'true', '1']],
  [false, ['否', 'N', 'no', 'false', '0']],
]);
export const HOUSEHOLD_STATUS = new Labels([
  ['registered_poor', ['建档立卡', '建档立卡户', '贫困户']],
  ['monitored', ['防返贫监测', '监测户', '边缘户']],
  ['none', ['一般', '一般户', '非贫困户', '无']],
]);
export const EDUCATION = new Labels([
  ['none', ['未上学', '文盲']],
  ['primary', ['小学']],
  ['junior_secondary', ['初中']],
  ['senior_secondary', ['高中']],
  ['vocational', ['中专技校', '中专', '技校', '职高']],
  ['college', ['大专', '专科']],
  ['bachelor', ['本科', '大学']],
  ['postgraduate', ['研究生', '硕士', '博士']],
]);
export const TIER = new Labels([
  ['in_county', ['县内']],
  ['in_province', ['省内', '省内县外']],
  ['out_of_province', ['省外']],
]);
export const EMPLOYMENT = new Labels([
  ['seeking', ['求职中', '待业', '未就业']],
  ['employed', ['已就业', '在岗', '务工中']],
  ['in_training', ['培训中']],
  ['not_seeking', ['暂不求职', '无意愿']],
]);
export const SERVICE = new Labels([
  ['training', ['创业就业培训', '培训', '培训服务']],
  ['information', ['信息咨询', '信息咨询服务']],
  ['rights', ['权益维护', '维权', '权益维护服务']],
  ['hardship', ['困难帮扶', '帮扶', '困难帮扶服务']],
  ['subsidy', ['资金奖补', '奖补', '资金奖补服务']],
  ['child_schooling', ['随迁子女就学', '子女就学', '随迁子女入学']],
  ['elder_care', ['留守老人照顾', '留守老人关爱', '关爱留守老人']],
  ['women_screening', ['妇女两癌筛查', '两癌筛查']],
  ['policy_publicity', ['惠农政策宣传', '政策宣传']],
  ['social_assistance', ['社会兜底救助', '兜底救助', '社会救助']],
]);
export const CHANNEL = new Labels([
  ['visit', ['走访', '入户']],
  ['phone', ['电话']],
  ['wechat', ['微信群', '微信']],
  ['office', ['办公室', '来访']],
  ['system', ['系统']],
]);
export const INCOME_SOURCE = new Labels([
  ['wages', ['工资性收入', '工资', '务工']],
  ['business', ['经营性收入', '经营']],
  ['property', ['财产性收入', '财产']],
  ['transfer', ['转移性收入', '转移']],
]);
export const VERIFIED = new Labels<boolean>([
  [true, ['已核实', '核实', '是']],
  [false, ['自报', '未核实', '否']],
]);
/** The 六个一 programme activities as county work plans name them. */
export const ACTIVITY = new Labels([
  ['letter', ['一封信', '致务工人员的一封信']],
  ['employer_notice', ['用工单位告知书', '告知书', '致用工单位的一封信']],
  ['symposium', ['座谈会', '一次座谈会']],
  ['training', ['培训', '一次培训', '技能培训']],
  ['visit', ['走访', '一次走访', '走访慰问']],
  ['exemplar', ['典型', '一个典型', '典型宣传']],
]);
export const PARTY_ROLE = new Labels([
  ['member', ['党员']],
  ['mobile_member', ['流动党员']],
  ['applicant', ['入党申请人', '申请人']],
  ['activist', ['入党积极分子', '积极分子']],
]);

/** Splits a list cell on the separators people type: 、 , ， ; ； and line breaks. */
export const splitList = (text: string): string[] =>
  text
    .split(/[、,，;；\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);

/**
 * A date cell as YYYY-MM-DD: 2026-03-14, 2026/3/14, 2026.3.14, 20260314, 2026年3月14日, or an
 * Excel serial day number (a date cell whose format was lost). Undefined when it is none of those.
 */
export function parseDate(text: string): string | undefined {
  const t = text.trim();
  let m: string[] | null = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(t);
  if (!m && /^\d{5}(\.\d+)?$/.test(t)) {
    const d = new Date(Date.UTC(1899, 11, 30) + Math.floor(Number(t)) * 86_400_000);
    m = [t, String(d.getUTCFullYear()), String(d.getUTCMonth() + 1), String(d.getUTCDate())];
  }
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A month cell as YYYY-MM: 2026-03, 2026/3, 2026年3月, 202603, or a date in that month. */
export function parseMonth(text: string): string | undefined {
  const t = text.trim();
  const m = /^(\d{4})[-/.年](\d{1,2})月?$/.exec(t) ?? /^(\d{4})(\d{2})$/.exec(t);
  if (m) {
    const mo = Number(m[2]);
    return mo >= 1 && mo <= 12 ? `${m[1]}-${String(mo).padStart(2, '0')}` : undefined;
  }
  return parseDate(t)?.slice(0, 7);
}
