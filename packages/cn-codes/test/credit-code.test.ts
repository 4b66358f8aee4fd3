import t from 'tap';
import { creditCodeCheckChar, validateCreditCode } from '../src/index.ts';
import { referenceCreditCheck } from './reference.ts';

// Real-world codes as published; each was checked to validate, none was generated here.
const PUBLISHED = ['91350100M000100Y43', '914403001922038216', '91110108551385082Q', '9144030071526726XG'];

t.test('published codes validate', async (t) => {
  for (const code of PUBLISHED) {
    t.same(validateCreditCode(code), { ok: true, normalized: code }, code);
    t.equal(creditCodeCheckChar(code.slice(0, 17)), code[17]);
    t.equal(referenceCreditCheck(code.slice(0, 17)), code[17], `reference agrees on ${code}`);
  }
});

t.test('check character agrees with the reference across the charset', async (t) => {
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  for (let i = 0; i < charset.length; i++) {
    const body = `9${charset[i]}140723MA${charset[(i * 7) % 31]}${charset[(i * 13) % 31]}0000${charset[(i * 3) % 31]}`;
    t.equal(creditCodeCheckChar(body), referenceCreditCheck(body), body);
  }
  t.equal(creditCodeCheckChar('91350100m000100y4'), '3', 'lowercase body');
});

t.test('a remainder of 0 maps to check character 0, never 31', async (t) => {
  // The last body position has weight 28, coprime to 31, so exactly one last character gives remainder 0.
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const body = [...charset].map((c) => `91140723MA000000${c}`).find((b) => referenceCreditCheck(b) === '0');
  t.ok(body, 'found a body with check 0');
  t.equal(creditCodeCheckChar(body!), '0');
  t.same(validateCreditCode(`${body}0`), { ok: true, normalized: `${body}0` });
});

t.test('lowercase is accepted and normalized', async (t) => {
  t.same(validateCreditCode('91350100m000100y43'), { ok: true, normalized: '91350100M000100Y43' });
});

t.test('checksum failures', async (t) => {
  t.same(validateCreditCode('91350100M000100Y44'), { ok: false, reason: 'checksum' });
  t.same(validateCreditCode('91350100M000100Y4Y'), { ok: false, reason: 'checksum' });
  const good = '91350100M000100Y43';
  const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  for (let i = 0; i < 18; i++) {
    if (i >= 2 && i <= 7) continue; // digits only; covered below
    const next = charset[(charset.indexOf(good[i]!) + 1) % 31]!;
    const typo = good.slice(0, i) + next + good.slice(i + 1);
    t.same(validateCreditCode(typo), { ok: false, reason: 'checksum' }, `position ${i + 1}`);
  }
  t.same(validateCreditCode('91350200M000100Y43'), { ok: false, reason: 'checksum' }, 'region digit typo');
});

t.test('format failures', async (t) => {
  for (const bad of [
    '',
    '91350100M000100Y4',
    '91350100M000100Y433',
    '91350100M000100I43',
    '91350100M000100O43',
    '91350100M000100Z43',
    '91350100M000100S43',
    '91350100M000100V43',
    '9135A100M000100Y43',
    '91350100M000100Y4 ',
    '91350100M000100Y4-',
  ]) {
    t.same(validateCreditCode(bad), { ok: false, reason: 'format' }, JSON.stringify(bad));
  }
  t.throws(() => creditCodeCheckChar('91350100M000100Y'), { code: 'CN_CODES_INVALID_INPUT' });
  t.throws(() => creditCodeCheckChar('91350100M000100I4'), { code: 'CN_CODES_INVALID_INPUT' });
});
