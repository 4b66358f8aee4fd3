/**
 * 七有, the pilot standard of a village (PRODUCT.md §7; ADR 0009). What Tongxin can compute from
 * its ledgers it computes; venue, rules and platform are declared by an officer with evidence.
 */
export const QIYOU_ITEMS = ['organisation', 'venue', 'rules', 'platform', 'services', 'ledgers', 'results'] as const;
export type QiyouItem = (typeof QIYOU_ITEMS)[number];
export const DECLARED_ITEMS = ['venue', 'rules', 'platform'] as const;
export type DeclaredItem = (typeof DECLARED_ITEMS)[number];
export const isDeclared = (item: string): item is DeclaredItem => (DECLARED_ITEMS as readonly string[]).includes(item);

export const QIYOU_LABELS: Record<QiyouItem, string> = {
  organisation: '有组织',
  venue: '有阵地',
  rules: '有制度',
  platform: '有平台',
  services: '有服务',
  ledgers: '有台账',
  results: '有成效',
};

/** The pilot villages, listed first: 义兴镇恋思村 and 松烟镇白仁村. */
export const PILOT_VILLAGES = ['140723100236', '140723102201'];

/** Services count for 有服务, and a ledger is current, when an entry is at most this many days old. */
export const RECENT_DAYS = 90;

/** What the ledgers say about one village, gathered in a few queries for many villages at once. */
export interface VillageFacts {
  workGroup?: { name: string; leaderName: string };
  declarations: Partial<Record<DeclaredItem, Declaration>>;
  workers: number;
  /** The latest registration or registry change of a worker of the village. */
  registryLast?: string;
  employed: number;
  servicesRecent: number;
  servicesLast?: string;
  partyGroups: number;
  partyMembers: number;
  /** Workers of the village with at least one income line this year. */
  workersWithIncome: number;
  householdsAboveLine: number;
}

export interface Declaration {
  declaredOn: string;
  evidence: string;
  documentRef: string;
  declaredBy: string;
}

export interface ItemStatus {
  item: QiyouItem;
  label: string;
  source: 'computed' | 'declared';
  met: boolean;
  /** The evidence: the declaration, or what the ledgers show (Chinese, for the villages). */
  evidence?: { date?: string; text: string; documentRef?: string; declaredBy?: string };
  /** What the village still lacks for this item. */
  lacks?: string;
}

/** The day `days` before a county date (YYYY-MM-DD). */
export function daysBefore(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The seven items of one village as its facts show them on `today`. */
export function evaluate(f: VillageFacts, today: string): ItemStatus[] {
  const since = daysBefore(today, RECENT_DAYS);
  const computed = (item: QiyouItem, met: boolean, text: string, lacks: string, date?: string): ItemStatus => ({
    item,
    label: QIYOU_LABELS[item],
    source: 'computed',
    met,
    evidence: { ...(date ? { date } : {}), text },
    ...(met ? {} : { lacks }),
  });
  const declared = (item: DeclaredItem): ItemStatus => {
    const d = f.declarations[item];
    return {
      item,
      label: QIYOU_LABELS[item],
      source: 'declared',
      met: Boolean(d),
      ...(d
        ? { evidence: { date: d.declaredOn, text: d.evidence, documentRef: d.documentRef, declaredBy: d.declaredBy } }
        : { lacks: '尚未申报（需填写日期、说明和文件编号）' }),
    };
  };
  const registryCurrent = f.workers > 0 && (f.registryLast ?? '') >= since;
  const servicesCurrent = (f.servicesLast ?? '') >= since;
  const partyCurrent = f.partyGroups > 0 && f.partyMembers > 0;
  const incomesCurrent = f.workers > 0 && f.workersWithIncome >= f.workers;
  const stale = [
    registryCurrent ? '' : `登记台账（${RECENT_DAYS}天内无登记或更新）`,
    partyCurrent ? '' : '党建台账（无党小组或党员）',
    servicesCurrent ? '' : `服务台账（${RECENT_DAYS}天内无记录）`,
    incomesCurrent ? '' : `收入台账（${f.workers - f.workersWithIncome}人今年无收入记录）`,
  ].filter(Boolean);
  return [
    computed(
      'organisation',
      Boolean(f.workGroup),
      f.workGroup ? `工作组：${f.workGroup.name}（组长 ${f.workGroup.leaderName}）` : '无村级工作组',
      '建立有组长的村级工作组',
    ),
    declared('venue'),
    declared('rules'),
    declared('platform'),
    computed(
      'services',
      f.servicesRecent > 0,
      `近${RECENT_DAYS}天服务记录 ${f.servicesRecent} 条`,
      `近${RECENT_DAYS}天内记录服务`,
      f.servicesLast,
    ),
    computed(
      'ledgers',
      stale.length === 0,
      `务工人员 ${f.workers} 人，今年有收入记录 ${f.workersWithIncome} 人；党小组 ${f.partyGroups} 个，党员 ${f.partyMembers} 人`,
      `更新：${stale.join('；')}`,
      f.registryLast,
    ),
    computed(
      'results',
      f.employed > 0 && f.householdsAboveLine > 0,
      `在岗 ${f.employed} 人；今年人均收入达线户 ${f.householdsAboveLine} 户`,
      '需有在岗务工人员和人均收入达线的家庭',
    ),
  ];
}
