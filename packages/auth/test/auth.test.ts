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

t.test('a token verified once is remembered only until it expires, and only as itself', async (t) => {
  const tokens = new TokenService(secret, 2);
  const token = await tokens.issue({ sub: 'a1', username: 'u', role: 'officer', regions: ['140723100'] });
  const first = await tokens.verify(token);
  t.ok(first, 'valid');
  t.equal(await tokens.verify(token), first, 'the same principal again, not verified anew');
  t.throws(() => Object.assign(first!, { role: 'admin' }), 'the remembered principal cannot be changed by a caller');
  t.equal(await tokens.verify(token.slice(0, -2) + 'xx'), undefined, 'a tampered copy of a remembered token');
  const [head, , sig] = token.split('.');
  const body = Buffer.from(JSON.stringify({ sub: 'a1', username: 'u', role: 'admin', iss: 'tongxin' })).toString(
    'base64url',
  );
  t.equal(
    await tokens.verify(`${head}.${body}.${sig}`),
    undefined,
    "another payload under a remembered token's signature",
  );
  // `exp` is in whole seconds: wait until the second after it has begun.
  const { exp } = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString());
  await new Promise((r) => setTimeout(r, exp * 1000 - Date.now() + 50));
  t.equal(await tokens.verify(token), undefined, 'expired while remembered');
});

t.test('beyond its size the token verified longest ago is forgotten, then verified anew', async (t) => {
  const tokens = new TokenService(secret, 60, 2);
  const [a, b, c] = await Promise.all(
    ['a', 'b', 'c'].map((sub) => tokens.issue({ sub, username: sub, role: 'admin' })),
  );
  const first = await tokens.verify(a!);
  await tokens.verify(b!);
  t.equal(await tokens.verify(a!), first, 'still remembered');
  await tokens.verify(c!);
  const again = await tokens.verify(a!);
  t.not(again, first, 'forgotten, verified anew');
  t.same(again, first, 'to the same principal');
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
