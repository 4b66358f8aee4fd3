import t from 'tap';
import { deriveTier, HOME_COUNTY, RegionsError } from '../src/index.ts';

t.test('defaults to 和顺县 as the home county', async (t) => {
  t.equal(HOME_COUNTY, '140723');
  t.equal(deriveTier('140723'), 'in_county');
  t.equal(deriveTier('140723100236'), 'in_county', '义兴镇恋思村');
  t.equal(deriveTier('140723102'), 'in_county', '松烟镇');
  t.equal(deriveTier('140702'), 'in_province', '榆次区, same city');
  t.equal(deriveTier('140105001001'), 'in_province', '太原 village');
  t.equal(deriveTier('110101'), 'out_of_province');
  t.equal(deriveTier('440305001001'), 'out_of_province');
});

t.test('accepts any all-digit code of 6+ digits, known or not', async (t) => {
  t.equal(deriveTier('1407239'), 'in_county');
  t.equal(deriveTier('14072399999999'), 'in_county');
  t.equal(deriveTier('149999'), 'in_province');
  t.equal(deriveTier('999999'), 'out_of_province');
});

t.test('province and city codes never count as in_county', async (t) => {
  t.equal(deriveTier('14'), 'in_province');
  t.equal(deriveTier('1407'), 'in_province', 'the home city itself is broader than the county');
  t.equal(deriveTier('1401'), 'in_province');
  t.equal(deriveTier('11'), 'out_of_province');
  t.equal(deriveTier('4403'), 'out_of_province');
});

t.test('honours another home county', async (t) => {
  t.equal(deriveTier('440305001', '440305'), 'in_county');
  t.equal(deriveTier('440104', '440305'), 'in_province');
  t.equal(deriveTier('140723', '440305'), 'out_of_province');
});

t.test('rejects malformed codes', async (t) => {
  for (const bad of ['', '1', '140', '14072', 'abcdef', '14 0723', '-140723']) {
    t.throws(() => deriveTier(bad), { code: 'REGIONS_INVALID_CODE' }, JSON.stringify(bad));
  }
  t.throws(() => deriveTier('140723', '1407'), RegionsError);
  t.throws(() => deriveTier('140723', '14072x'), { code: 'REGIONS_INVALID_CODE' });
});
