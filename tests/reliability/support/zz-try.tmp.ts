import { startCounty } from './county.ts';
process.env.TONGXIN_TEST_LOG = 'error';
const s = await startCounty({ settings: { LOG_LEVEL: 'error' } });
const admin = await s.login('admin');
for (const p of [
  '/api/v1/taxonomy/skills?q=%ED%A0%80%ED%A0%80x',
  '/api/v1/taxonomy/skills?q=%ED',
  '/api/v1/ledgers/activities?cursor=%ED%A0%80',
  '/api/v1/search/openings?category=%ED%A0%80',
  '/api/v1/workers?skill=%00',
  '/api/v1/workers?skill=%ED%A0%80',
]) {
  const r = await s.api.get(p, admin);
  console.log(p, r.status);
  const port = (s.services.matching!.server.address() as any).port;
  const d = await fetch(`http://127.0.0.1:${port}${p}`, { headers: { authorization: `Bearer ${admin}` } });
  console.log(' direct matching', d.status);
}
await s.stop();
process.exit(0);
