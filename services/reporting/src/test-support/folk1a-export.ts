import { AGES_0_TO_17 } from '../reference/domain/folk1a';

/**
 * A FOLK1A export as the StatBank API gives it for the documented request (Danish labels):
 * BOM, `OMRÅDE;ALDER;TID;INDHOLD`, the whole country and the regions first, then one row per
 * municipality and age. Each municipality's 0-17 population is spread over the 18 ages.
 */
export function folk1aExport(year: number, populations: ReadonlyMap<string, number> | Record<string, number>, names: ReadonlyMap<string, string>, options: { extraRows?: string[] } = {}): string {
  const entries = populations instanceof Map ? [...populations] : Object.entries(populations);
  const total = entries.reduce((sum, [, n]) => sum + n, 0);
  const rows = ['OMRÅDE;ALDER;TID;INDHOLD', ...AGES_0_TO_17.map((age) => `Hele landet;${age} år;${year}K1;${Math.floor(total / 18) + (age < total % 18 ? 1 : 0)}`)];
  for (const [code, population] of entries) {
    for (const age of AGES_0_TO_17) rows.push(`${names.get(code)};${age} år;${year}K1;${Math.floor(population / 18) + (age < population % 18 ? 1 : 0)}`);
  }
  return `\uFEFF${[...rows, ...(options.extraRows ?? [])].join('\r\n')}\r\n`;
}
