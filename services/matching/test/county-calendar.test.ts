import 'reflect-metadata';
import type { Principal } from '@tongxin/auth';
import { CountyCalendar, createLogger } from '@tongxin/service-platform';
import { loadTaxonomy } from '@tongxin/taxonomy';
import t from 'tap';
import { MatchStore } from '../src/domain/match-store.ts';
import { rankOpeningsForWorker } from '../src/domain/rank.ts';
import { INDEX_DEFINITIONS, type SearchEngine } from '../src/search/search-engine.ts';
import { EmbeddedEngine } from '../src/search/embedded-engine.ts';
import { taxonomySynonyms } from '../src/search/taxonomy-synonyms.ts';
import { Indexer } from '../src/use-cases/indexer.ts';
import { MatchService } from '../src/use-cases/match-service.ts';
import { SearchService } from '../src/use-cases/search-service.ts';
import { employer, opening, worker } from './fixtures.ts';

// 2026-12-01 17:30 UTC is 2026-12-02 01:30 in the county: an opening closing on 2026-12-01 has closed.
const clock = () => new Date('2026-12-01T17:30:00Z');
const calendar = new CountyCalendar(480);
const admin = { sub: 'admin', role: 'admin' } as unknown as Principal;

t.test('between midnight and 08:00 in the county, an opening that closed yesterday is not offered', async (t) => {
  const taxonomy = loadTaxonomy();
  const store = new MatchStore(taxonomy);
  const e = employer();
  store.putEmployer(e);
  const closed = opening(e, { title: '电焊工（昨天截止）', closingDate: '2026-12-01' });
  const open = opening(e, { title: '电焊工（今天截止）', closingDate: '2026-12-02' });
  store.putOpening(closed);
  store.putOpening(open);
  const w = worker({ skills: [{ code: 'con.welder', level: 3 }] });
  store.putWorker(w);

  const matches = rankOpeningsForWorker(store, store.workers.get(w.id)!, 10, clock(), calendar);
  t.same(
    matches.map((m) => m.openingId),
    [open.id],
    'matches: only the opening still open in the county',
  );

  const service = new MatchService(store, clock, calendar);
  t.same(
    service.workerMatches(admin, w.id, 10).items.map((m) => m.openingId),
    [open.id],
  );
  const candidates = service.openingCandidates(admin, closed.id, 10);
  t.same(candidates.items, [], 'nobody is proposed for the closed opening');
  t.match(candidates.notice, /not published/);

  const engine: SearchEngine = new EmbeddedEngine();
  await engine.init(INDEX_DEFINITIONS, taxonomySynonyms(taxonomy));
  const indexer = new Indexer(store, engine, taxonomy, createLogger('calendar-test', 'silent'), clock, calendar);
  await indexer.reindexIfEmpty();
  const search = new SearchService(store, engine, indexer, taxonomy, clock, calendar);
  for (const q of [{}, { q: '电焊工' }]) {
    const r = await search.searchOpenings(q);
    t.same(
      r.items.map((h) => h.openingId),
      [open.id],
      `search ${JSON.stringify(q)}: only the opening still open in the county`,
    );
  }
});
