import { makeIdNumber } from '@tongxin/cn-codes';
import { loadTaxonomy } from '@tongxin/taxonomy';
import t from 'tap';
import { parseClerkDate, parseDateTime } from '../../src/imports/cells/dates.ts';
import { idNumberStoredAsNumber } from '../../src/imports/cells/id-number.ts';
import { resolveVillage, resolveVillageOrTownship } from '../../src/imports/cells/places.ts';
import { normalizeCell, phoneDigits } from '../../src/imports/cells/text.ts';
import { CLERK_YES_NO } from '../../src/imports/cells/yes-no.ts';
import { parseRegistryRow } from '../../src/imports/registry-rows.ts';
import { cellText } from '../../src/imports/sheet/read-sheet.ts';

// Cells as the county's clerks write them, parsed by pure functions: no HTTP, no database.
const COUNTY = 480;

t.test('dates in the forms clerks type and Excel stores', async (t) => {
  for (const text of ['2026-11-28', '2026/11/28', '2026.11.28', '2026年11月28日', '2026-11-28 00:00:00', '20261128'])
    t.equal(parseClerkDate(text), '2026-11-28', text);
  t.equal(parseClerkDate('2026/2/30'), undefined, 'no 30 February');
  t.equal(parseClerkDate('28.11.2026'), undefined, 'day first is refused');
  t.equal(parseClerkDate('明天'), undefined);
});

t.test('date-times without a zone are county time (UTC+8)', async (t) => {
  const cases: [string, string][] = [
    ['2026-11-28 08:00:00', '2026-11-28T08:00:00+08:00'],
    ['2026-11-28 08:00', '2026-11-28T08:00:00+08:00'],
    ['2026/11/28 8:05', '2026-11-28T08:05:00+08:00'],
    ['2026.11.28 08:00:00', '2026-11-28T08:00:00+08:00'],
    ['2026年11月28日 08:00', '2026-11-28T08:00:00+08:00'],
    ['2026年11月28日8时30分', '2026-11-28T08:30:00+08:00'],
    ['2026-11-28', '2026-11-28T00:00:00+08:00'],
    ['2026-11-28T00:00:00Z', '2026-11-28T00:00:00Z'],
    ['2026-11-28T08:00', '2026-11-28T08:00:00+08:00'],
    // An Excel serial with its time fraction (2026-11-28 08:00).
    ['46354.333333333', '2026-11-28T08:00:00+08:00'],
  ];
  for (const [text, at] of cases) t.equal(parseDateTime(text, COUNTY), at, text);
  t.equal(Date.parse(parseDateTime('2026-11-28 08:00:00', COUNTY)!), Date.parse('2026-11-28T00:00:00Z'), 'the instant');
  for (const bad of ['2026-11-28 24:00', '2026-11-28 08:60', '2026-13-01 08:00', 'soon'])
    t.equal(parseDateTime(bad, COUNTY), undefined, `refused: ${bad}`);
});

t.test('Excel date and date-time cells are read as their wall-clock text', async (t) => {
  t.equal(cellText(new Date(Date.UTC(2026, 10, 28))), '2026-11-28');
  t.equal(cellText(new Date(Date.UTC(2026, 10, 28, 8))), '2026-11-28 08:00:00');
  t.equal(cellText(13_912_345_678), '13912345678');
  t.match(cellText(Number('140723198001011234')), /^1\.4\d*e\+17$/, 'an 18-digit number shows as Excel shows it');
});

t.test('yes and no: 是/否, 有/无, √/×, Y/N, true/false', async (t) => {
  for (const y of ['是', '有', '√', 'Y', 'y', 'true', '1']) t.equal(CLERK_YES_NO.parse(y), true, y);
  for (const n of ['否', '无', '×', 'N', 'false', '0']) t.equal(CLERK_YES_NO.parse(n), false, n);
  t.equal(CLERK_YES_NO.parse('也许'), undefined);
});

t.test('full-width digits, letters and spaces become half-width; phones lose spaces and dashes', async (t) => {
  t.equal(normalizeCell('１３８\u3000００００\u3000０００１'), '138 0000 0001');
  t.equal(normalizeCell('ＡＢ１２３ '), 'AB123');
  t.equal(normalizeCell('恋思村'), '恋思村', 'Chinese unchanged');
  t.equal(normalizeCell('２０２６－１１－２８　０８：００'), '2026-11-28 08:00');
  t.equal(
    normalizeCell('义兴镇（恋思村）党小组，一组'),
    '义兴镇（恋思村）党小组，一组',
    'Chinese punctuation unchanged',
  );
  t.equal(phoneDigits('138-0000-0001'), '13800000001');
  t.equal(phoneDigits('138 0000 0001'), '13800000001');
  t.equal(phoneDigits('+86 138 0000 0001'), '13800000001');
});

t.test('an ID number stored as a number is refused with its reason', async (t) => {
  t.match(idNumberStoredAsNumber('1.40723E+17'), /存成了数字.*文本格式/);
  t.match(idNumberStoredAsNumber(cellText(Number('140723198001011234'))), /存成了数字/);
  t.equal(idNumberStoredAsNumber('14072319800101123X'), undefined);
});

t.test('villages and townships by name', async (t) => {
  t.same(resolveVillage('恋思村'), { code: '140723100236' });
  t.same(resolveVillage('恋思村村民委员会'), { code: '140723100236' }, 'the recorded name');
  t.same(resolveVillage('义兴镇恋思村'), { code: '140723100236' });
  t.same(resolveVillage('和顺县义兴镇恋思村'), { code: '140723100236' });
  t.same(resolveVillage('140723100236'), { code: '140723100236' }, 'codes as before');
  t.same(resolveVillage('青城镇新庄村'), { code: '140723103202' });
  const ambiguous = resolveVillage('新庄村');
  t.ok('problem' in ambiguous);
  t.match(ambiguous, { problem: /^村名重复：请写明乡镇，如 义兴镇新庄村 \/ 青城镇新庄村$/ });
  t.match(resolveVillage('不存在村'), { problem: /没有名为"不存在村"的村/ });
  t.match(resolveVillage('1407231002'), { problem: /12 位/ });
  t.same(resolveVillageOrTownship('义兴镇'), { code: '140723100' });
  t.same(resolveVillageOrTownship('松烟'), { code: '140723102' });
  t.same(resolveVillageOrTownship('恋思村'), { code: '140723100236' });
  t.match(resolveVillageOrTownship('火星'), { problem: /乡镇或村/ });
});

t.test('a registry row typed the way a clerk types it', async (t) => {
  const id = makeIdNumber({ regionCode: '140723', birthDate: '1990-05-06', sequence: 8 });
  const fullWidthId = [...id].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('');
  const row: Record<string, string> = {
    name: '李梅',
    idNumber: normalizeCell(fullWidthId),
    phone: '138-0000-0001',
    homeVillageCode: '义兴镇恋思村',
    currentRegionCode: '松烟镇',
    relocated: '√',
    originVillageCode: '青城镇新庄村',
    unionMember: '有',
    unionJoinedAt: '2020年3月1日',
    availableFrom: '2026.12.01',
    tierPreferences: '县内、省内',
    consentVersion: 'v1',
    consentAt: '2026-11-28 08:00:00',
  };
  const { given, errors } = parseRegistryRow((k) => row[k] ?? '', loadTaxonomy(), COUNTY);
  t.same(errors, []);
  t.match(given, {
    idNumber: id,
    phone: '13800000001',
    homeVillageCode: '140723100236',
    currentRegionCode: '140723102',
    relocated: true,
    originVillageCode: '140723103202',
    unionMember: true,
    unionJoinedAt: '2020-03-01',
    availableFrom: '2026-12-01',
    consentAt: '2026-11-28T08:00:00+08:00',
  });

  const bad: Record<string, string> = {
    idNumber: '1.40723E+17',
    homeVillageCode: '新庄村',
    availableFrom: '下个月',
    consentAt: '2026-11-28 25:00',
    relocated: '也许',
  };
  const refused = parseRegistryRow((k) => bad[k] ?? '', loadTaxonomy(), COUNTY);
  const byKey = new Map(refused.errors.map((e) => [e.key, e.message]));
  t.match(byKey.get('idNumber'), /存成了数字/);
  t.equal(refused.given.idNumber, undefined, 'the number is never taken for an ID');
  t.match(byKey.get('homeVillageCode'), /村名重复/);
  t.match(byKey.get('availableFrom'), /^日期无法识别："下个月"，请写成 2026-11-28 或 2026年11月28日$/);
  t.match(byKey.get('consentAt'), /时间无法识别/);
  t.match(byKey.get('relocated'), /无法识别/);
});
