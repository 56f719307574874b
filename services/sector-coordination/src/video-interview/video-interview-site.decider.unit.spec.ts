import { deciderSpec } from '@sagsspor/domain';
import type { AssignSite } from './video-interview.commands';
import { siteOfInterview, videoInterviewDecider } from './video-interview.decider';
import type { VideoInterview, VideoInterviewEvent } from './video-interview.events';

// The site of a police video interview (ADR 0076), as data: the interview is Børnehus Midt's
// (sites midt-aarhus, the main site, and midt-herning).
const spec = deciderSpec(videoInterviewDecider, new Date('2025-06-02T10:00:00Z'));
// The houses' sites as the command handler hands them in (a part of the reference data).
const sites = [
  { code: 'midt-aarhus', houseCode: 'midt', main: true },
  { code: 'midt-herning', houseCode: 'midt', main: false },
  { code: 'syd-odense', houseCode: 'syd', main: true },
  { code: 'syd-esbjerg', houseCode: 'syd', main: false },
];
const interview: VideoInterview = {
  interviewId: 'OJP-VA-1',
  revision: 1,
  policeDistrict: 'oestjylland',
  childRef: 'a'.repeat(64),
  childSex: 'female',
  childAgeYears: 8,
  municipalityCode: '751',
  houseCode: 'midt',
  conductedAt: '2025-03-11',
  reinterview: false,
  lateAgainstTarget: false,
};
const recorded: VideoInterviewEvent = { type: 'VideoInterviewRecorded', data: interview };
const movedTo = (houseCode: VideoInterview['houseCode'], revision: number): VideoInterviewEvent => ({ type: 'VideoInterviewCorrected', data: { ...interview, houseCode, revision, changedFields: ['houseCode'] } });
const released: VideoInterviewEvent = { type: 'ChildReleasedByPolice', data: { interviewId: 'OJP-VA-1', childRef: interview.childRef, policeDistrict: 'oestjylland', releasedAt: '2025-03-12' } };
const assign = (siteCode: string): AssignSite => ({ type: 'AssignSite', data: { interviewId: 'OJP-VA-1', siteCode }, sites });
const assigned = (siteCode: string, houseCode: VideoInterview['houseCode'] = 'midt'): VideoInterviewEvent => ({
  type: 'VideoInterviewSiteAssigned',
  data: { interviewId: 'OJP-VA-1', policeDistrict: 'oestjylland', houseCode, municipalityCode: '751', siteCode },
});

describe('video interview decider: the site of an interview', () => {
  it('refuses a site for an interview that was not recorded', () => spec.given().when(assign('midt-herning')).thenFails('VIDEO_INTERVIEW.NOT_FOUND'));
  it('puts a recorded interview at another site of its house', () => spec.given(recorded).when(assign('midt-herning')).then(assigned('midt-herning')));
  it('changes nothing when the interview is at the main site already (where an interview without a site is)', () => spec.given(recorded).when(assign('midt-aarhus')).thenNothingHappens());
  it('changes nothing when the same site is set again', () => spec.given(recorded, assigned('midt-herning')).when(assign('midt-herning')).thenNothingHappens());
  it('moves the interview back to the main site', () => spec.given(recorded, assigned('midt-herning')).when(assign('midt-aarhus')).then(assigned('midt-aarhus')));
  it('puts an interview at a site after the police released the child', () => spec.given(recorded, released).when(assign('midt-herning')).then(assigned('midt-herning')));
  it("refuses another house's site, naming the interview's house's sites", () =>
    spec.given(recorded).when(assign('syd-esbjerg')).thenFails('VIDEO_INTERVIEW.SITE_NOT_OF_HOUSE', /site syd-esbjerg belongs to house syd, not midt; the sites of midt are midt-aarhus, midt-herning/));
  it('refuses a site no house has', () => spec.given(recorded).when(assign('midt-silkeborg')).thenFails('VIDEO_INTERVIEW.SITE_NOT_OF_HOUSE', /unknown site midt-silkeborg/));

  describe('when the police correct the house', () => {
    it("judges the site against the interview's house now: Syd's site is one of its own after a move to Syd", () =>
      spec.given(recorded, assigned('midt-herning'), movedTo('syd', 2)).when(assign('syd-esbjerg')).then(assigned('syd-esbjerg', 'syd')));
    it("puts it at the new house's main site: setting that site changes nothing", () => spec.given(recorded, assigned('midt-herning'), movedTo('syd', 2)).when(assign('syd-odense')).thenNothingHappens());
    it('refuses the old house\'s site after the move', () =>
      spec.given(recorded, assigned('midt-herning'), movedTo('syd', 2)).when(assign('midt-herning')).thenFails('VIDEO_INTERVIEW.SITE_NOT_OF_HOUSE', /belongs to house midt, not syd/));
    it('is at its old site again when corrected back (the rule of the reports too)', () =>
      spec.given(recorded, assigned('midt-herning'), movedTo('syd', 2), movedTo('midt', 3)).when(assign('midt-herning')).thenNothingHappens());
  });

  it('is where the rule says: the site set while it is one of its house, else the main site', () => {
    expect(siteOfInterview({ interview, siteCode: undefined }, sites)).toBe('midt-aarhus');
    expect(siteOfInterview({ interview, siteCode: 'midt-herning' }, sites)).toBe('midt-herning');
    expect(siteOfInterview({ interview: { ...interview, houseCode: 'syd' }, siteCode: 'midt-herning' }, sites)).toBe('syd-odense');
  });
});
