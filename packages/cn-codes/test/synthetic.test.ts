import t from 'tap';
import { makeCreditCode, makeIdNumber, validateCreditCode, validateIdNumber } from '../src/index.ts';
import { referenceIdCheck } from './reference.ts';

t.test('makeIdNumber builds numbers the validator accepts', async (t) => {
  const id = makeIdNumber({ regionCode: '140723', birthDate: '1988-03-14', sequence: 1 });
  t.equal(id, '140723198803140016');
  t.same(validateIdNumber(id), {
    ok: true,
    normalized: id,
    birthDate: '1988-03-14',
    gender: 'male',
    regionCode: '140723',
  });
  t.match(validateIdNumber(makeIdNumber({ regionCode: '140723', birthDate: '1990-07-01', sequence: 2 })), {
    gender: 'female',
  });
  t.equal(makeIdNumber({ regionCode: '110105', birthDate: '1949-12-31', sequence: 2 }), '11010519491231002X');
  for (let seq = 0; seq <= 999; seq += 111) {
    const made = makeIdNumber({ regionCode: '140723', birthDate: '2000-02-29', sequence: seq });
    t.equal(made.slice(14, 17), String(seq).padStart(3, '0'));
    t.equal(made[17], referenceIdCheck(made.slice(0, 17)));
  }
});

t.test('makeIdNumber rejects bad specs', async (t) => {
  const base = { regionCode: '140723', birthDate: '1988-03-14', sequence: 1 };
  const bad = [
    { ...base, regionCode: '14072' },
    { ...base, regionCode: '99072' },
    { ...base, regionCode: '990723' },
    { ...base, birthDate: '1988-3-14' },
    { ...base, birthDate: '19880314' },
    { ...base, birthDate: '1988-02-30' },
    { ...base, birthDate: '2999-01-01' },
    { ...base, sequence: -1 },
    { ...base, sequence: 1000 },
    { ...base, sequence: 1.5 },
    { ...base, sequence: Number.NaN },
  ];
  for (const spec of bad) t.throws(() => makeIdNumber(spec), { code: 'CN_CODES_INVALID_INPUT' }, JSON.stringify(spec));
});

t.test('makeCreditCode', async (t) => {
  t.equal(makeCreditCode('91350100M000100Y4'), '91350100M000100Y43');
  t.equal(makeCreditCode('91350100m000100y4'), '91350100M000100Y43', 'uppercased');
  const code = makeCreditCode('92140723MA0L00001');
  t.match(validateCreditCode(code), { ok: true });
  t.throws(() => makeCreditCode('9135010'), { code: 'CN_CODES_INVALID_INPUT' });
  t.throws(
    () => makeCreditCode('9135A100M000100Y4'),
    { code: 'CN_CODES_INVALID_INPUT' },
    'letters in the region digits',
  );
});
