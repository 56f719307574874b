import { type CsvTable, toCsv } from './csv';

interface Row {
  name: string;
  cases: number | null;
  rate: number | null;
  suppressed: boolean;
}

const table: CsvTable<Row> = {
  columns: [
    { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
    { header: { en: 'closed cases', da: 'antal børnehussager' }, value: (r) => r.cases },
    { header: { en: 'cases per 1,000', da: 'sager pr. 1.000 børn' }, value: (r) => r.rate, decimals: 2 },
    { header: { en: 'suppressed', da: 'diskretioneret' }, value: (r) => r.suppressed },
  ],
  rows: [
    { name: 'Viborg', cases: 32, rate: 1.4957, suppressed: false },
    { name: 'Ikast-Brande', cases: null, rate: null, suppressed: true },
    { name: 'Say "hi", then; go\nhome', cases: 3, rate: 0.5, suppressed: false },
  ],
};

describe('CSV writer', () => {
  it('writes RFC 4180 for en: comma, decimal point, quotes where needed, CRLF, no BOM', () => {
    expect(toCsv(table, 'en')).toBe(
      'name,closed cases,"cases per 1,000",suppressed\r\n' + 'Viborg,32,1.50,false\r\n' + 'Ikast-Brande,,,true\r\n' + '"Say ""hi"", then; go\nhome",3,0.50,false\r\n',
    );
  });

  it('writes what a Danish Excel opens for da: BOM, semicolon, decimal comma, Danish headings', () => {
    expect(toCsv(table, 'da')).toBe(
      '\uFEFFnavn;antal børnehussager;sager pr. 1.000 børn;diskretioneret\r\n' + 'Viborg;32;1,50;nej\r\n' + 'Ikast-Brande;;;ja\r\n' + '"Say ""hi"", then; go\nhome";3;0,50;nej\r\n',
    );
  });

  it('writes a column\'s fixed values in Danish for da, as they are for en, and leaves values without a Danish word alone', () => {
    const levels: CsvTable<{ level: string; name: string }> = {
      columns: [
        { header: { en: 'level', da: 'niveau' }, value: (r) => r.level, da: { municipality: 'kommune', national: 'hele landet' } },
        { header: { en: 'name', da: 'navn' }, value: (r) => r.name },
      ],
      rows: [
        { level: 'municipality', name: 'municipality' },
        { level: 'national', name: 'Hele landet' },
        { level: 'constructor', name: 'x' },
      ],
    };
    expect(toCsv(levels, 'en')).toBe('level,name\r\nmunicipality,municipality\r\nnational,Hele landet\r\nconstructor,x\r\n');
    expect(toCsv(levels, 'da')).toBe('\uFEFFniveau;navn\r\nkommune;municipality\r\nhele landet;Hele landet\r\nconstructor;x\r\n');
  });
});
