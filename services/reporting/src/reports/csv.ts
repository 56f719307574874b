// One CSV writer for every report. `en`: RFC 4180 (comma, decimal point). `da`: what a Danish
// Excel opens as it is: semicolon, decimal comma, UTF-8 with a byte order mark.

export type CsvLocale = 'en' | 'da';
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  header: { en: string; da: string };
  value: (row: Row) => CsvValue;
  /** Fixed decimals for a number (rates, ratios); whole numbers otherwise. */
  decimals?: number;
}

export interface CsvTable<Row> {
  columns: readonly CsvColumn<Row>[];
  rows: readonly Row[];
}

const BOM = '\uFEFF';

function formatValue(value: CsvValue, locale: CsvLocale, decimals?: number): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return locale === 'da' ? (value ? 'ja' : 'nej') : String(value);
  if (typeof value === 'number') {
    const text = decimals === undefined ? String(value) : value.toFixed(decimals);
    return locale === 'da' ? text.replace('.', ',') : text;
  }
  return value;
}

function quoted(field: string, separator: string): string {
  return field.includes(separator) || /["\r\n]/.test(field) || field !== field.trim() ? `"${field.replace(/"/g, '""')}"` : field;
}

export function toCsv<Row>(table: CsvTable<Row>, locale: CsvLocale): string {
  const separator = locale === 'da' ? ';' : ',';
  const line = (fields: string[]) => fields.map((f) => quoted(f, separator)).join(separator);
  const lines = [line(table.columns.map((c) => c.header[locale])), ...table.rows.map((row) => line(table.columns.map((c) => formatValue(c.value(row), locale, c.decimals))))];
  return `${locale === 'da' ? BOM : ''}${lines.join('\r\n')}\r\n`;
}
