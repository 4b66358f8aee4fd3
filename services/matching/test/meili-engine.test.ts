import { randomUUID } from 'node:crypto';
import t, { type Test } from 'tap';
import { MeiliEngine, meiliFilter } from '../src/search/meili-engine.ts';
import { INDEX_DEFINITIONS, type SearchDocument, type SearchEngine } from '../src/search/search-engine.ts';
import { startMeiliFake } from './meili-fake.ts';

const doc = (id: string, over: Partial<SearchDocument> = {}): SearchDocument => ({
  id,
  title: '挖掘 掘机 挖 掘 机 wajueji wjj',
  skills: 'excavator operator 挖机 司机',
  other: '和顺 县',
  tier: 'in_county',
  occupationCode: 'con.excavator',
  category: 'construction',
  township: '140723100',
  regionPrefixes: ['14', '1407', '140723', '140723100'],
  skillCodes: ['con.excavator'],
  wageMin: 5000,
  wageMax: 7000,
  housing: true,
  meals: false,
  socialInsurance: true,
  reservedForPoor: false,
  closingDay: 99991231,
  publishedAtTs: 1_700_000_000_000,
  ...over,
});

/**
 * The adapter's contract, run against the fake (always) and a live Meilisearch (when MEILI_URL
 * is set): what is written is searchable once the write resolves, filters/facets/sort behave.
 */
async function contract(t: Test, engine: SearchEngine) {
  const synonyms = { 挖机司机: ['挖掘机驾驶员'], 挖掘机驾驶员: ['挖机司机'] };
  await engine.init(INDEX_DEFINITIONS, synonyms);
  await engine.init(INDEX_DEFINITIONS, synonyms); // idempotent: the index exists the second time
  t.equal(await engine.count('openings'), 0, 'a new index is empty');
  const a = randomUUID();
  const b = randomUUID();
  const c = randomUUID();
  await engine.upsert('openings', [
    doc(a),
    doc(b, {
      title: '电焊 焊工 dianhangong',
      skills: 'welder 电焊',
      tier: 'out_of_province',
      occupationCode: 'con.welder',
      wageMax: 9000,
      meals: true,
      publishedAtTs: 1_700_000_100_000,
      regionPrefixes: ['32', '3205', '320505'],
      township: '',
    }),
    doc(c, { tier: 'in_province', housing: false, publishedAtTs: 1_600_000_000_000 }),
  ]);
  t.equal(await engine.count('openings'), 3, 'added documents are counted once the write resolved');

  const all = await engine.search('openings', {
    terms: [],
    filters: [],
    facets: ['tier', 'occupationCode'],
    sort: [
      { field: 'publishedAtTs', order: 'desc' },
      { field: 'id', order: 'asc' },
    ],
    offset: 0,
    limit: 10,
  });
  t.same(all.ids, [b, a, c], 'sorted by publication, newest first');
  t.equal(all.total, 3);
  t.same(all.facets.tier, { in_county: 1, out_of_province: 1, in_province: 1 });
  t.same(all.facets.occupationCode, { 'con.excavator': 2, 'con.welder': 1 });

  const filtered = await engine.search('openings', {
    terms: [],
    filters: [
      { field: 'housing', op: '=', value: true },
      { field: 'wageMax', op: '>=', value: 6000 },
      { field: 'regionPrefixes', op: '=', value: '1407' },
    ],
    facets: ['tier'],
    offset: 0,
    limit: 10,
  });
  t.same(filtered.ids, [a], 'boolean, range and array-contains filters');
  t.same(filtered.facets.tier, { in_county: 1 }, 'facets count the filtered hits');

  const text = await engine.search('openings', { terms: ['wajueji'], filters: [], facets: [], offset: 0, limit: 10 });
  t.same(new Set(text.ids), new Set([a, c]), 'a term finds the documents holding it');
  const typo = await engine.search('openings', { terms: ['wajueqi'], filters: [], facets: [], offset: 0, limit: 10 });
  t.same(new Set(typo.ids), new Set([a, c]), 'one typo tolerated from five letters');
  const prefix = await engine.search('openings', { terms: ['dianhan'], filters: [], facets: [], offset: 0, limit: 10 });
  t.same(prefix.ids, [b], 'the last word matches as a prefix');
  const paged = await engine.search('openings', {
    terms: [],
    filters: [],
    facets: [],
    sort: [{ field: 'publishedAtTs', order: 'desc' }],
    offset: 1,
    limit: 1,
  });
  t.same(paged.ids, [a], 'offset and limit');
  t.equal(paged.total, 3);

  await engine.upsert('openings', [doc(a, { tier: 'in_province' })]);
  const replaced = await engine.search('openings', {
    terms: [],
    filters: [{ field: 'tier', op: '=', value: 'in_province' }],
    facets: [],
    offset: 0,
    limit: 10,
  });
  t.same(new Set(replaced.ids), new Set([a, c]), 'a second write of an id replaces the document');
  await engine.remove('openings', [a, c]);
  t.equal(await engine.count('openings'), 1, 'removed by id');
  await engine.remove('openings', []);
  await engine.upsert('openings', []);
}

t.test('meiliFilter writes the documented filter syntax', async (t) => {
  t.equal(
    meiliFilter([
      { field: 'tier', op: '=', value: 'in_county' },
      { field: 'wageMax', op: '>=', value: 5000 },
      { field: 'housing', op: '=', value: true },
      { field: 'occupationCode', op: '=', value: '挖"机' },
    ]),
    'tier = "in_county" AND wageMax >= 5000 AND housing = true AND occupationCode = "挖\\"机"',
  );
  t.equal(meiliFilter([]), undefined);
});

t.test('the adapter against the documented HTTP API (local fake)', async (t) => {
  const fake = await startMeiliFake();
  t.teardown(() => fake.close());
  const engine = new MeiliEngine({ url: fake.url, apiKey: fake.apiKey, prefix: 'test', taskTimeoutMs: 5000 });
  await contract(t, engine);
  t.same(
    fake.violations.filter((v) => !v.includes('index_already_exists')),
    [],
    'no request broke the documented API',
  );
  const settings = fake.settings('test_openings')!;
  t.match(settings, {
    searchableAttributes: ['title', 'skills', 'other'],
    filterableAttributes: Array,
    sortableAttributes: ['publishedAtTs', 'wageMax', 'id'],
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'],
    synonyms: { 挖机司机: ['挖掘机驾驶员'] },
    typoTolerance: { minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 } },
    localizedAttributes: [{ attributePatterns: ['*'], locales: ['cmn'] }],
  });
  for (const call of [
    'POST /indexes',
    'PATCH /indexes/test_openings/settings',
    'POST /indexes/test_openings/documents',
    'POST /indexes/test_openings/documents/delete-batch',
    'POST /indexes/test_openings/search',
    'GET /indexes/test_openings/stats',
  ]) {
    t.ok(fake.requests.includes(call), `calls ${call}`);
  }
  t.ok(fake.requests.filter((r) => r.startsWith('GET /tasks/')).length >= 10, 'waits for its tasks by polling them');

  fake.failNextTask('invalid_document_fields', 'bad document');
  await t.rejects(
    engine.upsert('openings', [doc(randomUUID())]),
    /documents refused/,
    'a failed task is an error, not a silent loss',
  );
  const unauthorised = new MeiliEngine({ url: fake.url, apiKey: 'wrong', prefix: 'test', taskTimeoutMs: 1000 });
  await t.rejects(unauthorised.count('openings'), 'a wrong key is refused');
});

const live = process.env.MEILI_URL;
t.test(
  'the adapter against a live Meilisearch',
  {
    skip: live
      ? false
      : 'MEILI_URL is not set: the live Meilisearch suite is skipped (set MEILI_URL and MEILI_API_KEY to run it)',
  },
  async (t) => {
    const prefix = `tongxin_test_${randomUUID().slice(0, 8)}`;
    const engine = new MeiliEngine({
      url: live!,
      apiKey: process.env.MEILI_API_KEY ?? '',
      prefix,
      taskTimeoutMs: 30_000,
    });
    t.teardown(async () => {
      const { Meilisearch } = await import('meilisearch');
      const client = new Meilisearch({
        host: live!,
        ...(process.env.MEILI_API_KEY ? { apiKey: process.env.MEILI_API_KEY } : {}),
      });
      for (const name of ['openings', 'workers'])
        await client
          .deleteIndex(`${prefix}_${name}`)
          .waitTask()
          .catch(() => undefined);
    });
    await contract(t, engine);
  },
);
