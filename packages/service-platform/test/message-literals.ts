import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file is packages/service-platform/test/message-literals.ts). */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '../../..');

/** Where messages are written: the services' sources and the platform's. */
const SOURCES = ['services', 'packages/service-platform/src'];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (name !== 'node_modules' && name !== 'test' && name !== 'bench') sourceFiles(path, out);
    } else if (path.endsWith('.ts') && !path.endsWith('-language.ts')) out.push(path);
  }
  return out;
}

/** A string or template literal at `i`, its `${…}` parts written as `7` (a value), and where it ends. */
function literal(s: string, i: number): [string, number] {
  const quote = s[i];
  let text = '';
  i++;
  while (i < s.length && s[i] !== quote) {
    if (s[i] === '\\') {
      text += s[i + 1];
      i += 2;
    } else if (quote === '`' && s[i] === '$' && s[i + 1] === '{') {
      let depth = 1;
      i += 2;
      while (depth > 0 && i < s.length) {
        const c = s[i]!;
        if (c === "'" || c === '"' || c === '`') {
          i = literal(s, i)[1];
          continue;
        }
        if (c === '{') depth++;
        else if (c === '}') depth--;
        i++;
      }
      text += '7';
    } else text += s[i++];
  }
  return [text, i + 1];
}

/** The outermost literals of the expression starting at `i` (up to a `,` `;` or closing bracket). */
function expression(s: string, i: number): [string[], number] {
  const literals: string[] = [];
  let depth = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c === "'" || c === '"' || c === '`') {
      const [text, end] = literal(s, i);
      if (depth === 0) literals.push(text);
      i = end;
      continue;
    }
    if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) {
      if (depth === 0) break;
      depth--;
    } else if ((c === ',' || c === ';') && depth === 0) break;
    i++;
  }
  return [literals, i];
}

/** Calls whose second argument is a message, and calls whose first argument is one. */
const SECOND_ARGUMENT = /(?:\binvalidField|\bweakPassword|(?<![.\w])add|(?<![.\w])err|\.problem|problems\.add)\(/g;
const FIRST_ARGUMENT = /(?:\bbadUpload|\btooLarge|\bdamaged|\bunreadableFile)\(/g;
/** Object members whose value is a message: `message:`, a place check's `problem:`, the ID number's reasons. */
const MEMBER = /\b(?:message|problem|format|checksum|birthdate|region):\s*/g;

export interface MessageLiteral {
  /** The message with each embedded value written as `7`. */
  message: string;
  file: string;
}

/**
 * Every message the services write for a field or an import row, found by reading their sources:
 * the literals passed to `invalidField`, `add`/`err`/`problem` of the validators and row checks,
 * the upload errors, and `message:`/`problem:` members. Names of fields and the like (one word, no
 * space) are left out; a message of one word is covered by the platform's templates.
 */
export function messageLiterals(): MessageLiteral[] {
  const found = new Map<string, MessageLiteral>();
  const keep = (file: string, texts: string[]) => {
    const at = relative(ROOT, file);
    for (const message of texts) if (/\s/.test(message)) found.set(`${at}\0${message}`, { message, file: at });
  };
  for (const file of SOURCES.flatMap((d) => sourceFiles(join(ROOT, d)))) {
    const s = readFileSync(file, 'utf8');
    for (const m of s.matchAll(MEMBER)) keep(file, expression(s, m.index + m[0].length)[0]);
    for (const m of s.matchAll(FIRST_ARGUMENT)) keep(file, expression(s, m.index + m[0].length)[0]);
    for (const m of s.matchAll(SECOND_ARGUMENT)) {
      const [, end] = expression(s, m.index + m[0].length);
      if (s[end] === ',') keep(file, expression(s, end + 1)[0]);
    }
  }
  return [...found.values()];
}

/** A row message: written by an import's checks (the imports folder, the ledgers' import specs). */
export const isRowSource = (file: string): boolean => /\/imports\/|import-spec\.ts$/.test(file);
