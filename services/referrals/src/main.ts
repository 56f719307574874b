import { startServiceProcess } from '@sagsspor/platform';
import { ReferralsModule } from './app.module';

startServiceProcess('referrals', 3001, (config, logger, overrides) => ReferralsModule.forRoot(config, logger, overrides), {
  title: 'Sagsspor referrals',
  description: 'Underretninger, consultative inquiries and referrals from the municipalities; acceptance by the børnehuse.',
});
