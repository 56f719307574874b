import { startServiceProcess } from '@sagsspor/platform';
import { ReferralsModule } from './app.module';
import { referralsSettingsFromEnv } from './settings';

startServiceProcess('referrals', 3001, (config, logger, overrides) => ReferralsModule.forRoot(config, logger, overrides, referralsSettingsFromEnv()), {
  title: 'Sagsspor referrals',
  description:
    'Underretninger, consultative inquiries and referrals from the municipalities; acceptance by the børnehuse; the mandatory-referral criteria (Barnets lov § 125) and the watch for referrals that do not follow.',
});
