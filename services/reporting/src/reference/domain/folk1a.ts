// Statistics Denmark's FOLK1A table (population on the 1st day of the quarter), exported as CSV
// by the StatBank API: semicolon-separated, UTF-8 with a BOM, one row per combination of the
// chosen variables, the count in INDHOLD. See docs/services/reporting.md for the exact request.
// Pure: the reference data (municipality names and codes) comes in as an argument.

export interface Folk1aMunicipality {
  code: string;
  name: string;
}

export interface Folk1aProblem {
  /** 1-based line in the file (the header is line 1); absent for a problem with the file as a whole. */
  line?: number;
  column?: string;
  message: string;
}

export type Folk1aResult =
  | { ok: true; populations: Map<string, number>; rowsRead: number; rowsIgnored: number }
  | { ok: false; kind: 'malformed' | 'invalid'; problems: Folk1aProblem[] };

export const AGES_0_TO_17 = Array.from({ length: 18 }, (_, age) => age);
const REQUIRED_COLUMNS = ['OMRÅDE', 'ALDER', 'TID', 'INDHOLD'];
/** Variables FOLK1A can be split by that we only accept as their total (leave them out of the request). */
const TOTAL_ONLY_COLUMNS: Record<string, string[]> = { KØN: ['i alt', 'tot', 'total'], CIVILSTAND: ['i alt', 'tot', 'total'] };
const MAX_PROBLEMS = 50;

/** Areas in OMRÅDE that are not municipalities: the whole country, the regions, Christiansø. Their rows are skipped. */
const AGGREGATE_AREAS = /^(000|08[1-5]|411|hele landet|all denmark|region .+|christiansø)$/i;

/** Splits one CSV line on `;`, honouring double quotes. */
export function splitCsvLine(line: string, separator = ';'): string[] {
  const cells: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === separator) {
      cells.push(cell);
      cell = '';
    } else cell += c;
  }
  cells.push(cell);
  return cells.map((c) => c.trim());
}

/** `0 år`, `0 years`, `0` (valuePresentation=Code) → 0; a total or an interval → undefined. */
export function ageOf(value: string): number | undefined {
  const match = /^(\d{1,3})(?: år| years?)?$/i.exec(value.trim());
  return match ? Number(match[1]) : undefined;
}

function municipalityMatcher(municipalities: readonly Folk1aMunicipality[]) {
  const byKey = new Map<string, string>();
  for (const m of municipalities) {
    byKey.set(m.code, m.code);
    byKey.set(m.name.toLocaleLowerCase('da'), m.code);
    byKey.set(`${m.name.toLocaleLowerCase('da')} kommune`, m.code);
  }
  return (value: string): string | undefined => {
    const v = value.trim().normalize('NFC');
    // valuePresentation=CodeAndValue gives "751 Aarhus".
    const codeAndValue = /^(\d{3}) (.+)$/.exec(v);
    if (codeAndValue) return byKey.get(codeAndValue[1]);
    return byKey.get(v.toLocaleLowerCase('da'));
  };
}

/** Parses a FOLK1A export for `year` (TID must be `<year>K1`) into each municipality's population aged 0-17. */
export function parseFolk1a(text: string, year: number, municipalities: readonly Folk1aMunicipality[]): Folk1aResult {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) return { ok: false, kind: 'malformed', problems: [{ message: 'the file is empty; send the CSV that the StatBank API exports for FOLK1A' }] };

  const header = splitCsvLine(lines[0]).map((c) => c.toLocaleUpperCase('da').normalize('NFC'));
  if (header.length === 1 && lines[0].includes(',')) {
    return { ok: false, kind: 'malformed', problems: [{ line: 1, message: 'the columns are separated by commas; the StatBank CSV export separates them by semicolons (;)' }] };
  }
  const headerProblems: Folk1aProblem[] = [
    ...REQUIRED_COLUMNS.filter((c) => !header.includes(c)).map((c) => ({ line: 1, column: c, message: `column ${c} is missing; expected the columns ${REQUIRED_COLUMNS.join(';')}` })),
    ...header
      .filter((c) => !REQUIRED_COLUMNS.includes(c) && !(c in TOTAL_ONLY_COLUMNS))
      .map((c) => ({ line: 1, column: c, message: `unexpected column '${c}'; FOLK1A's columns here are ${REQUIRED_COLUMNS.join(';')} (leave KØN and CIVILSTAND out of the request, or ask for their total)` })),
    ...header.filter((c, i) => header.indexOf(c) !== i).map((c) => ({ line: 1, column: c, message: `column ${c} appears twice` })),
  ];
  if (headerProblems.length > 0) return { ok: false, kind: 'malformed', problems: headerProblems };

  const column = (name: string) => header.indexOf(name);
  const municipalityOf = municipalityMatcher(municipalities);
  const expectedPeriod = `${year}K1`;
  const problems: Folk1aProblem[] = [];
  const counts = new Map<string, Map<number, number>>();
  let rowsRead = 0;
  let rowsIgnored = 0;

  for (let i = 1; i < lines.length && problems.length < MAX_PROBLEMS; i++) {
    const line = i + 1;
    if (lines[i].trim() === '') {
      problems.push({ line, message: 'empty line inside the file' });
      continue;
    }
    const cells = splitCsvLine(lines[i]);
    if (cells.length !== header.length) {
      problems.push({ line, message: `the line has ${cells.length} cells; the header has ${header.length}` });
      continue;
    }
    rowsRead++;
    const cell = (name: string) => cells[column(name)];
    const rowProblems: Folk1aProblem[] = [];
    for (const [name, totals] of Object.entries(TOTAL_ONLY_COLUMNS)) {
      if (column(name) >= 0 && !totals.includes(cell(name).toLowerCase())) {
        rowProblems.push({ line, column: name, message: `${name} '${cell(name)}' is not the total ('I alt'); leave ${name} out of the request` });
      }
    }
    if (cell('TID') !== expectedPeriod) {
      rowProblems.push({ line, column: 'TID', message: `TID is '${cell('TID')}'; the population for ${year} is FOLK1A's 1st quarter, ${expectedPeriod}` });
    }
    const area = cell('OMRÅDE');
    const isAggregate = AGGREGATE_AREAS.test(area) || /^(000|08[1-5]|411) /.test(area);
    const municipality = isAggregate ? undefined : municipalityOf(area);
    if (!isAggregate && !municipality) rowProblems.push({ line, column: 'OMRÅDE', message: `'${area}' is not a municipality (kommune) in the reference data` });
    const age = ageOf(cell('ALDER'));
    if (age === undefined) rowProblems.push({ line, column: 'ALDER', message: `ALDER '${cell('ALDER')}' is not a single age; export each age 0-17 on its own row (not a total or an interval)` });
    const content = cell('INDHOLD');
    if (!/^\d+$/.test(content)) rowProblems.push({ line, column: 'INDHOLD', message: `INDHOLD '${content}' is not a whole number of people` });
    if (rowProblems.length > 0) {
      problems.push(...rowProblems);
      continue;
    }
    if (isAggregate || age! > 17) {
      rowsIgnored++;
      continue;
    }
    const ages = counts.get(municipality!) ?? new Map<number, number>();
    if (ages.has(age!)) {
      problems.push({ line, column: 'ALDER', message: `${area} age ${age} appears twice` });
      continue;
    }
    ages.set(age!, Number(content));
    counts.set(municipality!, ages);
  }
  if (problems.length > 0) return { ok: false, kind: 'invalid', problems: problems.slice(0, MAX_PROBLEMS) };

  const missing = municipalities
    .map((m) => ({ m, ages: AGES_0_TO_17.filter((a) => !counts.get(m.code)?.has(a)) }))
    .filter((x) => x.ages.length > 0)
    .map(({ m, ages }) => ({
      column: ages.length === 18 ? 'OMRÅDE' : 'ALDER',
      message: ages.length === 18 ? `municipality ${m.name} (${m.code}) is missing` : `municipality ${m.name} (${m.code}) lacks age(s) ${ages.join(', ')}`,
    }));
  if (missing.length > 0) return { ok: false, kind: 'invalid', problems: missing.slice(0, MAX_PROBLEMS) };

  const populations = new Map([...counts].map(([code, ages]) => [code, [...ages.values()].reduce((a, b) => a + b, 0)]));
  return { ok: true, populations, rowsRead, rowsIgnored };
}
