import type { Upcaster } from '@sagsspor/domain';
import { childAgeUpcasters } from './child-age.upcasters';
import { mandatoryReferralWatchUpcasters } from './mandatory-referral-watch/mandatory-referral-watch.events';

/** Every step from an older stored shape of referrals' internal events (ADR 0014), oldest first: the module's and the offline tools'. */
export const referralsUpcasters: readonly Upcaster[] = [...mandatoryReferralWatchUpcasters, ...childAgeUpcasters];
