import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { UniqueViolation, createPool, createTestDatabase, migrate } from '@tongxin/db';
import t from 'tap';
import { CREDIT_CODE_UNIQUE, EmployerRepository } from '../../src/repositories/employer-repository.ts';
import { creditCode } from '../helpers/fixtures.ts';

const SCHEMA = 'employer';

t.test('a taken credit code comes out of the repository as a UniqueViolation the use case can name', async (t) => {
  const db = await createTestDatabase(process.env.TONGXIN_TEST_POSTGRES_URL);
  t.teardown(() => db.drop());
  const pool = createPool(db.connectionString);
  t.teardown(() => pool.end());
  await migrate(pool, { schema: SCHEMA, dir: join(import.meta.dirname, '../../src/migrations') });
  const employers = new EmployerRepository({ SCHEMA });
  const fields = {
    name: '和顺县同心建筑工程有限公司',
    industry: 'construction',
    regionCode: '140723100',
    address: '义兴镇新建街 8 号',
    contact: { name: '王经理', phone: '13935400001' },
    status: 'pending' as const,
    registeredBy: 'admin',
  };
  const code = creditCode();
  await employers.insert(pool, randomUUID(), { ...fields, creditCode: code });

  const again = await employers.insert(pool, randomUUID(), { ...fields, creditCode: code }).catch((e: unknown) => e);
  t.ok(again instanceof UniqueViolation, 'a second registration of the code');
  t.equal((again as UniqueViolation).constraint, CREDIT_CODE_UNIQUE, 'names the constraint the use case expects');

  const other = await employers.insert(pool, randomUUID(), { ...fields, creditCode: creditCode() });
  const taken = await employers.update(pool, other.id, { creditCode: code }).catch((e: unknown) => e);
  t.ok(taken instanceof UniqueViolation, 'a correction to a code already taken');
  t.equal((taken as UniqueViolation).constraint, CREDIT_CODE_UNIQUE);
  t.equal((await employers.findById(pool, other.id))?.creditCode, other.creditCode, 'nothing changed');
});
