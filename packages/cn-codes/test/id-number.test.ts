import t from 'tap';
import { idNumberCheckChar, validateIdNumber } from '../src/index.ts';
import { referenceIdCheck } from './reference.ts';

const NOW = new Date('2025-06-01T00:00:00Z');
const withCheck = (first17: string): string => first17 + referenceIdCheck(first17);

t.test('check character matches the standard for synthetic 和顺 numbers', async (t) => {
  for (let seq = 0; seq <= 999; seq += 37) {
    const first17 = `14072319880314${String(seq).padStart(3, '0')}`;
    t.equal(idNumberCheckChar(first17), referenceIdCheck(first17), first17);
  }
  t.equal(idNumberCheckChar('14072319880314001'), '6');
  t.equal(idNumberCheckChar('11010519491231002'), 'X', 'the example printed in GB 11643-1999');
  t.throws(() => idNumberCheckChar('1407231988031400'), { code: 'CN_CODES_INVALID_INPUT' });
  t.throws(() => idNumberCheckChar('14072319880314001X'), { code: 'CN_CODES_INVALID_INPUT' });
  t.throws(() => idNumberCheckChar('1407231988031400a'), { code: 'CN_CODES_INVALID_INPUT' });
});

t.test('a valid number yields birth date, gender and region', async (t) => {
  t.same(validateIdNumber('140723198803140016', { now: NOW }), {
    ok: true,
    normalized: '140723198803140016',
    birthDate: '1988-03-14',
    gender: 'male',
    regionCode: '140723',
  });
  const female = withCheck('14072319900229002');
  t.notOk(validateIdNumber(female, { now: NOW }).ok, '1990 is not a leap year');
  const leap = withCheck('14072319920229002');
  t.match(validateIdNumber(leap, { now: NOW }), { ok: true, birthDate: '1992-02-29', gender: 'female' });
});

t.test('X check character, any case', async (t) => {
  t.match(validateIdNumber('11010519491231002X', { now: NOW }), {
    ok: true,
    birthDate: '1949-12-31',
    gender: 'female',
    regionCode: '110105',
  });
  t.match(validateIdNumber('11010519491231002x', { now: NOW }), { ok: true, normalized: '11010519491231002X' });
  t.same(validateIdNumber('110105194912310020', { now: NOW }), { ok: false, reason: 'checksum' });
});

t.test('format failures', async (t) => {
  for (const bad of [
    '',
    '14072319880314001',
    '1407231988031400166',
    '140723880314001',
    ' 140723198803140016',
    '140723198803140016 ',
    '1407231988031400X6',
    '14072319880314001Y',
    '１40723198803140016',
    '14072319880314-016',
  ]) {
    t.same(validateIdNumber(bad, { now: NOW }), { ok: false, reason: 'format' }, JSON.stringify(bad));
  }
});

t.test('checksum failures: every single-digit typo is caught', async (t) => {
  const good = '140723198803140016';
  for (let i = 0; i < 18; i++) {
    const digit = Number(good[i]);
    const typo = good.slice(0, i) + String((digit + 1) % 10) + good.slice(i + 1);
    t.equal(validateIdNumber(typo, { now: NOW }).ok, false, `position ${i + 1}`);
  }
  t.same(validateIdNumber('140723198803140015', { now: NOW }), { ok: false, reason: 'checksum' });
  t.same(validateIdNumber('14072319880314001X', { now: NOW }), { ok: false, reason: 'checksum' });
});

t.test('birthdate failures', async (t) => {
  const reason = (first17: string): unknown => validateIdNumber(withCheck(first17), { now: NOW });
  t.same(reason('14072319880230001'), { ok: false, reason: 'birthdate' }, 'Feb 30');
  t.same(reason('14072319881301001'), { ok: false, reason: 'birthdate' }, 'month 13');
  t.same(reason('14072319880001001'), { ok: false, reason: 'birthdate' }, 'month 0');
  t.same(reason('14072319880400001'), { ok: false, reason: 'birthdate' }, 'day 0');
  t.same(reason('14072319880431001'), { ok: false, reason: 'birthdate' }, 'April 31');
  t.same(reason('14072319000229001'), { ok: false, reason: 'birthdate' }, '1900 is not a leap year');
  t.same(reason('14072320300101001'), { ok: false, reason: 'birthdate' }, 'future');
  t.same(reason('14072318991231001'), { ok: false, reason: 'birthdate' }, 'before 1900');
  t.same(
    validateIdNumber('440524188001010014', { now: NOW }),
    { ok: false, reason: 'birthdate' },
    'GB 11643 sample with an 1880 birth date has a valid checksum but is implausible',
  );
  t.match(reason('14072319000101001'), { ok: true }, '1900-01-01 is the earliest accepted');
});

t.test('future is judged in China time', async (t) => {
  // 2025-06-01 16:30 UTC is already 2025-06-02 in Beijing.
  const lateUtc = new Date('2025-06-01T16:30:00Z');
  const bornJune2 = withCheck('14072320250602001');
  t.match(validateIdNumber(bornJune2, { now: lateUtc }), { ok: true });
  t.same(validateIdNumber(bornJune2, { now: new Date('2025-06-01T15:59:00Z') }), { ok: false, reason: 'birthdate' });
  t.match(validateIdNumber(withCheck('14072319880314001')), { ok: true }, 'defaults to the current time');
});

t.test('region failures', async (t) => {
  t.same(validateIdNumber(withCheck('99072319880314001'), { now: NOW }), { ok: false, reason: 'region' });
  t.same(validateIdNumber(withCheck('00072319880314001'), { now: NOW }), { ok: false, reason: 'region' });
  t.same(validateIdNumber(withCheck('16072319880314001'), { now: NOW }), { ok: false, reason: 'region' });
  t.match(validateIdNumber(withCheck('83000019880314001'), { now: NOW }), { ok: true }, 'Taiwan residence permit');
  t.match(validateIdNumber(withCheck('81000019880314001'), { now: NOW }), { ok: true }, 'Hong Kong residence permit');
});

t.test('gender follows the parity of digit 17', async (t) => {
  for (let d = 0; d <= 9; d++) {
    const r = validateIdNumber(withCheck(`1407231988031400${d}`), { now: NOW });
    t.match(r, { ok: true, gender: d % 2 === 1 ? 'male' : 'female' }, `digit ${d}`);
  }
});
