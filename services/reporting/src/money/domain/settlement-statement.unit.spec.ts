import { toCsv } from '../../reports/csv';
import { danishKroner, monthStatement, type SettlementLine, statementCsv, statementHtml } from './settlement-statement';

const names = new Map([
  ['751', 'Aarhus'],
  ['791', 'Viborg'],
]);
const line = (caseId: string, municipalityCode: string, closedAt: string, outcome: SettlementLine['outcome'], amountDkk = 13_827, revision = 1): SettlementLine => ({
  caseId,
  municipalityCode,
  houseCode: 'midt',
  closedAt,
  outcome,
  tariffYear: 2022,
  amountDkk,
  revision,
});

describe('settlement statement of a month', () => {
  // March 2022, Børnehus Midt, tariff 13,827 kr.:
  //   Aarhus: one completed case and one interrupted (afbrudt) case: the interrupted one pays the full tariff too
  //           → 2 × 13,827 = 27,654 kr.
  //   Viborg: one case, its settlement corrected (revision 2, closing date moved within the month) → 13,827 kr.
  //   Total: 3 × 13,827 = 41,481 kr.
  const statement = monthStatement({
    month: '2022-03',
    houseCode: 'midt',
    lines: [line('c3', '791', '2022-03-30', 'completed', 13_827, 2), line('c2', '751', '2022-03-21', 'interrupted'), line('c1', '751', '2022-03-04', 'completed')],
    municipalityNames: names,
    closedNotSettled: 1,
  });

  it('bills an interrupted case the full tariff and sums per municipality (worked by hand)', () => {
    expect(statement).toMatchObject({ month: '2022-03', houseCode: 'midt', caseCount: 3, totalDkk: 41_481, closedNotSettled: 1 });
    expect(statement.municipalities.map((m) => [m.municipalityCode, m.municipalityName, m.caseCount, m.interruptedCount, m.totalDkk])).toEqual([
      ['751', 'Aarhus', 2, 1, 27_654],
      ['791', 'Viborg', 1, 0, 13_827],
    ]);
    expect(statement.municipalities[0].lines.map((l) => l.caseId)).toEqual(['c1', 'c2']);
  });

  it('sums amounts with øre exactly', () => {
    const s = monthStatement({ month: '2022-03', lines: [line('a', '751', '2022-03-01', 'completed', 0.1), line('b', '751', '2022-03-02', 'completed', 0.2)], municipalityNames: names, closedNotSettled: 0 });
    expect(s.totalDkk).toBe(0.3);
  });

  it('writes a CSV a Danish Excel opens: lines, a subtotal per municipality and the total, Danish outcome words', () => {
    const csv = toCsv(statementCsv(statement, 'da'), 'da');
    const rows = csv.replace('\uFEFF', '').split('\r\n');
    expect(csv.startsWith('\uFEFFmåned;linje;kommunekode;kommune;børnehus;sags-id;afsluttet;udfald;takstår;afregningsversion;antal sager;beløb kr.\r\n')).toBe(true);
    expect(rows[2]).toBe('2022-03;sag;751;Aarhus;midt;c2;2022-03-21;afbrudt;2022;1;1;13827,00');
    expect(rows[3]).toBe('2022-03;i alt for kommunen;751;Aarhus;;;;;;;2;27654,00');
    expect(rows[6]).toBe('2022-03;i alt;;;;;;;;;3;41481,00');
  });

  it('renders a printable Danish page with print CSS, escaping what it shows', () => {
    const html = statementHtml(statement, new Map([['midt', 'Børnehus Midt']]));
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('<title>Afregningsopgørelse marts 2022</title>');
    expect(html).toContain('@media print');
    expect(html).toContain('I alt 2 sager, heraf 1 afbrudt</th><th class="num">27.654,00</th>');
    expect(html).toContain('<td>afbrudt</td>');
    expect(html).toContain('gennemført (rettet)');
    expect(html).toContain('I alt 3 sager: 41.481,00 kr.');
    expect(html).toContain('1 sag afsluttet i måneden er endnu ikke afregnet');
    const hostile = statementHtml(monthStatement({ month: '2022-03', lines: [], municipalityNames: names, closedNotSettled: 0 }), new Map()).replace(/\s+/g, ' ');
    expect(hostile).toContain('Ingen afregnede sager i måneden.');
    expect(statementHtml({ ...statement, municipalities: [{ ...statement.municipalities[0], municipalityName: '<script>x</script>' }] }, new Map())).not.toContain('<script>x');
  });

  it('writes kroner the Danish way', () => {
    expect([danishKroner(13_827), danishKroner(1_234_567.5), danishKroner(0), danishKroner(-12.3)]).toEqual(['13.827,00', '1.234.567,50', '0,00', '-12,30']);
  });
});
