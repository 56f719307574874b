import type { ServiceDefinition } from '@sagsspor/platform';
import { SectorCoordinationModule } from './app.module';

export const sectorCoordinationService: ServiceDefinition = {
  name: 'sector-coordination',
  defaultPort: 3003,
  description: {
    title: 'Sagsspor sector-coordination',
    description: 'Case conferences, police video interviews (over HTTP and the inbound Kafka topic), paediatric and forensic examinations.',
  },
  moduleFor: (config, logger, overrides) => SectorCoordinationModule.forRoot(config, logger, overrides),
};
