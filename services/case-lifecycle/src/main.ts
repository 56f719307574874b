import { createLogger, loadServiceConfig, runService } from '@sagsspor/platform';
import { CaseLifecycleModule } from './app.module';

const config = loadServiceConfig('case-lifecycle', 3002);
const logger = createLogger(config.serviceName);

runService(CaseLifecycleModule.forRoot(config, logger), config, logger, {
  title: 'Sagsspor case-lifecycle',
  description: 'The børnehus case from intake to settlement.',
}).catch((error: Error) => {
  logger.fatal({ err: { message: error.message, stack: error.stack } }, 'case-lifecycle failed to start');
  process.exit(1);
});
