import { deciderSpec } from '@sagsspor/domain';
import { closed, intake, opened, ref } from '../test-support/case-workflow-spec';
import type { CaseCommand } from './case.commands';
import { caseDecider } from './case.decider';
import type { CaseEvent } from './case.events';

// The site of a case (ADR 0075), as data: the case in the test support is Børnehus Midt's
// (sites midt-aarhus, the main site, and midt-herning).
const spec = deciderSpec(caseDecider);
// The houses' sites as the caller hands them in (a part of the reference data).
const sites = [
  { code: 'midt-aarhus', houseCode: 'midt', main: true },
  { code: 'midt-herning', houseCode: 'midt', main: false },
  { code: 'syd-odense', houseCode: 'syd', main: true },
  { code: 'syd-esbjerg', houseCode: 'syd', main: false },
];
const assign = (siteCode: string): CaseCommand => ({ type: 'AssignSite', data: { siteCode }, sites });
const assigned = (siteCode: string): CaseEvent => ({ type: 'CaseSiteAssigned', data: { ...ref, siteCode } });

describe('case decider: the site of a case', () => {
  it('refuses a site for a case that does not exist', () => spec.given().when(assign('midt-herning')).thenFails('CASE.NOT_FOUND'));
  it('puts an opened case at another site of its house', () => spec.given(opened).when(assign('midt-herning')).then(assigned('midt-herning')));
  it('changes nothing when the case is at the main site already (where a case without a site is)', () => spec.given(opened).when(assign('midt-aarhus')).thenNothingHappens());
  it('changes nothing when the same site is set again', () => spec.given(opened, assigned('midt-herning')).when(assign('midt-herning')).thenNothingHappens());
  it('moves the case back to the main site', () => spec.given(opened, assigned('midt-herning')).when(assign('midt-aarhus')).then(assigned('midt-aarhus')));
  it('puts a closed case at the site it was handled at (it counts there in the reports)', () =>
    spec.given(opened, closed()).when(assign('midt-herning')).then(assigned('midt-herning')));
  it("refuses another house's site, naming the case's house's sites", () =>
    spec.given(opened).when(assign('syd-esbjerg')).thenFails('CASE.SITE_NOT_OF_HOUSE', /site syd-esbjerg belongs to house syd, not midt; the sites of midt are midt-aarhus, midt-herning/));
  it('refuses a site no house has', () => spec.given(opened).when(assign('midt-silkeborg')).thenFails('CASE.SITE_NOT_OF_HOUSE', /unknown site midt-silkeborg/));
  it('keeps the house and municipality of the intake on the event', () => expect(ref).toEqual({ caseId: intake.caseId, houseCode: 'midt', municipalityCode: intake.municipalityCode }));
});
