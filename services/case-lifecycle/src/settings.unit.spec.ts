import { caseLifecycleSettingsFromEnv } from './settings';

describe('case-lifecycle settings', () => {
  it('warns 14 days before a deadline unless told otherwise', () => {
    expect(caseLifecycleSettingsFromEnv({})).toEqual({ deadlineWarningDays: 14 });
    expect(caseLifecycleSettingsFromEnv({ CASE_DEADLINE_WARNING_DAYS: '21' })).toEqual({ deadlineWarningDays: 21 });
  });

  it.each(['0', '61', '7.5', 'two weeks', ''])('refuses CASE_DEADLINE_WARNING_DAYS=%j with the reason', (value) => {
    expect(() => caseLifecycleSettingsFromEnv({ CASE_DEADLINE_WARNING_DAYS: value })).toThrow(/CASE_DEADLINE_WARNING_DAYS must be a whole number of days from 1 to 60/);
  });
});
