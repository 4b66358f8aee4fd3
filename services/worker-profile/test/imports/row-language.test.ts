import ExcelJS from 'exceljs';
import t from 'tap';
import { fieldMessageZh } from '@tongxin/service-platform';
import { isRowSource, messageLiterals } from '../../../../packages/service-platform/test/message-literals.ts';
import { DATE_HINT } from '../../src/imports/cells/dates.ts';
import { idNumberStoredAsNumber } from '../../src/imports/cells/id-number.ts';
import { resolveVillage, resolveVillageOrTownship } from '../../src/imports/cells/places.ts';
import { ERRORS_HEADER, errorWorkbook } from '../../src/imports/error-workbook.ts';
import { localizeReport, rowMessage } from '../../src/imports/row-language.ts';

// Row messages are stored as the checks wrote them and rendered when a report is read (ADR 0012).
const HAN = /\p{Script=Han}/u;
const problemOf = (r: { code: string } | { problem: string }) => ('problem' in r ? r.problem : '');

t.test('every row message the import checks write has a Chinese rendering', async (t) => {
  const rows = messageLiterals().filter((m) => isRowSource(m.file));
  t.ok(rows.length > 30, `found ${rows.length} row messages in the sources`);
  const untranslated = rows.filter((m) => !HAN.test(rowMessage(m.message, 'zh')));
  t.same(
    untranslated.map((m) => `${m.file}: ${m.message}`),
    [],
    'each needs a template in row-language.ts',
  );
});

t.test('every Chinese message the cell checks write has an English rendering', async (t) => {
  const chinese = messageLiterals()
    .filter((m) => isRowSource(m.file) && HAN.test(m.message))
    .map((m) => (m.message.startsWith('日期') ? m.message.replace(/7$/, DATE_HINT) : m.message));
  t.ok(chinese.length >= 6, `found ${chinese.length} Chinese cell messages`);
  const actual = [
    problemOf(resolveVillage('新庄村')),
    problemOf(resolveVillage('不存在村')),
    problemOf(resolveVillage('1407231002')),
    problemOf(resolveVillageOrTownship('火星')),
    idNumberStoredAsNumber('1.40723E+17') ?? '',
  ];
  for (const message of [...chinese, ...actual]) {
    const en = rowMessage(message, 'en');
    t.not(en, message, message);
    t.match(en, /^["a-z]/, `English: ${en}`);
  }
  t.equal(
    rowMessage(problemOf(resolveVillage('新庄村')), 'en'),
    'several villages have this name: name the township too, e.g. 义兴镇新庄村 / 青城镇新庄村',
  );
  t.equal(
    rowMessage(`日期无法识别："2026/2/30"，${DATE_HINT}`, 'en'),
    '"2026/2/30" is not a recognisable date: write 2026-11-28 or 2026年11月28日',
  );
  t.equal(rowMessage('must be a whole number', 'en'), 'must be a whole number', 'English messages stay');
});

t.test('a report reads in the language of the request, whichever wrote it', async (t) => {
  const report = {
    errors: [
      { row: 2, column: '入会日期', message: 'is in the future' },
      { row: 3, column: '户籍村', message: '村代码应为 12 位数字：1407231002' },
      { row: 4, message: 'repeats row 2 (same worker, number and date)' },
    ],
  };
  t.same(
    localizeReport(report, 'zh').errors.map((e) => e.message),
    ['晚于今天', '村代码应为 12 位数字：1407231002', '与第 2 行重复（劳动力、会员证号和日期相同）'],
  );
  t.same(
    localizeReport(report, 'en').errors.map((e) => e.message),
    ['is in the future', 'a village code has 12 digits: 1407231002', 'repeats row 2 (same worker, number and date)'],
  );
  t.equal(rowMessage('is in the future', 'zh'), fieldMessageZh('is in the future'));
});

t.test('the error workbook explains in Chinese, also messages stored in English', async (t) => {
  const csv = ['活动类型,区划代码,活动日期,活动名称,参加人数', '走访,恋思村,2099-03-06,恋思村走访,很多'].join('\n');
  const book = await errorWorkbook(Buffer.from(csv), 'activities', [
    { row: 2, column: '活动日期', message: 'must be a past date after 2000' },
    { row: 2, column: '参加人数', message: 'must be a whole number of people up to 100,000' },
  ]);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(book as never);
  const ws = wb.worksheets[0]!;
  const headers = (ws.getRow(1).values as unknown[]).slice(1);
  const explain = ws.getRow(2).getCell(headers.indexOf(ERRORS_HEADER) + 1).value;
  t.equal(explain, '活动日期：须为 2000 年以后、今天以前的日期；参加人数：须为不超过 100,000 的整数（人）');
  t.equal(ws.getRow(2).getCell(headers.indexOf('参加人数') + 1).note, '须为不超过 100,000 的整数（人）');
});
