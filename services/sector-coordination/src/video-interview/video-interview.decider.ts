import { copenhagenDate, daysBetween } from '@sagsspor/calendar';
import { videoInterviewV1Fields } from '@sagsspor/contracts';
import { childAgeOn, type Decider, DomainError, resolveSiteAmong, type SiteOfHouse, siteOrMain } from '@sagsspor/domain';
import type { AssignSite, RecordVideoInterview, VideoInterviewCommand } from './video-interview.commands';
import { INTERVIEW_TARGET_DAYS, type VideoInterview, type VideoInterviewContent, type VideoInterviewEvent } from './video-interview.events';

/** `siteCode`: the latest site the interview was put at (ADR 0076); where it is, while that is a site of its house (siteOfInterview). */
export type VideoInterviewState = { status: 'none' } | { status: 'recorded'; interview: VideoInterview; releasedAt?: string; siteCode?: string };
type RecordedInterview = Extract<VideoInterviewState, { status: 'recorded' }>;

/**
 * Where the interview is: the site it was put at while that is a site of its house, else its
 * house's main site. The police may correct the house: the interview is then at the new house's
 * main site (and at its old site again if corrected back), the rule of siteOrMain (ADR 0076).
 */
export const siteOfInterview = (state: Pick<RecordedInterview, 'interview' | 'siteCode'>, sites: readonly SiteOfHouse[]): string => siteOrMain(sites, state.interview.houseCode, state.siteCode);

/**
 * Puts the interview at a site of its house (`sites`: the houses' sites, reference data the caller
 * looked up): one of the house's, else 422 naming the house's sites; the site it is at already
 * changes nothing.
 */
function assignSite({ data: { interviewId, siteCode }, sites = [] }: AssignSite, state: VideoInterviewState): VideoInterviewEvent[] {
  if (state.status === 'none') throw new DomainError('VIDEO_INTERVIEW.NOT_FOUND', `there is no video interview ${interviewId}`, 'not-found');
  const { houseCode, municipalityCode, policeDistrict } = state.interview;
  const resolved = resolveSiteAmong(sites, houseCode, siteCode);
  if (!resolved.ok) throw new DomainError('VIDEO_INTERVIEW.SITE_NOT_OF_HOUSE', `The interview is at ${houseCode}: ${resolved.reason}.`, 'invalid');
  if (resolved.site.code === siteOfInterview(state, sites)) return [];
  return [{ type: 'VideoInterviewSiteAssigned', data: { interviewId: state.interview.interviewId, policeDistrict, houseCode, municipalityCode, siteCode: resolved.site.code } }];
}

/** What a correction can change: every field of the published interview but its revision, in the contract's order. */
const contentFields = videoInterviewV1Fields.filter((field): field is keyof VideoInterviewContent => field !== 'revision');

function contentOf(command: RecordVideoInterview['data'], today: string): VideoInterviewContent {
  const { child, ...facts } = command;
  const { conductedAt, reportedToPoliceAt, requestedAt } = facts;
  if (conductedAt > today) throw new DomainError('VIDEO_INTERVIEW.CONDUCTED_IN_FUTURE', `conductedAt ${conductedAt} is in the future`, 'invalid');
  if (reportedToPoliceAt !== undefined && reportedToPoliceAt > conductedAt) {
    throw new DomainError('VIDEO_INTERVIEW.REPORTED_AFTER_INTERVIEW', `reportedToPoliceAt ${reportedToPoliceAt} is after conductedAt ${conductedAt}`, 'invalid');
  }
  if (requestedAt !== undefined && requestedAt > conductedAt) {
    throw new DomainError('VIDEO_INTERVIEW.REQUESTED_AFTER_INTERVIEW', `requestedAt ${requestedAt} is after conductedAt ${conductedAt}`, 'invalid');
  }
  const childAgeYears = childAgeOn(child.childBirthDate, conductedAt, 'VIDEO_INTERVIEW.NOT_A_CHILD', 'conductedAt');
  const daysFromReport = reportedToPoliceAt === undefined ? undefined : daysBetween(reportedToPoliceAt, conductedAt);
  const content: VideoInterviewContent = {
    ...facts,
    childRef: child.childRef,
    childSex: child.childSex,
    childAgeYears,
    daysFromReport,
    lateAgainstTarget: daysFromReport !== undefined && daysFromReport > INTERVIEW_TARGET_DAYS,
  };
  // In the contract's order; optional facts that are not known are left out, not carried as undefined.
  return Object.fromEntries(contentFields.filter((field) => content[field] !== undefined).map((field) => [field, content[field]])) as VideoInterviewContent;
}

const changedFieldsOf = (before: VideoInterviewContent, after: VideoInterviewContent) => contentFields.filter((field) => before[field] !== after[field]);

export const videoInterviewDecider: Decider<VideoInterviewState, VideoInterviewCommand, VideoInterviewEvent> = {
  initialState: () => ({ status: 'none' }),
  evolve: (state, event) => {
    switch (event.type) {
      case 'VideoInterviewRecorded':
        return { status: 'recorded', interview: event.data };
      case 'VideoInterviewCorrected': {
        const { changedFields: _changed, ...interview } = event.data;
        return { ...state, status: 'recorded', interview };
      }
      case 'ChildReleasedByPolice':
        return state.status === 'recorded' ? { ...state, releasedAt: event.data.releasedAt } : state;
      case 'VideoInterviewSiteAssigned':
        return state.status === 'recorded' ? { ...state, siteCode: event.data.siteCode } : state;
    }
  },
  decide: (command, state, { now }) => {
    const today = copenhagenDate(now);
    switch (command.type) {
      case 'RecordVideoInterview': {
        const content = contentOf(command.data, today);
        if (state.status === 'none') return [{ type: 'VideoInterviewRecorded', data: { ...content, revision: 1 } }];
        const { revision, ...before } = state.interview;
        const changedFields = changedFieldsOf(before, content);
        if (changedFields.length === 0) return [];
        if (state.releasedAt !== undefined && content.conductedAt > state.releasedAt) {
          throw new DomainError(
            'VIDEO_INTERVIEW.CONDUCTED_AFTER_RELEASE',
            `conductedAt ${content.conductedAt} is after the police released the child on ${state.releasedAt}; the release cannot come before the interview`,
            'invalid',
          );
        }
        const corrected: VideoInterviewEvent = { type: 'VideoInterviewCorrected', data: { ...content, revision: revision + 1, changedFields } };
        if (state.releasedAt === undefined || content.childRef === before.childRef) return [corrected];
        // The interview was of another child than first sent: the police released the child interviewed.
        return [corrected, { type: 'ChildReleasedByPolice', data: { interviewId: content.interviewId, childRef: content.childRef, policeDistrict: content.policeDistrict, releasedAt: state.releasedAt } }];
      }
      case 'ReleaseChild': {
        const { interviewId, releasedAt } = command.data;
        if (state.status === 'none') throw new DomainError('VIDEO_INTERVIEW.NOT_FOUND', `there is no video interview ${interviewId}: record the interview before the release`, 'not-found');
        if (releasedAt > today) throw new DomainError('VIDEO_INTERVIEW.RELEASED_IN_FUTURE', `releasedAt ${releasedAt} is in the future`, 'invalid');
        if (releasedAt < state.interview.conductedAt) {
          throw new DomainError('VIDEO_INTERVIEW.RELEASED_BEFORE_INTERVIEW', `releasedAt ${releasedAt} is before the interview was conducted on ${state.interview.conductedAt}`, 'invalid');
        }
        if (state.releasedAt === releasedAt) return [];
        if (state.releasedAt !== undefined) {
          throw new DomainError('VIDEO_INTERVIEW.ALREADY_RELEASED', `the police already released the child after interview ${interviewId} on ${state.releasedAt}`);
        }
        const { childRef, policeDistrict } = state.interview;
        return [{ type: 'ChildReleasedByPolice', data: { interviewId, childRef, policeDistrict, releasedAt } }];
      }
      case 'AssignSite':
        return assignSite(command, state);
      default: {
        const unhandled: never = command;
        throw new Error(`unhandled command ${(unhandled as { type: string }).type}`);
      }
    }
  },
};
