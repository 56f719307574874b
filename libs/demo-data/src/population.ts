import { municipalities } from '@sagsspor/reference-data';

/**
 * A FOLK1A export as Statistics Denmark's StatBank gives it for the request documented in the reporting
 * service (PUT /v1/reference/population/{year}): BOM, semicolons, `OMRÅDE;ALDER;TID;INDHOLD`, Danish
 * labels, one row per municipality and age 0-17 for the year's 1st quarter.
 */
export function folk1aCsv(year: number, population0to17: Readonly<Record<string, number>>): string {
  const rows = ['OMRÅDE;ALDER;TID;INDHOLD'];
  for (const m of municipalities) {
    const population = population0to17[m.code];
    if (population === undefined) continue;
    for (let age = 0; age <= 17; age++) rows.push(`${m.name};${age} år;${year}K1;${Math.floor(population / 18) + (age < population % 18 ? 1 : 0)}`);
  }
  return `\uFEFF${rows.join('\r\n')}\r\n`;
}
