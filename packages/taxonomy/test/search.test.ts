import t from 'tap';
import { loadTaxonomy } from '../src/index.ts';

const tx = loadTaxonomy();
const codes = (q: string, limit?: number): string[] => tx.search(q, limit).map((r) => r.code);

t.test('Chinese names and synonyms: exact, prefix, substring', async (t) => {
  t.equal(codes('挖机')[0], 'con.excavator');
  t.equal(codes('电焊')[0], 'con.welder');
  t.same(tx.search('电焊')[0], {
    code: 'con.welder',
    nameZh: '焊工',
    nameEn: 'welder',
    category: 'construction',
    certificate: '特种作业操作证（熔化焊接与热切割作业）',
    matched: '电焊',
  });
  t.equal(tx.search('焊')[0]!.matched, '焊工', 'prefix of the name beats substring of synonyms');
  t.equal(tx.search('塔吊')[0]!.code, 'con.tower_crane');
  t.ok(codes('驾驶员').includes('con.excavator'), 'substring of a name');
  t.ok(codes('司机', 20).includes('con.excavator'), 'substring of a synonym');
});

t.test('English names: case-insensitive prefix', async (t) => {
  t.equal(codes('weld')[0], 'con.welder');
  t.equal(codes('WELD')[0], 'con.welder');
  t.equal(tx.search('weld')[0]!.matched, 'welder');
  t.same(codes('crane'), ['con.signal', 'con.tower_crane'], 'word inside the name');
  t.same(codes('at'), [], 'two-letter fragments (operator, attendant) only match as prefixes');
  t.same(codes('er'), ['dom.nanny'], 'but a pinyin syllable still matches: 育儿嫂');
});

t.test('full pinyin, with or without spaces', async (t) => {
  t.equal(codes('wajueji')[0], 'con.excavator');
  t.equal(codes('wa jue ji')[0], 'con.excavator');
  t.equal(codes('dianhan')[0], 'con.welder');
  t.equal(codes('dian han')[0], 'con.welder');
  t.equal(tx.search('dianhan')[0]!.matched, '电焊');
  t.equal(codes('hangong')[0], 'con.welder');
  t.equal(codes('zhongka')[0], 'tra.truck', '重 read as zhong');
  t.equal(codes('pengtiao')[0], 'hos.cook', '调 read as tiao in 烹调');
  t.equal(codes('lvyou')[0], 'tou.guide', 'ü typed as v');
  t.equal(codes('luyou')[0], 'tou.guide', 'ü typed as u');
  t.notOk(codes('angong').includes('con.welder'), 'mid-syllable fragments do not match');
});

t.test('pinyin initials', async (t) => {
  t.equal(codes('wjj')[0], 'con.excavator');
  t.ok(codes('dhg').includes('con.welder'), '电焊工');
  t.same(
    tx.search('dhg').map((r) => [r.code, r.matched]),
    [
      ['con.concrete', '打灰工'],
      ['con.welder', '电焊工'],
    ],
    'equal-rank synonyms fall back to code order',
  );
  t.equal(codes('ｗｊｊ')[0], 'con.excavator', 'full-width IME input');
  t.equal(codes('cnc')[0], 'mfg.machinist', 'Latin run inside a Chinese synonym');
});

t.test('ranking: exact > prefix > substring, names before synonyms, then code', async (t) => {
  // 保洁 is an exact synonym of dom.cleaner and a substring of 酒店保洁 / 客房保洁 (hos.room).
  t.same(codes('保洁'), ['dom.cleaner', 'hos.room']);
  // 司机 is never exact; names containing it outrank synonyms containing it.
  const hits = tx.search('司机', 50);
  const firstSynonym = hits.findIndex((r) => r.matched !== r.nameZh);
  t.ok(firstSynonym > 0);
  t.ok(
    hits.slice(firstSynonym).every((r) => r.matched !== r.nameZh),
    'no name hit after a synonym hit',
  );
  const nameHits = hits.slice(0, firstSynonym).map((r) => r.code);
  t.same(nameHits, [...nameHits].sort(), 'stable by code');
  // 'gong': 公交司机 starts with it (prefix), 砌筑工 only has it as a later syllable.
  t.equal(codes('gong')[0], 'tra.bus');
  t.equal(new Set(codes('gong', 100)).size, codes('gong', 100).length, 'one result per skill');
});

t.test('limit and empty queries', async (t) => {
  t.equal(codes('工', 3).length, 3);
  t.equal(codes('工').length, 10, 'default limit');
  t.same(codes('工', 0), []);
  t.same(codes('工', -1), []);
  t.same(codes(''), []);
  t.same(codes('   '), []);
  t.same(codes('zzzz'), []);
  t.same(codes('火箭'), []);
});

t.test('every name and synonym finds its own skill first', async (t) => {
  for (const skill of tx.all()) {
    for (const text of [skill.nameZh, skill.nameEn, ...skill.synonyms]) {
      t.equal(codes(text)[0], skill.code, text);
    }
  }
});
