import { addDays } from '@sagsspor/calendar';

// Police video interviews of children for whom no referral or børnehus case exists within a
// window around the interview (domain.md section 4). Whether a referral exists is decided at
// query time from the facts, so an interview that arrives before or after its referral, or a
// referral that arrives late, always gives the same answer for the same events. Pure.

export type VideoInterviewGroupBy = 'month' | 'house' | 'municipality' | 'policeDistrict';

export interface InterviewFact {
  interviewId: string;
  conductedAt: string;
  month: string;
  houseCode: string;
  municipalityCode: string;
  policeDistrict: string;
  reinterview: boolean;
  /** A referral or case for the child falls within [conductedAt − before, conductedAt + after]. */
  referred: boolean;
}

export interface InterviewGroupRow {
  key: string;
  name: string;
  /** First interviews (reinterviews are counted apart). */
  conducted: number;
  referred: number;
  /** The window has passed without a referral. */
  notReferredFinal: number;
  /** No referral yet, but the window is still open: may still become referred. */
  notReferredProvisional: number;
  reinterviews: number;
}

export function interviewStatus(interview: InterviewFact, today: string, afterDays: number): 'referred' | 'not-referred-final' | 'not-referred-provisional' {
  if (interview.referred) return 'referred';
  return today <= addDays(interview.conductedAt, afterDays) ? 'not-referred-provisional' : 'not-referred-final';
}

export function videoInterviewsNotReferred(interviews: readonly InterviewFact[], groupBy: VideoInterviewGroupBy, nameOf: (key: string) => string, today: string, afterDays: number): InterviewGroupRow[] {
  const keyOf = (i: InterviewFact) => ({ month: i.month, house: i.houseCode, municipality: i.municipalityCode, policeDistrict: i.policeDistrict })[groupBy];
  const rows = new Map<string, InterviewGroupRow>();
  const total: InterviewGroupRow = { key: 'total', name: 'I alt', conducted: 0, referred: 0, notReferredFinal: 0, notReferredProvisional: 0, reinterviews: 0 };
  for (const i of interviews) {
    const key = keyOf(i);
    const row = rows.get(key) ?? { key, name: nameOf(key), conducted: 0, referred: 0, notReferredFinal: 0, notReferredProvisional: 0, reinterviews: 0 };
    rows.set(key, row);
    for (const r of [row, total]) {
      if (i.reinterview) {
        r.reinterviews++;
        continue;
      }
      r.conducted++;
      const status = interviewStatus(i, today, afterDays);
      if (status === 'referred') r.referred++;
      else if (status === 'not-referred-final') r.notReferredFinal++;
      else r.notReferredProvisional++;
    }
  }
  return [...[...rows.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)), total];
}
