import { readDataFile, parseRow } from './data-files.ts';
import { parentOf } from './levels.ts';

/** Province, city, county and township names plus child lists; about 45k rows, cheap enough to hold whole. */
export interface UpperIndex {
  names: Map<string, string>;
  children: Map<string, string[]>;
}

const FILES = ['provinces.csv', 'cities.csv', 'areas.csv', 'streets.csv'] as const;

let index: UpperIndex | undefined;

export function upperIndex(): UpperIndex {
  if (index) return index;
  const names = new Map<string, string>();
  const children = new Map<string, string[]>();
  for (const file of FILES) {
    const lines = readDataFile(file).split('\n');
    // Line 0 is the header.
    for (let i = 1; i < lines.length; i++) {
      const row = parseRow(lines[i]!.trimEnd());
      if (!row) continue;
      names.set(row.code, row.name);
      const parent = parentOf(row.code);
      if (parent === undefined) continue;
      const list = children.get(parent);
      if (list) list.push(row.code);
      else children.set(parent, [row.code]);
    }
  }
  for (const list of children.values()) list.sort();
  index = { names, children };
  return index;
}
