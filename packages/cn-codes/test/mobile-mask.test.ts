import t from 'tap';
import { isMobile, maskIdNumber, maskPhone } from '../src/index.ts';

t.test('isMobile', async (t) => {
  for (const ok of ['13800000000', '19912345678', '15535401234', '16600000000']) t.ok(isMobile(ok), ok);
  for (const bad of [
    '',
    '12800000000',
    '10800000000',
    '1380000000',
    '138000000000',
    '+8613800000000',
    '8613800000000',
    '138 0000 0000',
    '138-0000-0000',
    ' 13800000000',
    '1380000000a',
    '１3800000000',
  ]) {
    t.notOk(isMobile(bad), JSON.stringify(bad));
  }
});

t.test('maskPhone', async (t) => {
  t.equal(maskPhone('13800000000'), '138****0000');
  t.equal(maskPhone('15535401234'), '155****1234');
  t.equal(maskPhone('1234567'), '*******', 'too short to keep both ends');
  t.equal(maskPhone('12345678'), '123*5678');
  t.equal(maskPhone(''), '');
});

t.test('maskIdNumber', async (t) => {
  t.equal(maskIdNumber('140723198803140016'), '140723********0016');
  t.equal(maskIdNumber('11010519491231002X'), '110105********002X');
  t.equal(maskIdNumber('140723880314001'), '140723*****4001', 'legacy 15-digit numbers hide the same span');
  t.equal(maskIdNumber('1407230016'), '**********');
  t.equal(maskIdNumber(''), '');
});
