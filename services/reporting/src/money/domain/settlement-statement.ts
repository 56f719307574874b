// The settlement statement (afregningsopgørelse) of a month, per paying municipality (pure).
//
// Lines come from the settlements read model: one row per case, its highest settlement revision
// (a correction replaces the earlier settlement: it may move the case to another month, or change
// its outcome or amount). Every outcome pays the house's full tariff for the year, interrupted
// (afbrudt) and withdrawn included (ADR 0032); the amount is the one the case was settled at.

import type { CsvTable } from '../../reports/csv';

export interface SettlementLine {
  caseId: string;
  municipalityCode: string;
  houseCode: string;
  closedAt: string;
  outcome: 'completed' | 'interrupted' | 'withdrawn';
  tariffYear: number;
  amountDkk: number;
  revision: number;
}

export interface MunicipalityStatement {
  municipalityCode: string;
  municipalityName: string;
  caseCount: number;
  interruptedCount: number;
  totalDkk: number;
  lines: SettlementLine[];
}

export interface MonthStatement {
  month: string;
  houseCode: string | null;
  municipalityCode: string | null;
  municipalities: MunicipalityStatement[];
  caseCount: number;
  totalDkk: number;
  /** Cases closed in the month that carry no settlement for it (yet): no tariff for the year, or not projected yet. */
  closedNotSettled: number;
}

/** Sums kroner amounts exactly to the øre. */
export const sumDkk = (amounts: readonly number[]) => Math.round(amounts.reduce((a, b) => a + Math.round(b * 100), 0)) / 100;

export function monthStatement(input: {
  month: string;
  houseCode?: string;
  municipalityCode?: string;
  lines: readonly SettlementLine[];
  municipalityNames: ReadonlyMap<string, string>;
  closedNotSettled: number;
}): MonthStatement {
  const byMunicipality = new Map<string, SettlementLine[]>();
  for (const line of [...input.lines].sort((a, b) => a.closedAt.localeCompare(b.closedAt) || a.caseId.localeCompare(b.caseId))) {
    byMunicipality.set(line.municipalityCode, [...(byMunicipality.get(line.municipalityCode) ?? []), line]);
  }
  const municipalities = [...byMunicipality.keys()].sort().map((code) => {
    const lines = byMunicipality.get(code)!;
    return {
      municipalityCode: code,
      municipalityName: input.municipalityNames.get(code) ?? code,
      caseCount: lines.length,
      interruptedCount: lines.filter((l) => l.outcome === 'interrupted').length,
      totalDkk: sumDkk(lines.map((l) => l.amountDkk)),
      lines,
    };
  });
  return {
    month: input.month,
    houseCode: input.houseCode ?? null,
    municipalityCode: input.municipalityCode ?? null,
    municipalities,
    caseCount: input.lines.length,
    totalDkk: sumDkk(municipalities.map((m) => m.totalDkk)),
    closedNotSettled: input.closedNotSettled,
  };
}

export const outcomeLabels = {
  en: { completed: 'completed', interrupted: 'interrupted', withdrawn: 'withdrawn' },
  da: { completed: 'gennemført', interrupted: 'afbrudt', withdrawn: 'trukket tilbage' },
} as const;

interface CsvRow {
  kind: 'case' | 'subtotal' | 'total';
  municipalityCode: string | null;
  municipalityName: string | null;
  line?: SettlementLine;
  caseCount?: number;
  amountDkk: number;
}

/** One row per settled case, a subtotal row per municipality and a total row. */
export function statementCsv(statement: MonthStatement, locale: 'en' | 'da'): CsvTable<CsvRow> {
  const rows: CsvRow[] = statement.municipalities.flatMap((m) => [
    ...m.lines.map((line): CsvRow => ({ kind: 'case', municipalityCode: m.municipalityCode, municipalityName: m.municipalityName, line, amountDkk: line.amountDkk })),
    { kind: 'subtotal' as const, municipalityCode: m.municipalityCode, municipalityName: m.municipalityName, caseCount: m.caseCount, amountDkk: m.totalDkk },
  ]);
  rows.push({ kind: 'total', municipalityCode: null, municipalityName: null, caseCount: statement.caseCount, amountDkk: statement.totalDkk });
  const kinds = { en: { case: 'case', subtotal: 'municipality total', total: 'total' }, da: { case: 'sag', subtotal: 'i alt for kommunen', total: 'i alt' } }[locale];
  return {
    rows,
    columns: [
      { header: { en: 'month', da: 'måned' }, value: () => statement.month },
      { header: { en: 'row', da: 'linje' }, value: (r) => kinds[r.kind] },
      { header: { en: 'municipality code', da: 'kommunekode' }, value: (r) => r.municipalityCode },
      { header: { en: 'municipality', da: 'kommune' }, value: (r) => r.municipalityName },
      { header: { en: 'house', da: 'børnehus' }, value: (r) => r.line?.houseCode },
      { header: { en: 'case id', da: 'sags-id' }, value: (r) => r.line?.caseId },
      { header: { en: 'closed', da: 'afsluttet' }, value: (r) => r.line?.closedAt },
      { header: { en: 'outcome', da: 'udfald' }, value: (r) => (r.line ? outcomeLabels[locale][r.line.outcome] : undefined) },
      { header: { en: 'tariff year', da: 'takstår' }, value: (r) => r.line?.tariffYear },
      { header: { en: 'settlement revision', da: 'afregningsversion' }, value: (r) => r.line?.revision },
      { header: { en: 'cases', da: 'antal sager' }, value: (r) => (r.line ? 1 : r.caseCount) },
      { header: { en: 'amount DKK', da: 'beløb kr.' }, value: (r) => r.amountDkk, decimals: 2 },
    ],
  };
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** 13827 → "13.827,00" (Danish: thousands point, decimal comma). */
export function danishKroner(amount: number): string {
  const [whole, decimals] = Math.abs(amount).toFixed(2).split('.');
  return `${amount < 0 ? '-' : ''}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, '.')},${decimals}`;
}

const danishMonths = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];
export const danishMonth = (month: string) => `${danishMonths[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;
const danishDate = (date: string) => `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;

/** A printable page (A4, Danish labels): one section per municipality, each on its own page when printed. */
export function statementHtml(statement: MonthStatement, houseNames: ReadonlyMap<string, string>): string {
  const e = escapeHtml;
  const title = `Afregningsopgørelse ${danishMonth(statement.month)}`;
  const scope = [statement.houseCode ? houseNames.get(statement.houseCode) ?? statement.houseCode : 'Alle børnehuse', statement.municipalityCode ? `kommune ${statement.municipalityCode}` : 'alle kommuner'].join(', ');
  const sections = statement.municipalities
    .map(
      (m) => `
  <section class="municipality">
    <h2>${e(m.municipalityName)} <span class="code">(${e(m.municipalityCode)})</span></h2>
    <table>
      <thead><tr><th>Sags-id</th><th>Børnehus</th><th>Afsluttet</th><th>Udfald</th><th class="num">Takstår</th><th class="num">Beløb (kr.)</th></tr></thead>
      <tbody>
${m.lines
  .map(
    (l) =>
      `        <tr${l.outcome === 'interrupted' ? ' class="interrupted"' : ''}><td class="id">${e(l.caseId)}</td><td>${e(houseNames.get(l.houseCode) ?? l.houseCode)}</td><td>${danishDate(l.closedAt)}</td><td>${outcomeLabels.da[l.outcome]}${l.revision > 1 ? ' (rettet)' : ''}</td><td class="num">${l.tariffYear}</td><td class="num">${danishKroner(l.amountDkk)}</td></tr>`,
  )
  .join('\n')}
      </tbody>
      <tfoot><tr><th colspan="5">I alt ${m.caseCount} ${m.caseCount === 1 ? 'sag' : 'sager'}${m.interruptedCount > 0 ? `, heraf ${m.interruptedCount} afbrudt` : ''}</th><th class="num">${danishKroner(m.totalDkk)}</th></tr></tfoot>
    </table>
  </section>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html lang="da">
<head>
  <meta charset="utf-8">
  <title>${e(title)}</title>
  <style>
    @page { size: A4; margin: 18mm 15mm; }
    body { font-family: "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; color: #111; margin: 2rem auto; max-width: 60rem; }
    h1 { font-size: 16pt; margin: 0 0 .2rem; }
    h2 { font-size: 12.5pt; margin: 1.6rem 0 .4rem; border-bottom: 1px solid #999; }
    .meta, .note { color: #444; margin: .2rem 0; }
    .code { color: #666; font-weight: normal; }
    table { width: 100%; border-collapse: collapse; }
    th, td { text-align: left; padding: .22rem .4rem; border-bottom: 1px solid #ddd; }
    thead th { border-bottom: 1.5px solid #333; }
    tfoot th { border-top: 1.5px solid #333; border-bottom: none; }
    .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
    .id { font-family: monospace; font-size: 8.5pt; }
    .summary { margin-top: 2rem; font-size: 12pt; }
    @media print {
      body { margin: 0; max-width: none; }
      section.municipality { break-inside: avoid-page; }
      section.municipality + section.municipality { break-before: page; }
      thead { display: table-header-group; }
      tr { break-inside: avoid; }
    }
  </style>
</head>
<body>
  <h1>${e(title)}</h1>
  <p class="meta">${e(scope)}. Afregnede børnehussager efter handlekommune, til børnehusets takst for året. Afbrudte forløb afregnes med fuld takst.</p>
${sections || '  <p>Ingen afregnede sager i måneden.</p>'}
  <p class="summary"><strong>I alt ${statement.caseCount} ${statement.caseCount === 1 ? 'sag' : 'sager'}: ${danishKroner(statement.totalDkk)} kr.</strong></p>
${statement.closedNotSettled > 0 ? `  <p class="note">${statement.closedNotSettled} ${statement.closedNotSettled === 1 ? 'sag' : 'sager'} afsluttet i måneden er endnu ikke afregnet (takst for året mangler eller er ikke registreret endnu).</p>\n` : ''}</body>
</html>
`;
}
