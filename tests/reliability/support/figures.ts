import { appendFileSync } from 'node:fs';

/**
 * Prints a suite's figures where a person running `npm run test:reliability` sees them (stderr
 * passes through tap untouched), and appends them as JSON lines to TONGXIN_REL_FIGURES when set
 * so that the runner can print one summary at the end.
 */
export function printFigures(suite: string, figures: Record<string, unknown>, details: string[] = []): void {
  const lines = [
    `[reliability] ${suite}: ${Object.entries(figures)
      .map(([k, v]) => `${k}=${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(' ')}`,
    ...details.map((d) => `[reliability]   ${d}`),
  ];
  process.stderr.write(`${lines.join('\n')}\n`);
  const file = process.env.TONGXIN_REL_FIGURES;
  if (file) appendFileSync(file, `${JSON.stringify({ suite, figures, details: details.slice(0, 50) })}\n`);
}
