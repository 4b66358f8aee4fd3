import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { CountyCalendar, createLogger } from '@tongxin/service-platform';
import { loadTaxonomy } from '@tongxin/taxonomy';
import t from 'tap';
import { MatchStore } from '../src/domain/match-store.ts';
import type { SearchQuery } from '../src/domain/schemas.ts';
import { EmbeddedEngine } from '../src/search/embedded-engine.ts';
import { MeiliEngine } from '../src/search/meili-engine.ts';
import { INDEX_DEFINITIONS, type SearchEngine } from '../src/search/search-engine.ts';
import { taxonomySynonyms } from '../src/search/taxonomy-synonyms.ts';
import { Indexer } from '../src/use-cases/indexer.ts';
import { SearchService } from '../src/use-cases/search-service.ts';
import { employer, opening } from './fixtures.ts';
import { startMeiliFake } from './meili-fake.ts';

/**
 * Both engines behind one interface must answer the same fixture the same way: same hits in
 * the same order, same totals and facet counts. Meilisearch is the live one when MEILI_URL is
 * set, otherwise the fake that implements its documented API.
 */
const taxonomy = loadTaxonomy();
const clock = () => new Date('2026-12-01T08:00:00Z');
const e = employer({ name: '和顺县建筑劳务有限公司' });
const day = (n: number) => new Date(Date.UTC(2026, 10, n)).toISOString();
const FIXTURE = [
  opening(e, {
    title: '挖掘机驾驶员',
    occupationCode: 'con.excavator',
    requiredSkills: [{ code: 'con.excavator', minLevel: 2, certificateRequired: false }],
    publishedAt: day(1),
  }),
  opening(e, {
    title: '挖机司机 长期',
    occupationCode: 'con.excavator',
    tier: 'in_province',
    worksiteRegionCode: '140105',
    requiredSkills: [{ code: 'con.excavator', minLevel: 3, certificateRequired: false }],
    wageMin: 8000,
    wageMax: 10000,
    publishedAt: day(2),
  }),
  opening(e, {
    title: '装载机司机',
    occupationCode: 'tra.loader',
    category: 'transport',
    requiredSkills: [{ code: 'tra.loader', minLevel: 2, certificateRequired: false }],
    publishedAt: day(3),
  }),
  opening(e, {
    title: '电焊工',
    occupationCode: 'con.welder',
    tier: 'out_of_province',
    worksiteRegionCode: '320505',
    publishedAt: day(4),
  }),
  opening(e, {
    title: '氩弧焊工 包吃住',
    occupationCode: 'con.welder',
    tier: 'out_of_province',
    worksiteRegionCode: '320506',
    benefits: { housing: true, meals: true, socialInsurance: false },
    publishedAt: day(5),
  }),
  opening(e, {
    title: '钢筋工',
    occupationCode: 'con.rebar',
    requiredSkills: [{ code: 'con.rebar', minLevel: 2, certificateRequired: false }],
    publishedAt: day(6),
  }),
  opening(e, {
    title: '食堂厨师',
    occupationCode: 'hos.cook',
    category: 'hospitality',
    worksiteRegionCode: '140723100',
    requiredSkills: [{ code: 'hos.cook', minLevel: 2, certificateRequired: true }],
    reservedForPoor: true,
    benefits: { housing: false, meals: true, socialInsurance: false },
    wageMin: 3500,
    wageMax: 4500,
    publishedAt: day(7),
  }),
  opening(e, {
    title: '面点师',
    occupationCode: 'hos.pastry',
    category: 'hospitality',
    worksiteRegionCode: '140723102',
    requiredSkills: [{ code: 'hos.pastry', minLevel: 2, certificateRequired: true }],
    publishedAt: day(8),
  }),
  opening(e, {
    title: '月嫂 住家',
    occupationCode: 'dom.maternity',
    category: 'domestic_care',
    tier: 'in_province',
    worksiteRegionCode: '140105',
    requiredSkills: [{ code: 'dom.maternity', minLevel: 2, certificateRequired: true }],
    wageMin: 9000,
    wageMax: 12000,
    publishedAt: day(9),
  }),
  opening(e, {
    title: '叉车司机',
    occupationCode: 'tra.forklift',
    category: 'transport',
    tier: 'out_of_province',
    worksiteRegionCode: '320505',
    requiredSkills: [{ code: 'tra.forklift', minLevel: 1, certificateRequired: true }],
    publishedAt: day(10),
  }),
  opening(e, {
    title: '快递分拣员',
    occupationCode: 'tra.sorter',
    category: 'transport',
    tier: 'out_of_province',
    worksiteRegionCode: '320505',
    requiredSkills: [{ code: 'tra.sorter', minLevel: 1, certificateRequired: false }],
    publishedAt: day(11),
  }),
  opening(e, { title: '挖掘机 已满', occupationCode: 'con.excavator', filledCount: 10, publishedAt: day(12) }),
];
const QUERIES: SearchQuery[] = [
  {},
  { limit: 3 },
  { q: '挖机' },
  { q: '挖掘机' },
  { q: 'wajueji' },
  { q: 'wa jue ji' },
  { q: 'excavatr' },
  { q: 'wjj' },
  { q: '电焊' },
  { q: 'dianhangong' },
  { q: 'welder' },
  { q: '焊工' },
  { q: '厨师' },
  { q: '司机' },
  { q: 'siji' },
  { q: '苏州' },
  { q: '司机', tier: 'out_of_province' },
  { q: '司机', wageMin: 8500 },
  { tier: 'in_county', housing: true },
  { category: 'transport' },
  { region: '3205' },
  { township: '140723100', reservedForPoor: true },
  { occupation: '挖机司机' },
  { meals: true, socialInsurance: false },
  // Compound queries, read into parts before retrieval (issue 17).
  { q: '包吃住的电焊工' },
  { q: '省外电焊' },
  { q: '和顺县厨师' },
  { q: '住家月嫂' },
  { q: '太原挖机司机' },
  { q: '叉车师傅' },
  { q: '月薪8000以上挖机' },
  { q: '外地司机' },
  { q: '晋中面点师傅' },
  { q: '苏州长期电焊工', limit: 3 },
];

async function serviceOn(engine: SearchEngine): Promise<SearchService> {
  const store = new MatchStore(taxonomy);
  store.putEmployer(e);
  for (const o of FIXTURE) store.putOpening(o);
  await engine.init(INDEX_DEFINITIONS, taxonomySynonyms(taxonomy));
  const indexer = new Indexer(store, engine, taxonomy, createLogger('engines-agree', 'silent'), clock);
  await indexer.reindexIfEmpty();
  return new SearchService(store, engine, indexer, taxonomy, clock, new CountyCalendar());
}

t.test('the embedded engine and Meilisearch rank one fixture the same way', async (t) => {
  const live = process.env.MEILI_URL;
  const fake = live ? undefined : await startMeiliFake();
  t.teardown(() => fake?.close());
  const meili = new MeiliEngine({
    url: live ?? fake!.url,
    apiKey: live ? (process.env.MEILI_API_KEY ?? '') : fake!.apiKey,
    prefix: `agree_${randomUUID().slice(0, 8)}`,
    taskTimeoutMs: 30_000,
  });
  const [embedded, meilisearch] = await Promise.all([serviceOn(new EmbeddedEngine()), serviceOn(meili)]);
  const [ex1, ex2] = FIXTURE;
  for (const q of QUERIES) {
    const a = await embedded.searchOpenings(q);
    const b = await meilisearch.searchOpenings(q);
    const label = JSON.stringify(q);
    t.same(
      b.items.map((i) => i.id),
      a.items.map((i) => i.id),
      `${label}: same hits in the same order (${a.items.length})`,
    );
    t.equal(b.total, a.total, `${label}: same total`);
    t.same(b.facets, a.facets, `${label}: same facets`);
    t.notOk(
      a.items.some((i) => i.id === FIXTURE[11]!.id),
      `${label}: a full opening is never found`,
    );
  }
  const compound = await embedded.searchOpenings({ q: '包吃住的电焊工' });
  t.equal(
    compound.items[0]?.id,
    FIXTURE[4]!.id,
    '包吃住的电焊工: the welder opening with board and lodging first, though 包吃住 starts the query',
  );
  t.ok(
    compound.items.every(
      (i) =>
        (i.occupationCode === 'con.welder' ? !i.broadened : i.broadened?.reason === 'related_occupation') &&
        i.benefits.housing,
    ),
    'fewer than a page: related occupations follow, marked, still with board and lodging',
  );
  t.same(compound.understood?.occupation?.code, 'con.welder');
  const top = await embedded.searchOpenings({ q: '挖机' });
  t.same(
    top.items.slice(0, 2).map((i) => i.id),
    [ex2!.id, ex1!.id],
    '挖机: the title hit first, then the synonym hit',
  );
  t.equal(
    fake?.violations.filter((v) => !v.includes('index_already_exists')).length ?? 0,
    0,
    'no request broke the documented API',
  );
});
