/**
 * First two digits of GB/T 2260 province-level codes. 71/81/82 are Taiwan, Hong Kong and
 * Macao; 83 is not in GB/T 2260 but is printed on residence permits for Taiwan residents
 * (830000), which are valid 18-digit ID numbers.
 */
// One row per geographic region (north, northeast, east, central-south, southwest, northwest, HK/MO/TW).
// prettier-ignore
export const PROVINCE_PREFIXES: ReadonlySet<string> = new Set([
  '11', '12', '13', '14', '15',
  '21', '22', '23',
  '31', '32', '33', '34', '35', '36', '37',
  '41', '42', '43', '44', '45', '46',
  '50', '51', '52', '53', '54',
  '61', '62', '63', '64', '65',
  '71', '81', '82', '83',
]);
