/** The reporting service's own settings (environment variables), checked at start. */
export interface ReportingSettings {
  /** Days before the interview in which a referral or case counts as the interview's (VIDEO_INTERVIEW_REFERRAL_WINDOW_BEFORE_DAYS, 30). */
  videoInterviewWindowBeforeDays: number;
  /** Days after the interview (VIDEO_INTERVIEW_REFERRAL_WINDOW_AFTER_DAYS, 60); until then a not-referred interview is provisional. */
  videoInterviewWindowAfterDays: number;
  /** How many days ahead a deadline counts as approaching (LEAD_TIME_WARNING_DAYS, 14). */
  leadTimeWarningDays: number;
}

export const REPORTING_SETTINGS = Symbol('REPORTING_SETTINGS');

function wholeDays(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0 || value > 3650) throw new Error(`${name} must be a whole number of days (0-3650), got '${raw}'`);
  return value;
}

export function reportingSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): ReportingSettings {
  return {
    videoInterviewWindowBeforeDays: wholeDays(env, 'VIDEO_INTERVIEW_REFERRAL_WINDOW_BEFORE_DAYS', 30),
    videoInterviewWindowAfterDays: wholeDays(env, 'VIDEO_INTERVIEW_REFERRAL_WINDOW_AFTER_DAYS', 60),
    leadTimeWarningDays: wholeDays(env, 'LEAD_TIME_WARNING_DAYS', 14),
  };
}
