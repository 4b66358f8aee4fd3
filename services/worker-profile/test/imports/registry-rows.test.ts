import { makeIdNumber } from '@tongxin/cn-codes';
import { loadTaxonomy } from '@tongxin/taxonomy';
import t from 'tap';
import { changedFields, columnKeyOf, mergeRegistryRow, parseRegistryRow } from '../../src/imports/registry-rows.ts';

// Registry rows are parsed, merged and classified by pure functions: no HTTP, no database.
const taxonomy = loadTaxonomy();
const reader = (cells: Record<string, string>) => (key: string) => cells[key] ?? '';
const IMPORTED_AT = '2026-03-01T00:00:00.000Z';

t.test('a filled-in row is parsed to codes; gender and birth date come from the ID number', async (t) => {
  const id = makeIdNumber({ regionCode: '140723', birthDate: '1990-05-06', sequence: 8 });
  const { given, errors } = parseRegistryRow(
    reader({
      name: '李梅',
      idNumber: ` ${id.toLowerCase()} `,
      phone: '138-0000-0001',
      homeVillageCode: '140723100201',
      householdStatus: '建档立卡',
      relocated: '是',
      tierPreferences: '县内、省外',
      expectedMinWage: '3500',
      consentVersion: 'v1',
      consentAt: '2026-02-01',
    }),
    taxonomy,
  );
  t.same(errors, []);
  t.equal(given.idNumber, id.toUpperCase().trim());
  t.equal(given.phone, '13800000001');
  t.equal(given.gender, 'female');
  t.equal(given.birthDate, '1990-05-06');
  t.equal(given.householdStatus, 'registered_poor');
  t.equal(given.relocated, true);
  t.same(given.tierPreferences, ['in_county', 'out_of_province']);
  t.equal(given.expectedMinWage, 3500);
  t.equal(given.consentAt, '2026-02-01T00:00:00+08:00');
});

t.test('bad cells are reported by column key, not thrown', async (t) => {
  const { errors } = parseRegistryRow(
    reader({ householdSize: 'three', gender: '未知', skills: '不存在的手艺:2', availableFrom: 'soon' }),
    taxonomy,
  );
  t.same(
    errors.map((e) => e.key).sort(),
    ['availableFrom', 'gender', 'householdSize', 'skills'],
    'one problem per bad cell',
  );
});

t.test('a new row takes the registration defaults; an empty cell never erases stored data', async (t) => {
  const fresh = mergeRegistryRow({ name: '王强' }, undefined, IMPORTED_AT);
  t.equal(fresh.employmentStatus, 'seeking');
  t.same(fresh.skills, []);
  t.same(fresh.consent, { at: IMPORTED_AT });

  const stored = {
    ...fresh,
    idNumber: '110101199003074514',
    phone: '13800000002',
    homeVillageCode: '140723100201',
    gender: 'male' as const,
    birthDate: '1990-03-07',
    expectedMinWage: 4000,
    consent: { version: 'v1', at: '2026-01-01T00:00:00+08:00' },
  };
  const same = mergeRegistryRow({ name: '王强' }, stored, IMPORTED_AT);
  t.equal(same.expectedMinWage, 4000, 'kept');
  t.same(changedFields(same, stored), [], 'an unchanged row');

  const moved = mergeRegistryRow({ expectedMinWage: 5000, unionMember: true }, stored, IMPORTED_AT);
  t.same(changedFields(moved, stored).sort(), ['expectedMinWage', 'unionMember'], 'an update names its fields');
});

t.test('validation fields map back to the sheet columns they came from', async (t) => {
  t.equal(columnKeyOf('skills/0/level'), 'skills');
  t.equal(columnKeyOf('relocation'), 'originVillageCode');
  t.equal(columnKeyOf('relocation/resettlementSite'), 'resettlementSite');
  t.equal(columnKeyOf('unionMember/joinedAt'), 'unionJoinedAt');
  t.equal(columnKeyOf('consent/at'), 'consentAt');
  t.equal(columnKeyOf('consent/version'), 'consentVersion');
  t.equal(columnKeyOf('phone'), 'phone');
});
