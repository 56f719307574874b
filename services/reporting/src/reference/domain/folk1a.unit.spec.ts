import { ageOf, parseFolk1a, splitCsvLine } from './folk1a';

const municipalities = [
  { code: '665', name: 'Lemvig' },
  { code: '751', name: 'Aarhus' },
  { code: '760', name: 'Ringkøbing-Skjern' },
];
const ages = Array.from({ length: 18 }, (_, a) => a);
const rows = (area: string, perAge: number, period = '2017K1') => ages.map((a) => `${area};${a} år;${period};${perAge}`);
const file = (lines: string[]) => `\uFEFFOMRÅDE;ALDER;TID;INDHOLD\r\n${lines.join('\r\n')}\r\n`;
const complete = () => [...rows('Hele landet', 300), ...rows('Region Midtjylland', 300), ...rows('Lemvig', 100), ...rows('Aarhus', 150), ...rows('Ringkøbing-Skjern', 50)];

describe('FOLK1A export', () => {
  it('sums ages 0-17 per municipality, skipping the country and region rows', () => {
    const result = parseFolk1a(file(complete()), 2017, municipalities);
    expect(result).toMatchObject({ ok: true, rowsIgnored: 36 });
    if (!result.ok) throw new Error('expected ok');
    expect(Object.fromEntries(result.populations)).toEqual({ '665': 1800, '751': 2700, '760': 900 });
  });

  it('accepts codes (valuePresentation=Code), "code name" and ages above 17 (ignored)', () => {
    const lines = [...ages.map((a) => `665;${a};2017K1;100`), ...rows('751 Aarhus', 150), ...rows('Ringkøbing-Skjern', 50), 'Aarhus;18 år;2017K1;999'];
    const result = parseFolk1a(file(lines), 2017, municipalities);
    expect(result.ok && Object.fromEntries(result.populations)).toEqual({ '665': 1800, '751': 2700, '760': 900 });
  });

  it('accepts a file without BOM, with LF line ends and KØN/CIVILSTAND given as their total', () => {
    const lines = complete().map((l) => l.replace(/^([^;]+);/, '$1;I alt;').replace(/;(\d{4}K\d);/, ';I alt;$1;'));
    const result = parseFolk1a(`OMRÅDE;KØN;ALDER;CIVILSTAND;TID;INDHOLD\n${lines.join('\n')}\n`, 2017, municipalities);
    expect(result.ok).toBe(true);
  });

  it('refuses wrong columns as malformed, naming them', () => {
    expect(parseFolk1a('\uFEFFOMRÅDE;ALDER;TID;ANTAL\r\n', 2017, municipalities)).toEqual({
      ok: false,
      kind: 'malformed',
      problems: [
        { line: 1, column: 'INDHOLD', message: expect.stringContaining('column INDHOLD is missing') },
        { line: 1, column: 'ANTAL', message: expect.stringContaining("unexpected column 'ANTAL'") },
      ],
    });
  });

  it('refuses a comma-separated file, saying so', () => {
    expect(parseFolk1a('OMRÅDE,ALDER,TID,INDHOLD\n', 2017, municipalities)).toMatchObject({ ok: false, kind: 'malformed', problems: [{ line: 1, message: expect.stringContaining('semicolons') }] });
  });

  it('refuses another quarter than the year\'s first, naming line and column', () => {
    const lines = complete();
    lines[40] = lines[40].replace('2017K1', '2017K2');
    expect(parseFolk1a(file(lines), 2017, municipalities)).toEqual({
      ok: false,
      kind: 'invalid',
      problems: [{ line: 42, column: 'TID', message: "TID is '2017K2'; the population for 2017 is FOLK1A's 1st quarter, 2017K1" }],
    });
  });

  it('refuses an unknown municipality, a non-numeric count and a total age', () => {
    const lines = complete();
    lines[36] = 'Atlantis;0 år;2017K1;5';
    lines[37] = 'Lemvig;1 år;2017K1;..';
    lines[38] = 'Lemvig;Alder i alt;2017K1;5';
    const result = parseFolk1a(file(lines), 2017, municipalities);
    expect(result).toMatchObject({
      ok: false,
      kind: 'invalid',
      problems: [
        { line: 38, column: 'OMRÅDE', message: "'Atlantis' is not a municipality (kommune) in the reference data" },
        { line: 39, column: 'INDHOLD', message: "INDHOLD '..' is not a whole number of people" },
        { line: 40, column: 'ALDER', message: expect.stringContaining('not a single age') },
      ],
    });
  });

  it('refuses a file that lacks a municipality or some ages of one', () => {
    const lines = complete().filter((l) => !l.startsWith('Aarhus') && l !== 'Lemvig;17 år;2017K1;100');
    expect(parseFolk1a(file(lines), 2017, municipalities)).toEqual({
      ok: false,
      kind: 'invalid',
      problems: [
        { column: 'ALDER', message: 'municipality Lemvig (665) lacks age(s) 17' },
        { column: 'OMRÅDE', message: 'municipality Aarhus (751) is missing' },
      ],
    });
  });

  it('refuses the same municipality and age twice', () => {
    const lines = [...complete(), 'Lemvig;3 år;2017K1;1'];
    expect(parseFolk1a(file(lines), 2017, municipalities)).toMatchObject({ ok: false, problems: [{ line: lines.length + 1, column: 'ALDER', message: 'Lemvig age 3 appears twice' }] });
  });

  it('refuses an empty file', () => {
    expect(parseFolk1a('\uFEFF\r\n', 2017, municipalities)).toMatchObject({ ok: false, kind: 'malformed' });
  });

  it('reads quoted cells and ages in the forms the export uses', () => {
    expect(splitCsvLine('"Region Midtjylland";"0 år";2017K1;"1""2"')).toEqual(['Region Midtjylland', '0 år', '2017K1', '1"2']);
    expect([ageOf('0 år'), ageOf('17 years'), ageOf('5'), ageOf('Alder i alt'), ageOf('0-4 år')]).toEqual([0, 17, 5, undefined, undefined]);
  });
});
