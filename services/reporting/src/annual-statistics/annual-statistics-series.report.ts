import { roundHalfUp } from '../lead-times/domain/lead-time-statistics';

// The multi-year series of the annual statistics (001_97f9d9d0223b3104.txt: "Fra 2014 til 2017 er
// antallet af årligt afsluttede børnehussager på landsplan steget fra 882 til 1.665 ... en
// stigning på 89 procent"; per house "Børnehus Hovedstaden ... en stigning på 56 procent"): closed
// cases per house and calendar year, and the change from the first to the last year. Pure.

export interface SeriesRow {
  /** A house code, or `total`. */
  houseCode: string;
  name: string;
  /** The cases closed in each year of the series, in year order. */
  years: { year: number; cases: number }[];
  /** Change from the first to the last year in whole percent (half away from zero); null when the first year has none. */
  changePercent: number | null;
}

/** (last − first) / first in whole percent, rounded half away from zero, without floating point error. */
export function changePercent(first: number, last: number): number | null {
  if (first === 0) return null;
  const diff = last - first;
  const magnitude = roundHalfUp(Math.abs(diff) * 100, first);
  return diff < 0 ? -magnitude : magnitude;
}

export function closedCasesSeries(counts: readonly { year: number; houseCode: string; cases: number }[], houses: readonly { code: string; name: string }[], fromYear: number, toYear: number): SeriesRow[] {
  const years = Array.from({ length: toYear - fromYear + 1 }, (_, i) => fromYear + i);
  const row = (houseCode: string, name: string, mine: readonly { year: number; cases: number }[]): SeriesRow => {
    const perYear = years.map((year) => ({ year, cases: mine.filter((c) => c.year === year).reduce((s, c) => s + c.cases, 0) }));
    return { houseCode, name, years: perYear, changePercent: changePercent(perYear[0].cases, perYear.at(-1)!.cases) };
  };
  return [...houses.map((h) => row(h.code, h.name, counts.filter((c) => c.houseCode === h.code))), row('total', 'I alt', counts)];
}
