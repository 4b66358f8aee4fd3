import { loadTaxonomy } from '@tongxin/taxonomy';
import t from 'tap';
import { defaultJudgedSet } from '../bench/judged-set.ts';
import { MatchStore } from '../src/domain/match-store.ts';
import { scorePair } from '../src/domain/rank.ts';

// The hot loop ranks by a key computed without explanations; the explained score must be that key.
t.test('the rank key and the explained score agree on every pair of the judged set', async (t) => {
  const set = defaultJudgedSet(42);
  const store = new MatchStore(loadTaxonomy());
  set.employers.forEach((e) => store.putEmployer(e));
  set.openings.forEach((o) => store.putOpening(o));
  set.workers.forEach((w) => store.putWorker(w));
  const now = new Date(`${set.asOf}T08:00:00Z`);
  let pairs = 0;
  let mismatches = 0;
  let flaggedAsFit = 0;
  for (const w of store.workers.values()) {
    for (const o of store.openings.values()) {
      for (const side of ['matches', 'candidates'] as const) {
        const r = scorePair(store, w, o, now, side);
        if (r.key < 0) continue;
        pairs++;
        const fit = r.key >= 10;
        if (Math.abs((fit ? r.key - 10 : r.key) - r.score!) > 1e-9) mismatches++;
        if (fit !== r.explanation!.fit || (fit && r.explanation!.needsCertificate.length > 0)) flaggedAsFit++;
        const sum = Object.values(r.explanation!.parts).reduce((a, b) => a + b, 0);
        if (Math.abs(sum - r.score!) > 1e-3) mismatches++;
      }
    }
  }
  t.ok(pairs > 1000, `${pairs} pairs`);
  t.equal(mismatches, 0, 'same score both ways, and the parts add up to it');
  t.equal(flaggedAsFit, 0, 'a pair needing a certificate is never keyed as a fit');
});
