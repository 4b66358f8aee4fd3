import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import t from 'tap';

// Every user-visible string exists in both languages, and every literal key the portal asks for exists.
const PORTAL = join(import.meta.dirname, '..', '..', 'services', 'gateway', 'public', 'portal');
const source = readFileSync(join(PORTAL, 'lib', 'i18n.js'), 'utf8');
const block = (name: string) => {
  const start = source.indexOf(`const ${name} = {`);
  const end = source.indexOf('\n};', start);
  return new Set([...source.slice(start, end).matchAll(/^\s*'?([\w.]+)'?:/gm)].map((m) => m[1]!));
};

t.test('the Chinese and English dictionaries have the same keys', async (t) => {
  const zh = block('zh');
  const en = block('en');
  t.ok(zh.size > 300, `${zh.size} strings`);
  t.same(
    [...zh].filter((k) => !en.has(k)),
    [],
    'no key only in Chinese',
  );
  t.same(
    [...en].filter((k) => !zh.has(k)),
    [],
    'no key only in English',
  );
});

t.test('every literal key used by the portal is in the dictionaries', async (t) => {
  const zh = block('zh');
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith('.js') ? [join(dir, e.name)] : [],
    );
  const missing: string[] = [];
  for (const file of files(PORTAL)) {
    for (const m of readFileSync(file, 'utf8').matchAll(/\bt\('([\w.]+)'(?!\s*\+)/g))
      if (!zh.has(m[1]!)) missing.push(`${file.slice(PORTAL.length)}: ${m[1]}`);
  }
  t.same(missing, []);
});
