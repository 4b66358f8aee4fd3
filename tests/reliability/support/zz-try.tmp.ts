import { startCounty } from './county.ts';
import { buildWorld } from './fixtures.ts';
const t0 = Date.now();
const s = await startCounty();
console.log('up', Date.now() - t0);
try {
  const w = await buildWorld(s.api);
  console.log(JSON.stringify(w, null, 1).slice(0, 3000));
} catch (e) {
  console.log('ERR', e);
}
console.log('done', Date.now() - t0);
await s.stop();
process.exit(0);
