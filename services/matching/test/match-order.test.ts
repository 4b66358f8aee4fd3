import type { Principal } from '@tongxin/auth';
import { loadTaxonomy } from '@tongxin/taxonomy';
import t from 'tap';
import { MatchStore } from '../src/domain/match-store.ts';
import { rankCandidatesForOpening, rankOpeningsForWorker, scorePair } from '../src/domain/rank.ts';
import { WEIGHTS, nearness } from '../src/domain/scoring.ts';
import { employer, opening, worker } from './fixtures.ts';

/** Distance, diversity and feedback in the worker's matches: pure ranking over the in-memory store. */
const taxonomy = loadTaxonomy();
const now = new Date('2026-12-01T08:00:00Z');
const published = '2026-11-30T08:00:00.000Z';
const admin: Principal = { sub: 'admin', username: 'admin', role: 'admin' };
const welder = [{ code: 'con.welder', level: 3, years: 5 }];

t.test('nearness by the region hierarchy', async (t) => {
  const home = '140723100236';
  t.equal(nearness(home, '140723100'), 1, 'same township');
  t.equal(nearness(home, '140723102'), 0.75, 'same county');
  t.equal(nearness(home, '140723'), 0.75, 'a worksite given to the county only');
  t.equal(nearness(home, '140702'), 0.5, 'same city');
  t.equal(nearness(home, '140105'), 0.25, 'same province');
  t.equal(nearness(home, '320505'), 0, 'elsewhere');
});

t.test('among fits of the same tier, nearer comes first', async (t) => {
  const store = new MatchStore(taxonomy);
  const e = employer();
  store.putEmployer(e);
  const w = store.putWorker(worker({ skills: welder, homeVillageCode: '140723100236' }));
  // Created far first, so that id order would put it first if nearness did not count.
  const far = opening(e, { worksiteRegionCode: '140723102', publishedAt: published });
  const near = opening(e, { worksiteRegionCode: '140723100', publishedAt: published });
  const [a, b] = [far.id < near.id ? far : near, far.id < near.id ? near : far];
  store.putOpening(a!);
  store.putOpening(b!);
  const items = rankOpeningsForWorker(store, w, 10, now);
  t.same(
    items.map((i) => i.openingId),
    [near.id, far.id],
    'the opening in the worker’s own township first',
  );
  t.equal(items[0]!.explanation.parts.distance, WEIGHTS.distance, 'same township: all of the distance weight');
  t.equal(items[1]!.explanation.parts.distance, 0.75 * WEIGHTS.distance, 'same county: three quarters of it');
  const pair = scorePair(store, w, store.openings.get(near.id)!, now, 'matches');
  t.equal(pair.score! + 10, pair.key, 'the rank key counts nearness as the explanation does');
});

t.test('at most three openings of one employer on a page of matches', async (t) => {
  const store = new MatchStore(taxonomy);
  const big = employer({ name: '大建筑公司' });
  const small = employer({ name: '小劳务公司' });
  store.putEmployer(big);
  store.putEmployer(small);
  const w = store.putWorker(worker({ skills: welder }));
  // The big employer's openings pay more, so they would fill the page.
  for (let i = 0; i < 6; i++)
    store.putOpening(opening(big, { wageMin: 9000, wageMax: 11_000, publishedAt: published }));
  const others = [0, 1].map(() => opening(small, { wageMin: 3000, wageMax: 3500, publishedAt: published }));
  others.forEach((o) => store.putOpening(o));
  const page = rankOpeningsForWorker(store, w, 5, now);
  t.equal(page.filter((i) => i.opening.employerId === big.id).length, 3, 'three of the big employer');
  t.same(
    page
      .slice(3)
      .map((i) => i.openingId)
      .sort(),
    others.map((o) => o.id).sort(),
    'the others get the rest of the page',
  );
  t.equal(rankOpeningsForWorker(store, w, 10, now).length, 8, 'a page that holds them all shows them all');
});

t.test('not interested: the opening leaves the matches, similar ones sink, candidates are untouched', async (t) => {
  const store = new MatchStore(taxonomy);
  const e = employer();
  const other = employer();
  store.putEmployer(e);
  store.putEmployer(other);
  const poor = store.putWorker(worker({ skills: welder, householdStatus: 'registered_poor' }));
  const rival = store.putWorker(worker({ skills: welder }));
  const dismissed = opening(e, { wageMin: 9000, wageMax: 11_000, publishedAt: published });
  const similar = opening(e, { wageMin: 9000, wageMax: 11_000, publishedAt: published });
  // Below the worker's expected 4000: without feedback it comes last.
  const plain = opening(other, { wageMin: 3000, wageMax: 3800, publishedAt: published });
  [dismissed, similar, plain].forEach((o) => store.putOpening(o));
  t.same(
    rankOpeningsForWorker(store, poor, 10, now).map((i) => i.openingId)[2],
    plain.id,
    'before: the one paying below expectation comes last',
  );
  const before = rankCandidatesForOpening(store, store.openings.get(plain.id)!, 10, now, admin, true);

  store.markNotInterested(poor.snap.id, dismissed.id);
  const after = rankOpeningsForWorker(store, poor, 10, now);
  t.notOk(
    after.some((i) => i.openingId === dismissed.id),
    'the dismissed opening is gone',
  );
  t.same(
    after.map((i) => i.openingId),
    [plain.id, similar.id],
    'the same employer’s same job sinks below the other',
  );
  t.equal(after[1]!.explanation.parts.notInterestedSimilar, -0.1, 'and the explanation says why');
  t.same(
    rankCandidatesForOpening(store, store.openings.get(plain.id)!, 10, now, admin, true),
    before,
    'the worker’s place among candidates does not move',
  );
  t.equal(rankOpeningsForWorker(store, rival, 10, now).length, 3, 'another worker’s matches are their own');

  store.markNotInterested(poor.snap.id, dismissed.id, false);
  t.equal(rankOpeningsForWorker(store, poor, 10, now).length, 3, 'withdrawn, everything is back');
});
