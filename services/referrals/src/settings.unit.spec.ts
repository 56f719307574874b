import { referralsSettingsFromEnv } from './settings';

describe('referrals settings', () => {
  it('defaults to 14 days and the `consulted` reading of police involvement', () => {
    expect(referralsSettingsFromEnv({})).toEqual({ mandatoryReferralWindowDays: 14, policeInvolvement: 'consulted' });
  });

  it('reads both settings', () => {
    expect(referralsSettingsFromEnv({ MANDATORY_REFERRAL_WINDOW_DAYS: '0', MANDATORY_REFERRAL_POLICE_INVOLVEMENT: 'reported' })).toEqual({
      mandatoryReferralWindowDays: 0,
      policeInvolvement: 'reported',
    });
  });

  it.each(['-1', '1.5', 'fourteen', '366', ''])('refuses a window of %j with the reason', (value) => {
    expect(() => referralsSettingsFromEnv({ MANDATORY_REFERRAL_WINDOW_DAYS: value })).toThrow(/MANDATORY_REFERRAL_WINDOW_DAYS must be a whole number of days from 0 to 365/);
  });

  it('refuses an unknown police-involvement definition', () => {
    expect(() => referralsSettingsFromEnv({ MANDATORY_REFERRAL_POLICE_INVOLVEMENT: 'charged' })).toThrow(/must be one of reported, consulted/);
  });
});
