import { createLogger, loadServiceConfig, runService } from '@sagsspor/platform';
import { ReferralsModule } from './app.module';

const config = loadServiceConfig('referrals', 3001);
const logger = createLogger(config.serviceName);

runService(ReferralsModule.forRoot(config, logger), config, logger, {
  title: 'Sagsspor referrals',
  description: 'Underretninger, consultative inquiries and referrals from the municipalities; acceptance by the børnehuse.',
}).catch((error: Error) => {
  logger.fatal({ err: { message: error.message, stack: error.stack } }, 'referrals failed to start');
  process.exit(1);
});
