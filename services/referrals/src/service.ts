import type { ServiceDefinition } from '@sagsspor/platform';
import { ReferralsModule } from './app.module';
import { referralsSettingsFromEnv } from './settings';
import { referralsUpcasters } from './upcasters';

export const referralsService: ServiceDefinition = {
  name: 'referrals',
  defaultPort: 3001,
  description: {
    title: 'Sagsspor referrals',
    description: 'Underretninger, consultative inquiries and referrals from the municipalities; acceptance by the børnehuse; the mandatory-referral criteria (Barnets lov § 125) and the watch for referrals that do not follow.',
  },
  moduleFor: (config, logger, overrides) => ReferralsModule.forRoot(config, logger, overrides, referralsSettingsFromEnv()),
  upcasters: referralsUpcasters,
};
