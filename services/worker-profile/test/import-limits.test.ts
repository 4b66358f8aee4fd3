import { crc32, deflateRawSync } from 'node:zlib';
import { type Stack, describeEnvironment, startStack, testEnvironment } from '@tongxin/test-harness';
import pg from 'pg';
import t, { type Test } from 'tap';
import { registrySheet } from './helpers/registry-sheet.ts';
import { type ZipEntry, honest, unzip, zip } from './helpers/zip.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const SHEET = 'xl/worksheets/sheet1.xml';
const MiB = 1024 * 1024;

let stack: Stack;
let officer: string;
let admin: string;
let db: pg.Client;

t.before(async () => {
  stack = await startStack({ services: ['worker-profile'] });
  [officer, admin] = await Promise.all([stack.login('officer.yixing'), stack.login('admin')]);
  db = new pg.Client({ connectionString: stack.db.connectionString });
  await db.connect();
});
t.teardown(async () => {
  await db.end();
  await stack.stop();
});

const upload = (body: Buffer, token: string, headers: Record<string, string> = {}) =>
  stack.api.request('POST', '/api/v1/workers/import', {
    token,
    raw: body,
    headers: { 'content-type': XLSX, ...headers },
  });
const count = async () => (await db.query('SELECT count(*)::int AS n FROM worker_profile.workers')).rows[0].n as number;

/** A valid workbook whose entries are rebuilt by `change` (sheet1 is the ledger). */
async function craft(seed: number, change: (entries: Map<string, Buffer>) => ZipEntry[]): Promise<Buffer> {
  const sheet = await registrySheet({ rows: 3, seed });
  return zip(change(unzip(sheet.body)));
}
const others = (entries: Map<string, Buffer>) =>
  [...entries].filter(([name]) => name !== SHEET).map(([name, content]) => honest(name, content));

/** A normal upload after a refused one: the service still serves. */
async function stillServes(t: Test, seed: number) {
  const normal = await registrySheet({ rows: 4, seed });
  const r = await upload(normal.body, officer);
  t.equal(r.status, 200, `a normal import afterwards succeeds: ${JSON.stringify(r.body).slice(0, 200)}`);
  t.equal(r.body.created, 4);
}

function refusedAsBomb(t: Test, r: { status: number; headers: Headers; body: any }, what: string) {
  t.equal(r.status, 413, `${what}: ${JSON.stringify(r.body).slice(0, 300)}`);
  t.match(r.headers.get('content-type'), /application\/problem\+json/);
  t.match(r.body, { code: 'IMPORT_UNZIPPED_TOO_LARGE', errors: [{ field: 'file' }] });
}

t.test(
  `zip bombs are refused on the bytes actually inflated (${describeEnvironment(testEnvironment())})`,
  async (t) => {
    const before = await count();

    // Declares its small true size but inflates to 300 MiB: trailing whitespace after the root element.
    const liar = await craft(40, (entries) => {
      const xml = entries.get(SHEET)!;
      const inflated = Buffer.concat([xml, Buffer.alloc(300 * MiB, 0x20)]);
      return [
        ...others(entries),
        { name: SHEET, compressed: deflateRawSync(inflated), declaredSize: xml.length, crc: crc32(xml) },
      ];
    });
    t.ok(liar.length < 2 * MiB, `the file itself is small (${liar.length} bytes)`);
    refusedAsBomb(t, await upload(liar, officer), 'an entry inflating past its declared size');
    await stillServes(t, 41);

    // Declares 3.5 GiB.
    const huge = await craft(42, (entries) => {
      const xml = entries.get(SHEET)!;
      return [...others(entries), { ...honest(SHEET, xml), declaredSize: 0xe0000000 }];
    });
    refusedAsBomb(t, await upload(huge, officer), 'an entry declaring a huge size');

    // Honest headers, 150 MiB from a few hundred KiB.
    const ratio = await craft(43, (entries) => {
      const xml = entries.get(SHEET)!;
      return [...others(entries), honest(SHEET, Buffer.concat([xml, Buffer.alloc(150 * MiB, 0x20)]))];
    });
    refusedAsBomb(t, await upload(ratio, officer), 'an entry with a huge compression ratio');

    // Thousands of tiny entries.
    const many = await craft(44, (entries) => [
      ...[...entries].map(([name, content]) => honest(name, content)),
      ...Array.from({ length: 5000 }, (_, i) => honest(`xl/media/x${i}.bin`, Buffer.from('x'))),
    ]);
    refusedAsBomb(t, await upload(many, officer), 'too many entries');

    t.equal(await count(), before + 4, 'nothing of the refused files was written');
    await stillServes(t, 45);
  },
);

t.test('at most two imports in flight per account; the third is refused with 429', async (t) => {
  const files = await Promise.all([46, 47, 48].map((seed) => registrySheet({ rows: 3000, seed })));
  const async = { prefer: 'respond-async' };
  // Sent together: two are admitted (202, running) and the third, arriving while they are in flight, is refused.
  const answers = await Promise.all(files.map((f) => upload(f.body, officer, async)));
  const admitted = answers.filter((r) => r.status === 202);
  const refused = answers.filter((r) => r.status !== 202);
  t.equal(admitted.length, 2, answers.map((r) => `${r.status} ${JSON.stringify(r.body).slice(0, 120)}`).join('\n'));
  t.equal(refused.length, 1);
  const c = refused[0]!;
  t.equal(c.status, 429, JSON.stringify(c.body).slice(0, 300));
  t.match(c.headers.get('content-type'), /application\/problem\+json/);
  t.match(c.body, { code: 'IMPORT_BUSY', errors: [{ field: 'file' }] });
  t.ok(c.headers.get('retry-after'), 'says when to try again');
  const other = await upload((await registrySheet({ rows: 2, seed: 49 })).body, admin);
  t.equal(other.status, 200, 'another account is not held up');
  /** The job's status once it is no longer running (or after a minute). */
  const finished = async (jobId: string) => {
    let status = 'running';
    for (let i = 0; i < 600 && status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      status = (await stack.api.get(`/api/v1/workers/import/${jobId}`, officer)).body.status;
    }
    return status;
  };
  for (const { body: job } of admitted) t.equal(await finished(job.id), 'completed');
  // Admitted as a job of its own: on a busy machine 3,000 rows can outlast the request's wait for a 200.
  const again = await upload(files[answers.indexOf(c)]!.body, officer, async);
  t.equal(again.status, 202, 'once the first two are done the third goes through');
  t.equal(await finished(again.body.id), 'completed');
});

const multipart = (file: Buffer, disposition: string) => {
  const boundary = '----tongxin' + Date.now();
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; ${disposition}\r\nContent-Type: ${XLSX}\r\n\r\n`,
    ),
    file,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { body, type: `multipart/form-data; boundary=${boundary}` };
};

t.test('any multipart file name is 2xx or 4xx, through the gateway and at the service', async (t) => {
  const service = stack.services['worker-profile']!;
  const cases: [string, string | undefined][] = [
    ['filename="完成率50%.xlsx"', '完成率50%.xlsx'],
    ['filename="100%"', '100%'],
    ["filename*=UTF-8''%E5%AE%8C%E6%88%90%E7%8E%87.xlsx", '完成率.xlsx'],
    ["filename*=UTF-8''50%.xlsx", '50%.xlsx'],
    ["filename*=UTF-8''%ZZ%E5", undefined],
    ['filename="nul\u0000.xlsx"', 'nul.xlsx'],
  ];
  let seed = 60;
  for (const [disposition, expected] of cases) {
    const sheet = await registrySheet({ rows: 2, seed: seed++ });
    const m = multipart(sheet.body, disposition);
    const viaGateway = await stack.api.request('POST', '/api/v1/workers/import', {
      token: officer,
      raw: m.body,
      headers: { 'content-type': m.type },
    });
    t.ok(
      viaGateway.status < 500,
      `${JSON.stringify(disposition)} through the gateway: ${viaGateway.status} ${JSON.stringify(viaGateway.body).slice(0, 200)}`,
    );
    t.equal(viaGateway.status, 200);
    if (expected) t.equal(viaGateway.body.fileName, expected);
    const direct = await service.inject({
      method: 'POST',
      url: '/api/v1/workers/import',
      headers: { authorization: `Bearer ${officer}`, 'content-type': m.type },
      payload: m.body,
    });
    t.ok(
      direct.statusCode < 500,
      `${JSON.stringify(disposition)} at the service: ${direct.statusCode} ${direct.body.slice(0, 200)}`,
    );
    t.equal(direct.statusCode, 200, 'the same file again changes nothing');
    t.match(direct.json(), { unchanged: 2 });
  }
});
