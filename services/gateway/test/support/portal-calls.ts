import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';

/**
 * What the portal really calls, read from its source: every `api.get/post/patch(…)`,
 * `request('METHOD', …)`, `download(…)` and `upload(…)` of lib/api.js and `<${ExportButton} path=…>` with the
 * path it names, and
 * which modules each file imports. The capability test (portal-capabilities.test.ts) checks the
 * README's table against this, so the table cannot claim a screen that does not make the call.
 */
export const PORTAL = join(import.meta.dirname, '..', '..', 'public', 'portal');

export interface Call {
  method: string;
  /** The path after /api/v1, with `{}` for each part computed at run time. */
  path: string;
}

const read = (file: string) => readFileSync(join(PORTAL, file), 'utf8');

/** String constants of a file (`const BASE = '/relocated-villages'`), to resolve calls that use them. */
function constants(source: string): Map<string, string> {
  const found = new Map<string, string>();
  for (const m of source.matchAll(/^(?:export )?const (\w+) = '([^'\n]*)';/gm)) found.set(m[1]!, m[2]!);
  return found;
}

/**
 * The path argument starting at `at`: string and template literals, known constants and `+`,
 * until the first comma or closing parenthesis at depth 0. Anything computed becomes `{}`.
 */
function pathArgument(source: string, at: number, known: Map<string, string>): string | undefined {
  let out = '';
  let i = at;
  const skipSpace = () => {
    while (/\s/.test(source[i] ?? '')) i++;
  };
  for (;;) {
    skipSpace();
    const c = source[i];
    if (c === "'" || c === '"') {
      const end = source.indexOf(c, i + 1);
      out += source.slice(i + 1, end);
      i = end + 1;
    } else if (c === '`') {
      i++;
      while (source[i] !== '`') {
        if (source[i] === '$' && source[i + 1] === '{') {
          let depth = 1;
          let j = i + 2;
          while (depth > 0) {
            if (source[j] === '{') depth++;
            if (source[j] === '}') depth--;
            j++;
          }
          const expr = source.slice(i + 2, j - 1).trim();
          out += known.get(expr) ?? '{}';
          i = j;
        } else out += source[i++];
      }
      i++;
    } else {
      // An identifier or expression: a known constant, else a computed part.
      const m = /^[\w.?[\]()]+/.exec(source.slice(i));
      if (!m) return undefined;
      out += known.get(m[0]) ?? '{}';
      i += m[0].length;
    }
    skipSpace();
    if (source[i] === '+') {
      i++;
      continue;
    }
    return out;
  }
}

/** The calls one file makes (not those of the modules it imports). */
export function callsIn(file: string): Call[] {
  const source = read(file);
  const known = constants(source);
  const calls: Call[] = [];
  const patterns: [RegExp, (m: RegExpExecArray) => string][] = [
    [/\bapi\.(get|post|patch|put|delete)\(/g, (m) => m[1]!.toUpperCase()],
    [/\brequest\(\s*'([A-Z]+)',/g, (m) => m[1]!],
    [/\bdownload\(/g, () => 'GET'],
    [/\bupload\(/g, () => 'POST'],
    // lib/ui/layout.js's export button downloads the path it is given.
    [/<\$\{ExportButton\}\s+path=/g, () => 'GET'],
  ];
  for (const [re, method] of patterns) {
    for (const m of source.matchAll(re)) {
      if (/function\s*$/.test(source.slice(Math.max(0, m.index - 20), m.index))) continue; // a definition
      const path = pathArgument(source, m.index + m[0].length, known);
      if (path?.startsWith('/'))
        calls.push({ method: method(m as RegExpExecArray), path: path.replace(/[?#].*$/, '') });
    }
  }
  return calls;
}

/**
 * The portal modules `file` imports, as paths inside the portal: statically, or with `dynamic` also
 * those loaded on demand (`import('./…')`, and main.js's table of public pages).
 */
export function importsOf(file: string, dynamic = false): string[] {
  const source = read(file);
  const found = new Set<string>();
  const re = dynamic ? /(?:from\s+|import\(\s*|\[\s*)'(\.{1,2}\/[^']+\.js)'/g : /from\s+'(\.{1,2}\/[^']+\.js)'/g;
  for (const m of source.matchAll(re)) {
    const target = normalize(join(dirname(file), m[1]!));
    if (existsSync(join(PORTAL, target))) found.add(relative('.', target));
  }
  return [...found];
}

/** `file` and every portal module it reaches through imports (static only, unless `dynamic`). */
export function reachableFrom(file: string, dynamic = false): Set<string> {
  const seen = new Set<string>();
  const visit = (f: string) => {
    if (seen.has(f)) return;
    seen.add(f);
    for (const next of importsOf(f, dynamic)) visit(next);
  };
  visit(file);
  return seen;
}

/**
 * Whether a call's path names the OpenAPI path (`/api/v1/workers/{id}`): the same parts, where a
 * parameter needs a computed part and a computed part may stand for a written one (`${action}` for
 * confirm or decline).
 */
export function callMatches(call: Call, method: string, openapiPath: string): boolean {
  if (call.method !== method) return false;
  const want = openapiPath.replace(/^\/api\/v1/, '').split('/');
  const have = call.path.split('/');
  if (want.length !== have.length) return false;
  // The first part says which resource: it must be written out in the call, not computed.
  if (have[1] === '{}' || have[1] !== want[1]) return false;
  return want.every((w, i) => w === have[i] || have[i] === '{}');
}
