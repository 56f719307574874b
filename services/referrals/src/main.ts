import { startServiceProcess } from '@sagsspor/platform';
import { ReferralsModule } from './app.module';

startServiceProcess('referrals', 3001, (config, logger) => ReferralsModule.forRoot(config, logger), {
  title: 'Sagsspor referrals',
  description: 'Underretninger, consultative inquiries and referrals from the municipalities; acceptance by the børnehuse.',
});
