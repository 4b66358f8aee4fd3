import { PassThrough } from 'node:stream';
import { makeIdNumber } from '@tongxin/cn-codes';
import { childrenOf } from '@tongxin/regions';
import ExcelJS from 'exceljs';
import { REGISTRY_COLUMNS } from '../../src/imports/columns.ts';

/** The kinds of mistakes a generated sheet carries, one per bad row in turn. */
const MISTAKES = [
  [
    '身份证号',
    (r: Record<string, string>) =>
      (r['身份证号'] = r['身份证号']!.slice(0, 17) + (r['身份证号']!.endsWith('0') ? '1' : '0')),
  ],
  ['户籍村代码', (r: Record<string, string>) => (r['户籍村代码'] = '140723100999')],
  ['手机号', (r: Record<string, string>) => (r['手机号'] = '1234')],
  ['技能', (r: Record<string, string>) => (r['技能'] = '宇航员:3')],
  ['出生日期', (r: Record<string, string>) => (r['出生日期'] = '1960-01-01')],
  ['技能', (r: Record<string, string>) => (r['技能'] = '电焊工:7')],
  ['性别', (r: Record<string, string>) => (r['性别'] = '未知')],
  ['意向就业地', (r: Record<string, string>) => (r['意向就业地'] = '国外')],
] as const;

export interface GeneratedSheet {
  body: Buffer;
  /** Sheet row numbers (header = row 1) of the bad rows, with the column each names. */
  bad: Map<number, string>;
  rows: number;
}

/**
 * A registry sheet of `rows` people of the given township (valid ID numbers, skills by Chinese
 * name and synonym), with every `badEvery`-th row broken in one column. `seed` keeps ID numbers
 * of different sheets apart (up to 300 distinct seeds).
 */
export async function registrySheet(opts: {
  rows: number;
  badEvery?: number;
  township?: string;
  seed?: number;
  format?: 'xlsx' | 'csv';
}): Promise<GeneratedSheet> {
  const villages = childrenOf(opts.township ?? '140723100').map((v) => v.code);
  const seed = opts.seed ?? 0;
  const skillNames = ['电焊工', '瓦工', '钢筋工', '电工', '保洁', '厨师', '叉车司机', '育婴员'];
  const bad = new Map<number, string>();
  const records: Record<string, string>[] = [];
  for (let i = 0; i < opts.rows; i++) {
    const day = i % 12_000;
    const birth = new Date(Date.UTC(1965, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    const sequence = seed * 3 + Math.floor(i / 12_000);
    const id = makeIdNumber({ regionCode: '140723', birthDate: birth, sequence });
    const male = Number(id[16]) % 2 === 1;
    const r: Record<string, string> = {
      姓名: `${male ? '王' : '李'}${String.fromCharCode(0x4e00 + (i % 500))}${String.fromCharCode(0x4e00 + ((i * 7) % 900))}`,
      身份证号: id,
      性别: male ? '男' : '女',
      出生日期: birth,
      手机号: `13${String(900_000_000 + seed * 100_000 + i).padStart(9, '0')}`,
      // The two people of a household (户号) live in one village.
      户籍村代码: villages[Math.floor(i / 2) % villages.length]!,
      户号: `HS${seed}-${Math.floor(i / 2)}`,
      户类型: ['建档立卡', '一般', '防返贫监测'][i % 3]!,
      易地搬迁: i % 5 === 0 ? '是' : '否',
      文化程度: ['初中', '高中', '小学', '中专技校'][i % 4]!,
      技能: `${skillNames[i % skillNames.length]}:${1 + (i % 5)}:${i % 20}${i % 4 === 0 ? `:T${seed}-${i}` : ''}`,
      意向就业地: ['省内、县内', '县内', '省外、省内、县内'][i % 3]!,
      期望最低月薪: String(3000 + (i % 40) * 100),
      就业状态: '求职中',
      工会会员: i % 2 ? '是' : '否',
      同意书版本: '2026-1',
      同意时间: '2026-03-01',
    };
    if (opts.badEvery && i % opts.badEvery === opts.badEvery - 1) {
      const [column, spoil] = MISTAKES[Math.floor(i / opts.badEvery) % MISTAKES.length]!;
      spoil(r);
      bad.set(i + 2, column);
    }
    records.push(r);
  }
  const headers = REGISTRY_COLUMNS.map((c) => c.header).filter((h) => records[0]![h] !== undefined);
  if (opts.format === 'csv') {
    const esc = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
    const text = [headers.join(','), ...records.map((r) => headers.map((h) => esc(r[h] ?? '')).join(','))].join('\r\n');
    return { body: Buffer.from(text, 'utf8'), bad, rows: opts.rows };
  }
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: false });
  const ws = wb.addWorksheet('信息登记台账');
  ws.addRow(headers).commit();
  for (const r of records) ws.addRow(headers.map((h) => r[h] ?? '')).commit();
  ws.commit();
  await wb.commit();
  return { body: Buffer.concat(chunks), bad, rows: opts.rows };
}
