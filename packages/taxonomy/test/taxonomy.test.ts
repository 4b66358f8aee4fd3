import t from 'tap';
import { loadTaxonomy, type Skill } from '../src/index.ts';

const tx = loadTaxonomy();

t.test('loads the project copy once', async (t) => {
  t.equal(loadTaxonomy(), tx, 'cached instance');
  t.equal(tx.all().length, 66);
  t.same(tx.categories(), [
    'construction',
    'manufacturing',
    'transport',
    'domestic_care',
    'hospitality',
    'retail_services',
    'security',
    'agriculture',
    'mining_energy',
    'digital',
    'crafts',
  ]);
  t.equal(tx.all()[0]!.code, 'con.bricklayer', 'file order');
});

t.test('get/has return fully parsed skills', async (t) => {
  const welder = tx.get('con.welder');
  t.same(welder, {
    code: 'con.welder',
    nameZh: '焊工',
    nameEn: 'welder',
    category: 'construction',
    synonyms: ['电焊工', '电焊', '气焊工', '氩弧焊工'],
    certificate: '特种作业操作证（熔化焊接与热切割作业）',
    related: ['mfg.fitter', 'con.rebar'],
  } satisfies Skill);
  t.ok(tx.has('con.welder'));
  t.notOk(tx.has('con.Welder'), 'codes are exact');
  t.equal(tx.get('nope'), undefined);
  t.notOk('certificate' in tx.get('con.bricklayer')!, 'no empty certificate key');
});

t.test('certificateFor', async (t) => {
  t.equal(tx.certificateFor('tra.forklift'), '特种设备作业人员证（N1叉车）');
  t.equal(tx.certificateFor('con.electrician'), '特种作业操作证（低压电工作业）');
  t.equal(tx.certificateFor('con.bricklayer'), undefined);
  t.equal(tx.certificateFor('missing'), undefined);
});

t.test('related is symmetric', async (t) => {
  t.same(tx.related('con.excavator'), ['tra.loader']);
  // agr.machinery lists tra.loader, so the loader gains it back.
  t.same(tx.related('tra.loader'), ['con.excavator', 'agr.machinery']);
  t.same(tx.related('ret.barber'), [], 'empty related column');
  t.same(tx.related('missing'), []);
  for (const skill of tx.all()) {
    for (const other of tx.related(skill.code)) {
      t.ok(tx.has(other), `${skill.code} → ${other} exists`);
      t.ok(tx.related(other).includes(skill.code), `${other} → ${skill.code}`);
    }
    t.equal(new Set(skill.related).size, skill.related.length, `${skill.code} has no duplicate relations`);
  }
  const copy = tx.related('con.welder');
  copy.push('x.y');
  t.notOk(tx.related('con.welder').includes('x.y'), 'callers get a copy');
});

t.test('resolve maps codes, names and synonyms to a code', async (t) => {
  t.equal(tx.resolve('con.welder'), 'con.welder');
  t.equal(tx.resolve(' CON.WELDER '), 'con.welder');
  t.equal(tx.resolve('焊工'), 'con.welder');
  t.equal(tx.resolve('电焊'), 'con.welder');
  t.equal(tx.resolve('  电焊工 '), 'con.welder');
  t.equal(tx.resolve('Welder'), 'con.welder');
  t.equal(tx.resolve('TOWER CRANE OPERATOR'), 'con.tower_crane');
  t.equal(tx.resolve('tower  crane operator'), 'con.tower_crane', 'inner whitespace collapsed');
  t.equal(tx.resolve('挖机司机'), 'con.excavator');
  t.equal(tx.resolve('qc'), 'mfg.inspector', 'Latin synonym, case-insensitive');
  t.equal(tx.resolve('ＱＣ'), 'mfg.inspector', 'full-width input');
  t.equal(tx.resolve('铲车'), 'tra.loader');
  t.equal(tx.resolve('铲车司机'), 'tra.forklift');
  t.equal(tx.resolve('挖机'), undefined, 'prefixes do not resolve');
  t.equal(tx.resolve('weld'), undefined);
  t.equal(tx.resolve(''), undefined);
  t.equal(tx.resolve('   '), undefined);
  t.equal(tx.resolve('dianhan'), undefined, 'pinyin is for search, not resolve');
});
