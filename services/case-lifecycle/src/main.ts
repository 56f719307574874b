import { startServiceProcess } from '@sagsspor/platform';
import { CaseLifecycleModule } from './app.module';

startServiceProcess('case-lifecycle', 3002, (config, logger, overrides) => CaseLifecycleModule.forRoot(config, logger, overrides), {
  title: 'Sagsspor case-lifecycle',
  description: 'The børnehus case from intake to settlement.',
});
