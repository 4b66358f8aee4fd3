import t from 'tap';
import { createTaxonomy, TaxonomyError } from '../src/index.ts';
import { parseCsv } from '../src/csv.ts';

const HEADER = 'code,name_zh,name_en,category,synonyms_zh,certificate_zh,related';

t.test('csv reader handles quotes, CRLF, BOM and blank lines', async (t) => {
  t.same(parseCsv('\ufeffa,b\r\n"x, y","say ""hi"""\r\n\r\n'), [
    ['a', 'b'],
    ['x, y', 'say "hi"'],
  ]);
  t.same(parseCsv('a,b\n1,'), [
    ['a', 'b'],
    ['1', ''],
  ]);
  t.throws(() => parseCsv('a\n"open'), { code: 'TAXONOMY_INVALID_DATA' });
});

t.test('valid custom data', async (t) => {
  const tx = createTaxonomy(
    [
      HEADER,
      'a.one,一,one,c1,甲|乙|甲,证书,a.two',
      'a.two,二,two,c2,,,',
      '"a.three","三","three, four",c1," 丙 ",,a.one|a.two',
    ].join('\n'),
  );
  t.same(tx.categories(), ['c1', 'c2']);
  t.same(tx.get('a.one')!.synonyms, ['甲', '乙'], 'duplicate synonyms dropped');
  t.same(tx.get('a.three')!.synonyms, ['丙']);
  t.equal(tx.resolve('Three, Four'), 'a.three');
  t.same(tx.related('a.two'), ['a.one', 'a.three']);
  t.same(tx.related('a.one'), ['a.two', 'a.three']);
  t.equal(tx.certificateFor('a.one'), '证书');
});

t.test('a synonym shared by two skills is ambiguous for resolve but still searchable', async (t) => {
  const tx = createTaxonomy([HEADER, 'a.one,一,one,c,共用,,', 'a.two,二,two,c,共用|一,,'].join('\n'));
  t.equal(tx.resolve('共用'), undefined);
  t.equal(tx.resolve('一'), 'a.one', 'a name beats another skill’s synonym');
  t.same(
    tx.search('共用').map((r) => r.code),
    ['a.one', 'a.two'],
  );
});

t.test('inconsistent data fails at load', async (t) => {
  const bad: [string, string[]][] = [
    ['missing column', ['code,name_zh,name_en,category,synonyms_zh,related', 'a.one,一,one,c,,']],
    ['duplicate code', [HEADER, 'a.one,一,one,c,,,', 'a.one,二,two,c,,,']],
    ['bad code', [HEADER, 'A One,一,one,c,,,']],
    ['missing name', [HEADER, 'a.one,,one,c,,,']],
    ['missing category', [HEADER, 'a.one,一,one,,,,']],
    ['unknown related', [HEADER, 'a.one,一,one,c,,,a.two']],
    ['self related', [HEADER, 'a.one,一,one,c,,,a.one']],
    ['empty file', ['']],
  ];
  for (const [label, lines] of bad) {
    t.throws(() => createTaxonomy(lines.join('\n')), TaxonomyError, label);
  }
});
