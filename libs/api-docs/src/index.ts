import { createLogger, loadServiceConfig, openApiDocumentOf, type ServiceDefinition } from '@sagsspor/platform';
import { caseLifecycleService } from '@sagsspor/case-lifecycle-service/service';
import { referralsService } from '@sagsspor/referrals-service/service';
import { reportingService } from '@sagsspor/reporting-service/service';
import { sectorCoordinationService } from '@sagsspor/sector-coordination-service/service';
import { Writable } from 'node:stream';

export const services: Record<string, ServiceDefinition> = {
  referrals: referralsService,
  'case-lifecycle': caseLifecycleService,
  'sector-coordination': sectorCoordinationService,
  reporting: reportingService,
};

/** A service's OpenAPI document as docs/openapi/<service>.json holds it (built from the code, no infrastructure). */
export async function openApiJsonOf(name: string): Promise<string> {
  const service = services[name];
  if (!service) throw new Error(`no service '${name}'`);
  // Development defaults: the document does not depend on configuration.
  const config = loadServiceConfig(service.name, service.defaultPort, {});
  const logger = createLogger(service.name, new Writable({ write: (_chunk, _encoding, done) => done() }));
  const document = await openApiDocumentOf(service.moduleFor(config, logger, {}), service.description);
  return `${JSON.stringify(document, null, 2)}\n`;
}
