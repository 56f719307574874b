import type { HouseCode } from '@sagsspor/contracts';
import type { Plan } from './plan';

/** What a plan holds, in the terms of the reports: what the loaded platform should show. */
export interface PlanSummary {
  underretninger: number;
  mandatoryReferralGaps: number;
  consultations: number;
  referrals: { submitted: number; accepted: number; rejected: number; withdrawn: number; undecided: number };
  cases: { opened: number; open: number; closed: number; interrupted: number; withdrawn: number };
  /** Closed cases by the year they closed and the house. */
  closedByYearAndHouse: Record<number, Partial<Record<HouseCode, number>>>;
  services: number;
  suspects: number;
  conferences: number;
  examinations: number;
  videoInterviews: number;
  videoInterviewsNotReferred: number;
}

export function summarizePlan(plan: Plan): PlanSummary {
  const s: PlanSummary = {
    underretninger: 0,
    mandatoryReferralGaps: 0,
    consultations: 0,
    referrals: { submitted: 0, accepted: 0, rejected: 0, withdrawn: 0, undecided: 0 },
    cases: { opened: 0, open: 0, closed: 0, interrupted: 0, withdrawn: 0 },
    closedByYearAndHouse: {},
    services: 0,
    suspects: 0,
    conferences: 0,
    examinations: 0,
    videoInterviews: 0,
    videoInterviewsNotReferred: 0,
  };
  for (const year of plan.years) {
    s.underretninger += year.underretninger.length;
    s.mandatoryReferralGaps += year.underretninger.filter((u) => u.mandatoryReferralGap).length;
    s.consultations += year.consultations.length;
    s.videoInterviews += year.videoInterviews.length;
    s.videoInterviewsNotReferred += year.videoInterviews.filter((v) => !v.referralId).length;
    for (const r of year.referrals) {
      s.referrals.submitted++;
      const d = r.decision;
      if (!d) s.referrals.undecided++;
      else if (d.kind === 'reject') s.referrals.rejected++;
      else if (d.kind === 'withdraw') s.referrals.withdrawn++;
      else {
        s.referrals.accepted++;
        s.cases.opened++;
        const c = d.case;
        s.services += c.services.length;
        s.suspects += c.suspects.length;
        s.conferences += c.conferences.length;
        s.examinations += c.examinations.length;
        if (!c.closing) s.cases.open++;
        else {
          s.cases.closed++;
          if (c.closing.outcome === 'interrupted') s.cases.interrupted++;
          if (c.closing.outcome === 'withdrawn') s.cases.withdrawn++;
          const closedYear = Number(c.closing.closedAt.slice(0, 4));
          const byHouse = (s.closedByYearAndHouse[closedYear] ??= {});
          byHouse[r.houseCode] = (byHouse[r.houseCode] ?? 0) + 1;
        }
      }
    }
  }
  return s;
}
