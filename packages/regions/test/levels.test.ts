import t from 'tap';
import { cityOf, countyOf, parentOf, provinceOf, regionLevel, townshipOf } from '../src/index.ts';

t.test('regionLevel reads the level from the code length', async (t) => {
  t.equal(regionLevel('14'), 'province');
  t.equal(regionLevel('1407'), 'city');
  t.equal(regionLevel('140723'), 'county');
  t.equal(regionLevel('140723100'), 'township');
  t.equal(regionLevel('140723100236'), 'village');
});

t.test('regionLevel rejects lengths and characters outside the scheme', async (t) => {
  for (const bad of [
    '',
    '1',
    '140',
    '14072',
    '1407231',
    '14072310',
    '1407231002',
    '1407231002361',
    ' 140723',
    '14072x',
    '１４',
    '14.0',
  ]) {
    t.equal(regionLevel(bad), null, JSON.stringify(bad));
  }
});

t.test('prefix helpers cut at their level and refuse coarser or malformed codes', async (t) => {
  const village = '140723102201';
  t.equal(provinceOf(village), '14');
  t.equal(cityOf(village), '1407');
  t.equal(countyOf(village), '140723');
  t.equal(townshipOf(village), '140723102');
  t.equal(townshipOf('140723102'), '140723102');
  t.equal(countyOf('140723'), '140723');
  t.equal(townshipOf('140723'), undefined);
  t.equal(countyOf('1407'), undefined);
  t.equal(countyOf('1407231'), undefined, 'malformed 7-digit code');
  t.equal(provinceOf('abc'), undefined);
});

t.test('parentOf steps exactly one level up', async (t) => {
  t.equal(parentOf('140723100236'), '140723100');
  t.equal(parentOf('140723100'), '140723');
  t.equal(parentOf('140723'), '1407');
  t.equal(parentOf('1407'), '14');
  t.equal(parentOf('14'), undefined);
  t.equal(parentOf('14072'), undefined);
});
