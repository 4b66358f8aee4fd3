import t from 'tap';
import {
  ForeignKeyViolation,
  UniqueViolation,
  createPool,
  createTestDatabase,
  named,
  namedDbError,
} from '../src/index.ts';

const postgresUrl = process.env.TONGXIN_TEST_POSTGRES_URL;

for (const kind of postgresUrl ? ['embedded', 'postgres'] : ['embedded']) {
  t.test(`${kind}: constraint violations come out named with their constraint`, async (t) => {
    const db = await createTestDatabase(kind === 'postgres' ? postgresUrl : undefined);
    t.teardown(() => db.drop());
    const pool = createPool(db.connectionString);
    t.teardown(() => pool.end());
    await pool.query(`CREATE TABLE public.parents (id int PRIMARY KEY, code text NOT NULL UNIQUE)`);
    await pool.query(
      `CREATE TABLE public.children (id int PRIMARY KEY, parent_id int NOT NULL REFERENCES public.parents (id))`,
    );
    await pool.query(`CREATE UNIQUE INDEX children_one_per_parent ON public.children (parent_id)`);
    await pool.query(`INSERT INTO public.parents (id, code) VALUES (1, 'a')`);

    const unique = await named(pool.query(`INSERT INTO public.parents (id, code) VALUES (2, 'a')`)).catch((e) => e);
    t.ok(unique instanceof UniqueViolation, 'a duplicate is a UniqueViolation');
    t.equal(unique.constraint, 'parents_code_key', 'naming the unique constraint');
    t.equal(unique.code, 'DB_UNIQUE_VIOLATION');
    t.equal((unique.cause as { code?: string }).code, '23505', 'the pg error is kept as the cause');

    await pool.query(`INSERT INTO public.children (id, parent_id) VALUES (1, 1)`);
    const index = await named(pool.query(`INSERT INTO public.children (id, parent_id) VALUES (2, 1)`)).catch((e) => e);
    t.ok(index instanceof UniqueViolation);
    t.equal(index.constraint, 'children_one_per_parent', 'a unique index is named by the index');

    const orphan = await named(pool.query(`INSERT INTO public.children (id, parent_id) VALUES (3, 99)`)).catch(
      (e) => e,
    );
    t.ok(orphan instanceof ForeignKeyViolation, 'a missing parent is a ForeignKeyViolation');
    t.equal(orphan.constraint, 'children_parent_id_fkey');
    t.equal(orphan.code, 'DB_FOREIGN_KEY_VIOLATION');

    const referred = await pool.query(`DELETE FROM public.parents WHERE id = 1`).catch((e: unknown) => namedDbError(e));
    t.ok(referred instanceof ForeignKeyViolation, 'deleting a row still referred to is one too');
    t.equal((referred as ForeignKeyViolation).constraint, 'children_parent_id_fkey');

    const other = await named(pool.query(`SELECT 1/0`)).catch((e) => e);
    t.notOk(other instanceof UniqueViolation || other instanceof ForeignKeyViolation, 'anything else passes as it is');
    t.equal(other.code, '22012');
    t.same((await named(pool.query(`SELECT code FROM public.parents`))).rows, [{ code: 'a' }], 'a success passes');
  });
}
