import t from 'tap';
import { TokenService, hashPassword, inRegionScope, verifyPassword } from '../src/index.ts';

const secret = 'x'.repeat(40);

t.test('tokens round-trip and forged ones fail', async (t) => {
  const tokens = new TokenService(secret);
  const token = await tokens.issue({ sub: 'a1', username: 'officer', role: 'officer', regions: ['140723100'] });
  t.match(await tokens.verify(token), { sub: 'a1', role: 'officer', regions: ['140723100'] });
  t.equal(await new TokenService('y'.repeat(40)).verify(token), undefined, 'other secret');
  t.equal(await tokens.verify(token.slice(0, -2) + 'xx'), undefined, 'tampered signature');
  t.equal(await tokens.verify('not-a-token'), undefined);
  const expired = await new TokenService(secret, -10).issue({ sub: 'a', username: 'u', role: 'admin' });
  t.equal(await tokens.verify(expired), undefined, 'expired');
});

t.test('tokens carry the account token version; an older token reads as version 0', async (t) => {
  const tokens = new TokenService(secret);
  const v3 = await tokens.issue({ sub: 'a1', username: 'u', role: 'admin', tokenVersion: 3 });
  t.equal((await tokens.verify(v3))?.tokenVersion, 3);
  const none = await tokens.issue({ sub: 'a1', username: 'u', role: 'admin' });
  t.equal((await tokens.verify(none))?.tokenVersion, undefined);
});

t.test('passwords', async (t) => {
  const h = await hashPassword('s3cret');
  t.ok(await verifyPassword('s3cret', h));
  t.notOk(await verifyPassword('wrong', h));
  t.notOk(await verifyPassword('s3cret', 'garbage'));
});

t.test('region scope', async (t) => {
  const officer = { sub: 'o', username: 'o', role: 'officer' as const, regions: ['140723100'] };
  t.ok(inRegionScope(officer, '140723100236'));
  t.notOk(inRegionScope(officer, '140723102201'));
  t.ok(inRegionScope({ sub: 'a', username: 'a', role: 'admin' }, '320505000000'));
  t.notOk(inRegionScope({ sub: 'w', username: 'w', role: 'worker' }, '140723100236'));
});
