import { startServiceProcess } from '@sagsspor/platform';
import { ReportingModule } from './app.module';

startServiceProcess('reporting', 3004, (config, logger, overrides) => ReportingModule.forRoot(config, logger, overrides), {
  title: 'Sagsspor reporting',
  description: 'Read models projected from the integration events, and the report API.',
});
