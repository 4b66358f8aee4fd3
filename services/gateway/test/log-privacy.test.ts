import { makeIdNumber } from '@tongxin/cn-codes';
import { startStack } from '@tongxin/test-harness';
import t from 'tap';

const idNumber = makeIdNumber({ regionCode: '140723', birthDate: '1990-05-17', sequence: 321 });
const phone = '13912345678';

for (const level of ['info', 'debug']) {
  t.test(`no log line carries an ID number or phone in clear (LOG_LEVEL=${level})`, async (t) => {
    const lines: string[] = [];
    const stack = await startStack({
      services: ['worker-profile'],
      settings: { LOG_LEVEL: level },
      logStream: { write: (line: string) => void lines.push(line) },
    });
    t.teardown(() => stack.stop());
    const officer = await stack.login('officer.yixing');
    // The portal's search box sends whatever was typed: an ID number, its lower-case x, a phone.
    for (const q of [idNumber, idNumber.toLowerCase(), phone, `${idNumber.slice(0, 6)} ${phone}`]) {
      const r = await stack.api.get(`/api/v1/workers?q=${encodeURIComponent(q)}&limit=5`, officer);
      t.equal(r.status, 200, `search ${q.length} characters`);
    }
    // Sent straight to the service too, and in a path no route has.
    await stack.api.get(`/api/v1/workers/${idNumber}`, officer);
    await stack.api.get(`/api/v1/nowhere?phone=${phone}`, officer);
    const direct = stack.services['worker-profile']!;
    await direct.inject({
      method: 'GET',
      url: `/api/v1/workers?q=${idNumber}`,
      headers: { authorization: `Bearer ${officer}` },
    });

    t.ok(lines.length > 0, `${lines.length} lines captured`);
    t.ok(
      lines.some((l) => l.includes('/api/v1/workers')),
      'requests are still logged with their path',
    );
    const clear = lines.filter((l) => [idNumber, idNumber.toLowerCase(), phone].some((v) => l.includes(v)));
    t.same(clear, [], 'no clear ID number or phone');
  });
}
