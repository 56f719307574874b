import { startServiceProcess } from '@sagsspor/platform';
import { CaseLifecycleModule } from './app.module';
import { caseLifecycleSettingsFromEnv } from './settings';

const settings = caseLifecycleSettingsFromEnv();

startServiceProcess('case-lifecycle', 3002, (config, logger, overrides) => CaseLifecycleModule.forRoot(config, logger, overrides, settings), {
  title: 'Sagsspor case-lifecycle',
  description: 'The børnehus case from intake to settlement: police release gate, services, suspects, closing, deadlines and settlement.',
});
