/**
 * Why an ID-number cell is refused when Excel stored it as a number: shown in scientific notation
 * (1.40723E+17). The sheet reader writes a numeric cell too large for a double's exact digits the
 * same way, since its last digits may already have changed. Such a cell is never "repaired";
 * undefined when the cell is not such a number.
 */
export function idNumberStoredAsNumber(text: string): string | undefined {
  const t = text.trim();
  if (!/^\d(\.\d+)?e\+?\d+$/i.test(t)) return undefined;
  return `身份证号被 Excel 存成了数字（${t}），末几位已丢失或改动：请把该列设为文本格式，重新填写完整的 18 位号码`;
}
