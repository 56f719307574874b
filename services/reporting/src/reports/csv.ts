// One CSV writer for every report. `en`: RFC 4180 (comma, decimal point). `da`: what a Danish
// Excel opens as it is: semicolon, decimal comma, UTF-8 with a byte order mark, Danish headers,
// and Danish words for the fixed values (levels, kinds, categories) a column names in `da`.

export type CsvLocale = 'en' | 'da';
export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<Row> {
  header: { en: string; da: string };
  value: (row: Row) => CsvValue;
  /** Fixed decimals for a number (rates, ratios); whole numbers otherwise. */
  decimals?: number;
  /**
   * The Danish words for the column's fixed values (the English codes the JSON has, e.g.
   * `municipality` → `kommune`): in a `da` CSV a value found here is written in Danish. Values not
   * found (names, codes, dates) are written as they are.
   */
  da?: Readonly<Record<string, string>>;
}

export interface CsvTable<Row> {
  columns: readonly CsvColumn<Row>[];
  rows: readonly Row[];
}

const BOM = '\uFEFF';

function formatValue(value: CsvValue, locale: CsvLocale, decimals?: number, da?: Readonly<Record<string, string>>): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' && locale === 'da' && da && Object.hasOwn(da, value)) return da[value];
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
  const lines = [line(table.columns.map((c) => c.header[locale])), ...table.rows.map((row) => line(table.columns.map((c) => formatValue(c.value(row), locale, c.decimals, c.da))))];
  return `${locale === 'da' ? BOM : ''}${lines.join('\r\n')}\r\n`;
}
