import { loadTaxonomy } from '@tongxin/taxonomy';
import t from 'tap';
import { hasParts, parseNumber, regionTier, understandQuery } from '../src/domain/query-understanding.ts';

/** Query understanding is pure: these run without an engine or HTTP. */
const taxonomy = loadTaxonomy();
const u = (q: string) => understandQuery(taxonomy, q);

t.test('numbers as job seekers write them', async (t) => {
  const cases: [string, number][] = [
    ['6000', 6000],
    ['六千', 6000],
    ['五千五', 5500],
    ['五千五百', 5500],
    ['一万', 10_000],
    ['一万二', 12_000],
    ['两万', 20_000],
    ['1万2', 12_000],
    ['1.2万', 12_000],
    ['8k', 8000],
    ['8千', 8000],
    ['三百', 300],
  ];
  for (const [text, n] of cases) t.equal(parseNumber(text), n, text);
  t.equal(parseNumber('六x'), undefined);
});

t.test('the compound queries of issue 17', async (t) => {
  const a = u('太原电子厂普工');
  t.equal(a.occupation?.code, 'mfg.operator', '普工 is the occupation');
  t.equal(a.region?.code, '1401', '太原 is the city of Taiyuan');
  t.equal(a.rest, '电子厂', 'the workplace stays as text');

  const b = u('包吃住的厨师');
  t.equal(b.occupation?.code, 'hos.cook');
  t.same(b.benefits, [{ text: '包吃住', includes: ['housing', 'meals'] }]);
  t.equal(b.rest, '', '的 is filler');

  const c = u('住家保姆');
  t.equal(c.occupation?.code, 'dom.housekeeper');
  t.same(c.kind, { text: '住家', kind: 'live_in' });

  const d = u('小区保安');
  t.equal(d.occupation?.code, 'sec.guard');
  t.equal(d.rest, '小区', 'a workplace word is text when a job is named');

  const e = u('电工师傅');
  t.same(e.occupation, { code: 'con.electrician', name: '电工', text: '电工师傅' }, '师傅 is part of the occupation');

  const f = u('保洁阿姨');
  t.same(f.occupation, { code: 'dom.cleaner', name: '保洁员', text: '保洁阿姨' });

  const g = u('厨房小工');
  t.equal(g.occupation?.code, 'hos.kitchen_helper', '小工 after a workplace names its helper, not a labourer');
  t.equal(u('工地小工').occupation?.code, 'con.laborer');
  t.equal(u('叉车师傅').occupation?.code, 'tra.forklift', 'a stem of 叉车司机 with a suffix');
  t.equal(u('小工').occupation?.code, 'con.laborer', '小工 alone is the labourer');
});

t.test('places and tiers', async (t) => {
  t.same(u('和顺县电焊工').region, { text: '和顺县', name: '和顺县', code: '140723' });
  t.equal(u('和顺电焊工').region?.code, '140723', 'the short name');
  t.equal(u('义兴镇保洁').region?.code, '140723100', 'a township of the county');
  t.equal(u('苏州电子厂').region?.code, '3205');
  t.equal(u('晋中饭店服务员').region?.code, '1407');
  t.same(u('省外电焊工').region, { text: '省外', name: '省外', tiers: ['out_of_province'] });
  t.same(u('外地挖机司机').region?.tiers, ['in_province', 'out_of_province']);
  t.equal(u('县内保安').region?.code, '140723');
  t.equal(u('本地保安').region?.code, '140723');
  t.equal(u('省内厨师').region?.code, '14');
  t.equal(regionTier('1401'), 'in_province');
  t.equal(regionTier('3205'), 'out_of_province');
  t.equal(regionTier('140723100'), 'in_county');
  t.equal(regionTier('14'), undefined, 'the province holds two tiers');
});

t.test('benefits, wage and kind of work', async (t) => {
  const a = u('电焊工 月薪6000以上 五险一金');
  t.same(a.wage, { text: '月薪6000以上', min: 6000, per: 'month' });
  t.same(a.benefits, [{ text: '五险一金', includes: ['socialInsurance'] }]);
  t.equal(u('六千以上的叉车司机').wage?.min, 6000);
  t.equal(u('普工 8k').wage?.min, 8000);
  t.same(u('日薪200 小工').wage, { text: '日薪200', min: 5200, per: 'day' }, 'a daily wage counts 26 days');
  t.same(u('日结小工').kind, { text: '日结', kind: 'daily_pay' });
  t.same(u('长期电工').kind, { text: '长期', kind: 'long_term' });
  t.same(u('短期工 管饭').benefits, [{ text: '管饭', includes: ['meals'] }]);
  t.equal(u('短期工 管饭').kind?.kind, 'short_term');
  t.same(
    u('包住 有社保')
      .benefits.map((b) => b.includes)
      .flat(),
    ['housing', 'socialInsurance'],
  );
  t.equal(u('两班倒').wage, undefined, 'a small number is not a wage');
});

t.test('what is not understood stays text', async (t) => {
  const latin = u('wajueji');
  t.equal(latin.rest, 'wajueji');
  t.notOk(hasParts(latin), 'pinyin stays with the engines, which read it');
  t.equal(u('excavatr').rest, 'excavatr');
  t.notOk(hasParts(u('司机')), '司机 alone names no one occupation');
  t.equal(u('电焊 电工').occupation?.code, 'con.welder', 'the first occupation counts');
  t.equal(u('电焊 电工').rest, '电工', 'a second one stays as text');
  t.ok(hasParts(u('月嫂')));
});
