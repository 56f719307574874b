import type { Request, Response } from 'express';
import { type CsvLocale, type CsvTable, toCsv } from './csv';
import type { ReportFormatQuery } from './report-query';

/** CSV when asked for by `format=csv` or `Accept: text/csv`, else JSON. */
export function wantsCsv(query: ReportFormatQuery, request: Request): boolean {
  if (query.format) return query.format === 'csv';
  return /\btext\/csv\b/.test(request.headers.accept ?? '');
}

/**
 * What a report query answers: its JSON body, and its CSV table (made only when asked for, in the
 * locale asked for: a text the report composes, such as a suppression reason, in that language),
 * named for the attachment.
 */
export interface Report<Row = unknown> {
  name: string;
  json: unknown;
  csv: (locale: CsvLocale) => CsvTable<Row>;
}

/** Answers the report as JSON, or as the report's CSV table (the attachment is named after the report). */
export function answer<Row>(request: Request, response: Response, query: ReportFormatQuery, report: Report<Row>): unknown {
  if (!wantsCsv(query, request)) return report.json;
  const locale = query.locale ?? 'en';
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  response.setHeader('Content-Disposition', `attachment; filename="${report.name}${locale === 'da' ? '-da' : ''}.csv"`);
  return toCsv(report.csv(locale), locale);
}
