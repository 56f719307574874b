import type { ServiceDefinition } from '@sagsspor/platform';
import { CaseLifecycleModule } from './app.module';
import { caseLifecycleSettingsFromEnv } from './settings';

export const caseLifecycleService: ServiceDefinition = {
  name: 'case-lifecycle',
  defaultPort: 3002,
  description: {
    title: 'Sagsspor case-lifecycle',
    description: 'The børnehus case from intake to settlement: police release gate, services, suspects, closing, deadlines and settlement.',
  },
  moduleFor: (config, logger, overrides) => CaseLifecycleModule.forRoot(config, logger, overrides, caseLifecycleSettingsFromEnv()),
};
