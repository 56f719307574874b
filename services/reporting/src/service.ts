import type { ServiceDefinition } from '@sagsspor/platform';
import { ReportingModule } from './app.module';

export const reportingService: ServiceDefinition = {
  name: 'reporting',
  defaultPort: 3004,
  description: {
    title: 'Sagsspor reporting',
    description: 'Read models projected from the integration events, the report API (usage, lead times, video interviews not referred, referral gaps, annual statistics) and the ops dashboard.',
  },
  moduleFor: (config, logger, overrides) => ReportingModule.forRoot(config, logger, overrides),
};
