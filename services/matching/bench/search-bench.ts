/**
 * Search relevance over the judged query set (`search-set.ts`): recall@10 and nDCG@10 of the
 * must-find openings, per tag, on the embedded engine and — when MEILI_URL is set — on a live
 * Meilisearch; hard-constraint violations (an opening that is not open to applicants, or one
 * breaking the benefits, wage or tier the query asked for); and whether both engines give the
 * same first ten for the `engines-agree` queries.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { CountyCalendar, createLogger } from '@tongxin/service-platform';
import { loadTaxonomy } from '@tongxin/taxonomy';
import { MatchStore } from '../src/domain/match-store.ts';
import type { OpeningSnapshot } from '../src/domain/snapshots.ts';
import { EmbeddedEngine } from '../src/search/embedded-engine.ts';
import { MeiliEngine } from '../src/search/meili-engine.ts';
import { INDEX_DEFINITIONS, type SearchEngine } from '../src/search/search-engine.ts';
import { taxonomySynonyms } from '../src/search/taxonomy-synonyms.ts';
import { Indexer } from '../src/use-cases/indexer.ts';
import { SearchService } from '../src/use-cases/search-service.ts';
import { ndcg } from './judge.ts';
import { type Criteria, type SearchJudgedSet, searchJudgedSet } from './search-set.ts';

const K = 10;

function meets(o: OpeningSnapshot, c: Criteria): boolean {
  const code = o.occupationCode;
  if (c.occupation && code !== c.occupation && !o.requiredSkills.some((r) => r.code === c.occupation)) return false;
  if (c.region && !o.worksiteRegionCode.startsWith(c.region)) return false;
  return hard(o, c);
}

/** What a result may never break: open to applicants, and the query's benefits, wage and tier words. */
function hard(o: OpeningSnapshot, c: Criteria, asOf = '2026-12-01'): boolean {
  if (o.status !== 'open' || o.filledCount >= o.headcount || !o.employerVerified) return false;
  if (o.closingDate && o.closingDate < asOf) return false;
  if (c.tiers && !c.tiers.includes(o.tier)) return false;
  if (c.benefits?.some((b) => !o.benefits[b])) return false;
  if (c.wageMin !== undefined && o.wageMax < c.wageMin) return false;
  return true;
}

async function serviceOn(engine: SearchEngine, set: SearchJudgedSet): Promise<SearchService> {
  const taxonomy = loadTaxonomy();
  const store = new MatchStore(taxonomy);
  set.employers.forEach((e) => store.putEmployer(e));
  set.openings.forEach((o) => store.putOpening(o));
  const clock = () => new Date(`${set.asOf}T08:00:00Z`);
  await engine.init(INDEX_DEFINITIONS, taxonomySynonyms(taxonomy));
  const indexer = new Indexer(store, engine, taxonomy, createLogger('search-bench', 'silent'), clock);
  await indexer.reindexIfEmpty();
  return new SearchService(store, engine, indexer, taxonomy, clock, new CountyCalendar());
}

interface EngineFigures {
  recall: Record<string, number[]>;
  ndcg: Record<string, number[]>;
  violations: number;
  misses: string[];
  firstTen: Map<string, string[]>;
}

async function measure(service: SearchService, set: SearchJudgedSet): Promise<EngineFigures> {
  const byId = new Map(set.openings.map((o) => [o.id, o]));
  const out: EngineFigures = { recall: {}, ndcg: {}, violations: 0, misses: [], firstTen: new Map() };
  for (const jq of set.queries) {
    const must = new Set(set.openings.filter((o) => meets(o, jq.must)).map((o) => o.id));
    if (must.size === 0) {
      out.misses.push(`${jq.q} (judged set: nothing to find)`);
      continue;
    }
    const res = await service.searchOpenings({ q: jq.q, limit: K });
    const ids = res.items.map((i) => i.id);
    out.firstTen.set(jq.q, ids);
    for (const id of ids) {
      if (hard(byId.get(id)!, jq.must)) continue;
      out.violations++;
      if (process.env.BENCH_VERBOSE) console.log(`violation: ${jq.q} → ${JSON.stringify(byId.get(id))}`);
    }
    const found = ids.filter((id) => must.has(id)).length;
    const recall = found / Math.min(K, must.size);
    if (recall < 1) out.misses.push(`${jq.q} (${found}/${Math.min(K, must.size)})`);
    const gains = ids.map((id) => (must.has(id) ? 1 : 0));
    const score = ndcg(
      gains,
      [...must].map(() => 1),
      K,
    );
    for (const tag of ['all', ...jq.tags]) {
      (out.recall[tag] ??= []).push(recall);
      (out.ndcg[tag] ??= []).push(score);
    }
  }
  return out;
}

const mean = (xs: number[] | undefined) => (xs?.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Prints the search figures; returns the number of failures (violations and engine disagreements). */
export async function runSearchBench(set: SearchJudgedSet = searchJudgedSet()): Promise<number> {
  const engines: [string, SearchEngine][] = [['embedded', new EmbeddedEngine()]];
  const live = process.env.MEILI_URL;
  if (live) {
    engines.push([
      'meilisearch',
      new MeiliEngine({
        url: live,
        apiKey: process.env.MEILI_API_KEY ?? '',
        prefix: `bench_${randomUUID().slice(0, 8)}`,
        taskTimeoutMs: 60_000,
      }),
    ]);
  }
  const tags = ['compound', 'simple', 'all'] as const;
  const counts = Object.fromEntries(
    tags.map((t) => [t, t === 'all' ? set.queries.length : set.queries.filter((q) => q.tags.includes(t)).length]),
  );
  console.log(
    `search judged set: ${set.queries.length} queries (${counts.compound} compound, ${counts.simple} simple) over ${set.openings.length} openings`,
  );
  let failures = 0;
  const figures = new Map<string, EngineFigures>();
  for (const [name, engine] of engines) {
    const f = await measure(await serviceOn(engine, set), set);
    figures.set(name, f);
    for (const t of tags) {
      console.log(
        `search ${name.padEnd(11)} ${t.padEnd(8)} recall@10 = ${mean(f.recall[t]).toFixed(4)}  nDCG@10 = ${mean(f.ndcg[t]).toFixed(4)}  (${counts[t]} queries)`,
      );
    }
    console.log(`search ${name.padEnd(11)} hard-constraint violations = ${f.violations}`);
    if (f.misses.length) console.log(`search ${name.padEnd(11)} below full recall: ${f.misses.join('; ')}`);
    failures += f.violations;
    await engine.close();
  }
  const agreeing = set.queries.filter((q) => q.tags.includes('engines-agree'));
  const meili = figures.get('meilisearch');
  if (!meili) {
    console.log(`search engines-agree: not run (${agreeing.length} queries; set MEILI_URL for a live Meilisearch)`);
  } else {
    const embedded = figures.get('embedded')!;
    const differ = agreeing.filter(
      (q) => JSON.stringify(embedded.firstTen.get(q.q)) !== JSON.stringify(meili.firstTen.get(q.q)),
    );
    console.log(
      `search engines-agree: ${agreeing.length - differ.length}/${agreeing.length} queries with the same first ten`,
    );
    if (differ.length) console.log(`  differ: ${differ.map((q) => q.q).join('; ')}`);
    failures += differ.length;
  }
  return failures;
}
