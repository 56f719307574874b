import path from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, loadServiceConfig, openApiDocumentOf, type ServiceDefinition } from '@sagsspor/platform';

export const serviceNames = ['referrals', 'case-lifecycle', 'sector-coordination', 'reporting'] as const;

/**
 * A service's definition (its src/service.ts), loaded by path: services are applications, which no
 * project imports by name (module boundaries). From TypeScript sources under Jest, from the build otherwise.
 */
export function serviceDefinition(name: string): ServiceDefinition {
  if (!(serviceNames as readonly string[]).includes(name)) throw new Error(`no service '${name}'`);
  const fromSources = __filename.endsWith('.ts');
  const file = path.resolve(__dirname, '../../../services', name, fromSources ? 'src/service' : 'dist/service');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded by path on purpose (see above)
  const loaded: Record<string, ServiceDefinition> = require(file);
  const definition = Object.values(loaded).find((value) => value && typeof value === 'object' && 'moduleFor' in value);
  if (!definition) throw new Error(`services/${name}/src/service.ts exports no ServiceDefinition`);
  return definition;
}

/** A service's OpenAPI document as docs/openapi/<service>.json holds it (built from the code, no infrastructure). */
export async function openApiJsonOf(name: string): Promise<string> {
  const service = serviceDefinition(name);
  // Development defaults: the document does not depend on configuration.
  const config = loadServiceConfig(service.name, service.defaultPort, {});
  const logger = createLogger(service.name, new Writable({ write: (_chunk, _encoding, done) => done() }));
  const document = await openApiDocumentOf(service.moduleFor(config, logger, {}), service.description);
  return `${JSON.stringify(document, null, 2)}\n`;
}
