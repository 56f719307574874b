/** Settings of the case-lifecycle service beyond the shared ServiceConfig. */
export interface CaseLifecycleSettings {
  /** Days before a deadline (90, 120 days, § 20) that its `approaching` stage fires. */
  deadlineWarningDays: number;
}

export const CASE_LIFECYCLE_SETTINGS = Symbol('CASE_LIFECYCLE_SETTINGS');

/** Reads and checks the settings at start-up; a bad value stops the service with the reason. */
export function caseLifecycleSettingsFromEnv(env: NodeJS.ProcessEnv = process.env): CaseLifecycleSettings {
  const raw = env.CASE_DEADLINE_WARNING_DAYS ?? '14';
  const days = Number(raw);
  if (!/^\d+$/.test(raw.trim()) || days < 1 || days > 60) {
    throw new Error(`CASE_DEADLINE_WARNING_DAYS must be a whole number of days from 1 to 60, got '${raw}'`);
  }
  return { deadlineWarningDays: days };
}
