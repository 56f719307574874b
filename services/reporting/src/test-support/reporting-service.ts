import { municipalities } from '@sagsspor/reference-data';
import { startServiceUnderTest } from '@sagsspor/service-testing';
import type { Clock } from '@sagsspor/domain';
import { ReportingModule } from '../app.module';

export const municipalityNames = new Map(municipalities.map((m) => [m.code, m.name]));

/** The reporting service in-process on its own database and topic namespace. */
export function startReporting(label: string, options: { clock?: Clock; env?: Record<string, string> } = {}) {
  return startServiceUnderTest({ serviceName: 'reporting', label, moduleFor: (c, l, o) => ReportingModule.forRoot(c, l, o), ...options });
}
