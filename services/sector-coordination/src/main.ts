import { createLogger, loadServiceConfig, runService } from '@sagsspor/platform';
import { SectorCoordinationModule } from './app.module';

const config = loadServiceConfig('sector-coordination', 3003);
const logger = createLogger(config.serviceName);

runService(SectorCoordinationModule.forRoot(config, logger), config, logger, {
  title: 'Sagsspor sector-coordination',
  description: 'Case conferences, police video interviews, paediatric and forensic examinations.',
}).catch((error: Error) => {
  logger.fatal({ err: { message: error.message, stack: error.stack } }, 'sector-coordination failed to start');
  process.exit(1);
});
