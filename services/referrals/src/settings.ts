import { type PoliceInvolvementDefinition, policeInvolvementDefinitions } from '@sagsspor/contracts';

/** The referrals service's own settings (besides the platform's ServiceConfig). */
export interface ReferralsSettings {
  /**
   * Days the municipality has to refer a child once the mandatory-referral criteria are met
   * ("within N days" includes day N). `MANDATORY_REFERRAL_WINDOW_DAYS`, default 14.
   */
  mandatoryReferralWindowDays: number;
  /**
   * What counts as "the police is involved": `reported`, or `consulted` (which includes reported).
   * `MANDATORY_REFERRAL_POLICE_INVOLVEMENT`, default `consulted` (ADR 0010).
   */
  policeInvolvement: PoliceInvolvementDefinition;
}

export const REFERRALS_SETTINGS = Symbol('REFERRALS_SETTINGS');

export const defaultReferralsSettings: ReferralsSettings = { mandatoryReferralWindowDays: 14, policeInvolvement: 'consulted' };

/** Reads and checks the settings at start-up; a bad value stops the service with a clear message. */
export function referralsSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ReferralsSettings {
  const windowText = env.MANDATORY_REFERRAL_WINDOW_DAYS;
  const windowDays = windowText === undefined ? defaultReferralsSettings.mandatoryReferralWindowDays : /^\d{1,3}$/.test(windowText) ? Number(windowText) : NaN;
  if (!(windowDays >= 0 && windowDays <= 365)) {
    throw new Error(`MANDATORY_REFERRAL_WINDOW_DAYS must be a whole number of days from 0 to 365, got '${windowText}'`);
  }
  const police = env.MANDATORY_REFERRAL_POLICE_INVOLVEMENT ?? defaultReferralsSettings.policeInvolvement;
  if (!(policeInvolvementDefinitions as readonly string[]).includes(police)) {
    throw new Error(`MANDATORY_REFERRAL_POLICE_INVOLVEMENT must be one of ${policeInvolvementDefinitions.join(', ')}, got '${police}'`);
  }
  return { mandatoryReferralWindowDays: windowDays, policeInvolvement: police as PoliceInvolvementDefinition };
}
