import { createLogger, loadServiceConfig, runService } from '@sagsspor/platform';
import { ReportingModule } from './app.module';

const config = loadServiceConfig('reporting', 3004);
const logger = createLogger(config.serviceName);

runService(ReportingModule.forRoot(config, logger), config, logger, {
  title: 'Sagsspor reporting',
  description: 'Read models projected from the integration events, and the report API.',
}).catch((error: Error) => {
  logger.fatal({ err: { message: error.message, stack: error.stack } }, 'reporting failed to start');
  process.exit(1);
});
