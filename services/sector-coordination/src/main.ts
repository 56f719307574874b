import { startServiceProcess } from '@sagsspor/platform';
import { SectorCoordinationModule } from './app.module';

startServiceProcess('sector-coordination', 3003, (config, logger, overrides) => SectorCoordinationModule.forRoot(config, logger, overrides), {
  title: 'Sagsspor sector-coordination',
  description: 'Case conferences, police video interviews, paediatric and forensic examinations.',
});
