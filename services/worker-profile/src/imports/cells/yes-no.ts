import { Labels } from '../labels.ts';

/** Yes and no as clerks write them: 是/否, 有/无, √/×, Y/N, true/false, 1/0. */
export const CLERK_YES_NO = new Labels<boolean>([
  [true, ['是', '有', '√', '✓', '✔', '对', 'Y', 'yes', 'true', '1']],
  [false, ['否', '无', '没有', '×', '✗', '✘', 'x', '不是', 'N', 'no', 'false', '0']],
]);
