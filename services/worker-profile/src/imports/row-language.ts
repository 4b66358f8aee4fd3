import { type MessageTable, type ProblemLanguage, fieldMessageZh, renderMessage } from '@tongxin/service-platform';
import type { RowProblem } from './import-types.ts';

/**
 * Import row messages in the reader's language (ADR 0012). A report stores its messages as the
 * checks wrote them (the cell checks in Chinese, the others in English); each answer that carries
 * a report — the import's own, a job polled later, the 422 — renders them in the language of the
 * request that reads it, so a job started in one language can be read in the other.
 */
const ROW_MESSAGES: MessageTable = [
  [/^the same ID number is already in row (\d+)$/, (r) => `身份证号与第 ${r} 行重复`],
  [/^this person is already listed in row (\d+)$/, (r) => `此人已在第 ${r} 行列出`],
  [/^household belongs to village (.*)$/, (v) => `该户属于村 ${v}`],
  [/^this person is registered in a village outside your scope$/, () => '此人登记在您权限范围以外的村'],
  [/^must be a whole number$/, () => '须为整数'],
  [/^must be a whole number of yuan$/, () => '须为整数（元）'],
  [/^must be a whole number of people up to 100,000$/, () => '须为不超过 100,000 的整数（人）'],
  [
    /^unknown skill "(.*)" \(not a name or synonym in the taxonomy\)$/,
    (n) => `无法识别的技能“${n}”（不是工种名称或同义词）`,
  ],
  [/^(.*): level must be 1 to 5$/, (n) => `${n}：等级须为 1 到 5`],
  [/^(.*): years must be a whole number up to 60$/, (n) => `${n}：年限须为不超过 60 的整数`],
  [/^does not match the registered name of this ID number \((.*)\)$/, (n) => `与该身份证号登记的姓名（${n}）不一致`],
  [/^"(.*)" is not a month \(use YYYY-MM\)$/, (m) => `“${m}”不是月份（请写成 2026-11）`],
  [/^must be a past month after 2000$/, () => '须为 2000 年以后、本月以前的月份'],
  [/^must be an amount in yuan between 0 and 1,000,000$/, () => '须为 0 到 1,000,000 之间的金额（元）'],
  [/^"(.*)" is not one of (.*)$/, (v, c) => `“${v}”不是可选值之一：${c}`],
  [/^"(.*)" is not a known village or township code$/, (c) => `“${c}”不是已知的村或乡镇代码`],
  [/^is required for a party member$/, () => '党员必填'],
  [/^must be a 12-digit village code$/, () => '须为 12 位村代码'],
  [/^a member does not keep in touch with themselves$/, () => '联系人不能是本人'],
  [/^is required for an application$/, () => '申请入党者必填'],
  [/^is required for an activist$/, () => '入党积极分子必填'],
  [/^is required to set up a new party group$/, () => '新建党小组时必填'],
  [/^this person is a member of another party group \((.*)\)$/, (g) => `此人已是另一个党小组（${g}）的成员`],
  [/^is invalid$/, () => '无效'],
  [/^repeats row (\d+) \(same place, kind, date and name\)$/, (r) => `与第 ${r} 行重复（地点、类型、日期和名称相同）`],
  [
    /^repeats row (\d+) \(same worker, service, date, channel and content\)$/,
    (r) => `与第 ${r} 行重复（劳动力、服务、日期、渠道和内容相同）`,
  ],
  [/^repeats row (\d+) \(same worker, number and date\)$/, (r) => `与第 ${r} 行重复（劳动力、会员证号和日期相同）`],
  [
    /^the same worker, month and (.*) entry are already in row (\d+)$/,
    (v, r) => `同一劳动力同一月份的${v === 'verified' ? '核实' : v === 'self-reported' ? '自报' : v}收入已在第 ${r} 行`,
  ],
  [/^"(.*)" is not a past date$/, (d) => `“${d}”不是今天以前的日期`],
  [/^"(.*)" is not a date$/, (d) => `“${d}”不是日期`],
  [/^is longer than (\d+) characters$/, (n) => `超过 ${n} 个字`],
];

/**
 * The English of the cell checks' Chinese messages (ADR 0011 wrote them for clerks, in Chinese).
 * The values they quote — the cell as typed, the choices, village names — stay as they are.
 */
const ROW_MESSAGES_EN: MessageTable = [
  [/^"(.*)"无法识别：请填写 (.*)$/s, (v, c) => `"${v}" is not recognised: write one of ${c}`],
  [
    /^日期无法识别："(.*)"，请写成 2026-11-28 或 2026年11月28日$/s,
    (v) => `"${v}" is not a recognisable date: write 2026-11-28 or 2026年11月28日`,
  ],
  [
    /^时间无法识别："(.*)"，请写成 2026-11-28 08:00 或 2026年11月28日$/s,
    (v) => `"${v}" is not a recognisable time: write 2026-11-28 08:00 or 2026年11月28日`,
  ],
  [
    /^身份证号被 Excel 存成了数字（(.*)），末几位已丢失或改动：请把该列设为文本格式，重新填写完整的 18 位号码$/s,
    (v) =>
      `the ID number was stored by Excel as a number (${v}), so its last digits were lost or changed: format the column as text and enter all 18 characters again`,
  ],
  [/^村代码应为 12 位数字：(.*)$/s, (v) => `a village code has 12 digits: ${v}`],
  [/^村名重复：请写明乡镇，如 (.*)$/s, (v) => `several villages have this name: name the township too, e.g. ${v}`],
  [
    /^本县没有名为"(.*)"的村：请写村名（如 恋思村）或 12 位村代码$/s,
    (v) => `the county has no village named "${v}": write a village name (e.g. 恋思村) or a 12-digit village code`,
  ],
  [
    /^本县没有名为"(.*)"的乡镇或村：请写乡镇名、村名或区划代码$/s,
    (v) => `the county has no township or village named "${v}": write a township name, a village name or a region code`,
  ],
];

/** The English of a row message: English messages stay; the cell checks' Chinese ones are rendered. */
export function rowMessageEn(message: string): string {
  return renderMessage(ROW_MESSAGES_EN, message, (m) => m);
}

export function rowMessage(message: string, language: ProblemLanguage): string {
  // Row-only templates first; a message a field could carry too is rendered as the field's.
  return language === 'en' ? rowMessageEn(message) : renderMessage(ROW_MESSAGES, message, fieldMessageZh);
}

/** A report (or job) with its row messages in the reader's language; everything else unchanged. */
export function localizeReport<T extends { errors?: RowProblem[] }>(report: T, language: ProblemLanguage): T {
  if (!report.errors) return report;
  return { ...report, errors: report.errors.map((e) => ({ ...e, message: rowMessage(e.message, language) })) };
}
