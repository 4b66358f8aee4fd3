import { parseCsv } from './csv.ts';
import { TaxonomyError } from './errors.ts';

/** One occupation in the taxonomy. `related` is symmetric: if A lists B, B's list contains A. */
export interface Skill {
  code: string;
  nameZh: string;
  nameEn: string;
  category: string;
  synonyms: string[];
  certificate?: string;
  related: string[];
}

const COLUMNS = ['code', 'name_zh', 'name_en', 'category', 'synonyms_zh', 'certificate_zh', 'related'] as const;
const CODE = /^[a-z][a-z0-9]*\.[a-z0-9_]+$/;

function splitList(value: string): string[] {
  return value
    .split('|')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

function invalid(message: string): TaxonomyError {
  return new TaxonomyError('TAXONOMY_INVALID_DATA', message);
}

/** Parse and validate occupations.csv into skills (file order), closing `related` under symmetry. */
export function parseSkills(csvText: string): Skill[] {
  const [header, ...records] = parseCsv(csvText);
  if (!header) throw invalid('empty occupations file');
  const col = new Map(header.map((h, i) => [h.trim(), i]));
  for (const name of COLUMNS) {
    if (!col.has(name)) throw invalid(`missing column ${name}`);
  }
  const cell = (record: string[], name: (typeof COLUMNS)[number]): string => (record[col.get(name)!] ?? '').trim();

  const skills: Skill[] = [];
  const byCode = new Map<string, Skill>();
  records.forEach((record, i) => {
    const line = i + 2;
    const code = cell(record, 'code');
    if (!CODE.test(code)) throw invalid(`line ${line}: bad code ${JSON.stringify(code)}`);
    if (byCode.has(code)) throw invalid(`line ${line}: duplicate code ${code}`);
    const skill: Skill = {
      code,
      nameZh: cell(record, 'name_zh'),
      nameEn: cell(record, 'name_en'),
      category: cell(record, 'category'),
      synonyms: [...new Set(splitList(cell(record, 'synonyms_zh')))],
      related: [...new Set(splitList(cell(record, 'related')))],
    };
    if (!skill.nameZh || !skill.nameEn || !skill.category) {
      throw invalid(`line ${line}: ${code} needs name_zh, name_en and category`);
    }
    const certificate = cell(record, 'certificate_zh');
    if (certificate) skill.certificate = certificate;
    skills.push(skill);
    byCode.set(code, skill);
  });

  for (const skill of skills) {
    for (const other of skill.related) {
      if (other === skill.code) throw invalid(`${skill.code} lists itself as related`);
      const target = byCode.get(other);
      if (!target) throw invalid(`${skill.code} relates to unknown code ${other}`);
      // Declared relations stay first in file order; reverse ones are appended.
      if (!target.related.includes(skill.code)) target.related.push(skill.code);
    }
  }
  return skills;
}
