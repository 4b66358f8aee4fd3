import { makeIdNumber } from '@tongxin/cn-codes';
import ExcelJS from 'exceljs';
import t from 'tap';
import { workerProfileStack } from './helpers/stack.ts';

// Registry sheets filled the way the county's clerks fill them, and the error workbook that gives a
// refused sheet back to correct in Excel (issue 20). Over HTTP, against the embedded database.
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const HEADERS = ['姓名', '身份证号', '出生日期', '手机号', '户籍村', '现居地代码', '易地搬迁', '工会会员', '入会日期'];
const MORE = ['可上岗日期', '意向就业地', '同意书版本', '同意时间'];

const ctx = workerProfileStack(t);

const upload = (body: Buffer, token: string, query = '') =>
  ctx.stack.api.request('POST', `/api/v1/workers/import${query}`, {
    token,
    raw: body,
    headers: { 'content-type': XLSX },
  });
const download = (path: string, token: string) => ctx.stack.api.download(path, token);
const workerOf = async (name: string) =>
  (
    await ctx.db.query(
      `SELECT home_village_code, current_region_code, birth_date::text AS birth, relocated, consent, phone_masked
         FROM worker_profile.workers WHERE name = $1`,
      [name],
    )
  ).rows[0] as Record<string, unknown> | undefined;
const fullWidth = (s: string) => [...s].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
const id = (sequence: number, birthDate = '1988-04-02') => makeIdNumber({ regionCode: '140723', birthDate, sequence });
const sheetOf = async (rows: unknown[][]): Promise<Buffer> => {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('信息登记台账');
  ws.addRow([...HEADERS, ...MORE]);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
};
/** An Excel date or date-time cell: exceljs keeps the wall-clock reading in the Date's UTC fields. */
const excelDate = (y: number, m: number, d: number, h = 0) => new Date(Date.UTC(y, m - 1, d, h));

t.test(
  'a registry sheet typed the way a clerk types it imports; what cannot be read is refused in Chinese',
  async (t) => {
    const rows: unknown[][] = [
      // Village by name, Chinese dates, a date-time typed as text, phone with dashes, 是/否.
      [
        '赵一',
        id(501),
        '1988年4月2日',
        '138-1234-5601',
        '恋思村',
        '',
        '否',
        '是',
        '2020年3月1日',
        '2026/12/15',
        '县内、省内',
        'v1',
        '2026-11-28 08:00:00',
      ],
      // Full-width digits, a township by name, an Excel date cell and date-time cell, 2026.11.28, √/有.
      [
        '钱二',
        fullWidth(id(502)),
        excelDate(1988, 4, 2),
        '１３８ １２３４ ５６０２',
        '义兴镇新庄村',
        '松烟镇',
        '×',
        '有',
        '2021.05.06',
        excelDate(2026, 12, 20),
        '省外',
        'v1',
        excelDate(2026, 11, 28, 8),
      ],
      // An ID number Excel stored as a number: its last digits are gone.
      ['孙三', Number('140723198804021234'), '', '13812345603', '恋思村', '', '否', '', '', '', '', 'v1', '2026-11-28'],
      // A village name two townships share.
      ['李四', id(504), '', '13812345604', '新庄村', '', '否', '', '', '', '', 'v1', '2026-11-28'],
      // A date nobody can read.
      ['周五', id(505), '', '13812345605', '恋思村', '', '否', '', '', '下周一', '', 'v1', '2026-11-28'],
    ];
    const r = await upload(await sheetOf(rows), ctx.officer, '?mode=valid-only');
    t.equal(r.status, 200, JSON.stringify(r.body).slice(0, 400));
    t.match(r.body, { total: 5, created: 2, invalid: 3, written: true });
    const errors = r.body.errors as { row: number; column: string; message: string }[];
    t.same(
      errors.map((e) => [e.row, e.column]),
      [
        [4, '身份证号'],
        [5, '户籍村代码'],
        [6, '可上岗日期'],
      ],
      'each refused row names its column',
    );
    t.match(errors[0]!.message, /存成了数字.*文本格式/);
    t.equal(errors[1]!.message, '村名重复：请写明乡镇，如 义兴镇新庄村 / 青城镇新庄村');
    t.equal(errors[2]!.message, '日期无法识别："下周一"，请写成 2026-11-28 或 2026年11月28日');
    t.equal(r.body.errorWorkbook, `/api/v1/workers/import/${r.body.jobId}/errors.xlsx`);

    const first = await workerOf('赵一');
    t.match(first, { home_village_code: '140723100236', birth: '1988-04-02', relocated: false, phone_masked: /^138/ });
    t.equal(Date.parse((first!.consent as { at: string }).at), Date.parse('2026-11-28T00:00:00Z'), '08:00 county time');
    const second = await workerOf('钱二');
    t.match(second, { home_village_code: '140723100239', current_region_code: '140723102' });
    t.equal(
      Date.parse((second!.consent as { at: string }).at),
      Date.parse('2026-11-28T00:00:00Z'),
      'an Excel date-time',
    );
    t.equal(await workerOf('孙三'), undefined, 'an ID number stored as a number is never taken');
  },
);

t.test('the error workbook: refused cells marked, corrected in Excel, imported cleanly, then unchanged', async (t) => {
  const rows: unknown[][] = [
    ['吴六', id(601), '', '13812346601', '恋思村', '', '否', '', '', '', '', 'v1', '2026-11-28'],
    ['郑七', id(602), '', '13812346602', '新庄村', '', '否', '', '', '', '', 'v1', '2026-11-28 08:00'],
    ['王八', Number('140723198804026011'), '', '13812346603', '恋思村', '', '是?', '', '', '', '', 'v1', '2026-11-28'],
  ];
  const refused = await upload(await sheetOf(rows), ctx.officer);
  t.equal(refused.status, 422, 'all or nothing: refused');
  const report = refused.body.report;
  t.match(report, { invalid: 2, created: 0 });
  const link = report.errorWorkbook as string;
  t.ok(link, 'the report links its error workbook');

  t.equal((await download(link, ctx.otherOfficer)).status, 404, 'another officer cannot fetch it');
  const audits = async () =>
    (
      await ctx.db.query(`SELECT count(*)::int AS n FROM worker_profile.audit_log WHERE purpose = $1`, [
        `import-errors:${report.jobId}`,
      ])
    ).rows[0].n as number;
  t.equal(await audits(), 0);
  const file = await download(link, ctx.officer);
  t.equal(file.status, 200);
  t.equal(file.headers.get('content-type'), XLSX);
  t.equal(await audits(), 1, 'the download is audited');
  t.equal((await download(link, ctx.admin)).status, 200, 'an administrator may fetch it');

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.body as never);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1);
  const col = (h: string) => headers.indexOf(h) + 1;
  t.equal(headers.at(-1), '错误说明');
  t.equal(ws.getRow(2).getCell(col('错误说明')).value, null, 'a valid row has no explanation');
  const villageCell = ws.getRow(3).getCell(col('户籍村'));
  t.match(villageCell.fill, { type: 'pattern', fgColor: { argb: 'FFFFC7CE' } }, 'refused cell in red');
  t.match(String(villageCell.note), /村名重复/);
  t.match(String(ws.getRow(3).getCell(col('错误说明')).value), /^户籍村代码：村名重复/);
  const idCell = ws.getRow(4).getCell(col('身份证号'));
  t.match(String(idCell.note), /存成了数字/);
  t.match(String(ws.getRow(4).getCell(col('错误说明')).value), /身份证号：.*易地搬迁：/s);
  t.notOk(ws.getRow(2).getCell(col('户籍村')).note, 'valid cells unmarked');

  // The clerk corrects the marked cells in Excel and uploads the same workbook again.
  villageCell.value = '义兴镇新庄村';
  idCell.value = id(603);
  ws.getRow(4).getCell(col('易地搬迁')).value = '是';
  const corrected = Buffer.from(await wb.xlsx.writeBuffer());
  const fixed = await upload(corrected, ctx.officer);
  t.equal(fixed.status, 200, JSON.stringify(fixed.body).slice(0, 400));
  t.match(fixed.body, { total: 3, created: 3, invalid: 0, errors: [] });
  t.notOk(fixed.body.errorWorkbook, 'no error workbook without refused rows');
  t.match(await workerOf('郑七'), { home_village_code: '140723100239' });

  const again = await upload(corrected, ctx.officer);
  t.match(again.body, { total: 3, created: 0, updated: 0, unchanged: 3 }, 're-upload changes nothing');
});

t.test('activities by township and village name; a CSV comes back as an error workbook', async (t) => {
  const csv = [
    '活动类型,区划代码,活动日期,活动名称,参加人数',
    '座谈会,义兴镇,2026年3月5日,义兴镇返乡座谈会,３０',
    '走访,恋思村,2026.03.06,恋思村走访,',
    '走访,新庄村,2026-03-07,新庄村走访,',
  ].join('\n');
  const r = await ctx.stack.api.request('POST', '/api/v1/workers/import?ledger=activities&mode=valid-only', {
    token: ctx.officer,
    raw: Buffer.from(csv),
    headers: { 'content-type': 'text/csv' },
  });
  t.equal(r.status, 200, JSON.stringify(r.body).slice(0, 300));
  t.match(r.body, { created: 2, invalid: 1 });
  t.same(
    r.body.errors.map((e: { row: number; column: string; message: string }) => [e.row, e.column, e.message]),
    [[4, '区划代码', '村名重复：请写明乡镇，如 义兴镇新庄村 / 青城镇新庄村']],
  );
  const stored = await ctx.db.query(
    `SELECT region_code, date::text AS date, participants FROM worker_profile.activities WHERE title LIKE '%走访' OR title LIKE '%座谈会' ORDER BY date`,
  );
  t.same(stored.rows.slice(-2), [
    { region_code: '140723100', date: '2026-03-05', participants: 30 },
    { region_code: '140723100236', date: '2026-03-06', participants: null },
  ]);

  const file = await download(r.body.errorWorkbook, ctx.officer);
  t.equal(file.status, 200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.body as never);
  const ws = wb.worksheets[0]!;
  t.same((ws.getRow(1).values as unknown[]).slice(1), [
    '活动类型',
    '区划代码',
    '活动日期',
    '活动名称',
    '参加人数',
    '错误说明',
  ]);
  t.match(String(ws.getRow(4).getCell(2).note), /村名重复/);
  ws.getRow(4).getCell(2).value = '义兴镇新庄村';
  const again = await upload(Buffer.from(await wb.xlsx.writeBuffer()), ctx.officer, '?ledger=activities');
  t.match(
    again.body,
    { created: 1, unchanged: 2, invalid: 0 },
    'the corrected workbook imports; the rest is unchanged',
  );
});

t.test(
  'the registry template: drop-downs of labels and of the officer’s villages by name, an example, filled and imported',
  async (t) => {
    const tpl = await download('/api/v1/workers/import/template', ctx.officer);
    t.equal(tpl.status, 200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(tpl.body as never);
    const [ws, help, options] = wb.worksheets;
    t.same(
      wb.worksheets.map((w) => [w.name, w.state]),
      [
        ['信息登记台账', 'visible'],
        ['填写说明', 'visible'],
        ['选项', 'hidden'],
      ],
    );
    const headers = (ws!.getRow(1).values as unknown[]).slice(1);
    const col = (h: string) => headers.indexOf(h) + 1;
    const listOf = (h: string) => {
      const v = ws!.getRow(2).getCell(col(h)).dataValidation;
      const m = /^选项!\$([A-Z]+)\$1:\$[A-Z]+\$(\d+)$/.exec(String(v?.formulae?.[0]));
      if (!m) return [];
      return Array.from({ length: Number(m[2]) }, (_, i) => String(options!.getCell(`${m[1]}${i + 1}`).value));
    };
    t.same(listOf('性别'), ['男', '女']);
    t.same(listOf('易地搬迁'), ['是', '否']);
    const villages = listOf('户籍村代码');
    t.ok(
      villages.includes('恋思村') && villages.includes('义兴镇新庄村'),
      'villages by name, repeated names with township',
    );
    t.notOk(villages.includes('青城镇新庄村'), "only the officer's villages");
    t.equal(ws!.getRow(500).getCell(col('户籍村代码')).dataValidation?.type, 'list', 'for the rows to fill');
    t.equal(ws!.getColumn(col('身份证号')).numFmt, '@', 'ID numbers are text');
    t.ok(
      help!.getSheetValues().some((r) => Array.isArray(r) && r.includes('恋思村')),
      'the 填写说明 sheet shows an example row',
    );

    ws!.getRow(2).values = headers.map(
      (h) =>
        ({
          姓名: '冯九',
          身份证号: id(901),
          手机号: '139 0000 9901',
          户籍村代码: '义兴镇新庄村',
          易地搬迁: '否',
          同意书版本: 'v1',
          同意时间: '2026年11月28日 08:00',
        })[h as string] ?? null,
    );
    const filled = await upload(Buffer.from(await wb.xlsx.writeBuffer()), ctx.officer);
    t.equal(filled.status, 200, JSON.stringify(filled.body).slice(0, 300));
    t.match(filled.body, { created: 1, invalid: 0 });
    t.match(await workerOf('冯九'), { home_village_code: '140723100239' });
  },
);
