import { deciderSpec } from '@sagsspor/domain';
import type { KnownCase } from '../known-cases/domain/known-case';
import type { HoldCaseConference } from './case-conference.commands';
import { coordinationDecider } from './case-conference.decider';
import type { CaseConference, CaseConferenceHeld } from './case-conference.events';

const caseId = '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f';
const openCase: KnownCase = { caseId, houseCode: 'midt', municipalityCode: '751', openedAt: '2025-03-12' };
const spec = deciderSpec(coordinationDecider, new Date('2025-06-02T10:00:00Z'));

const participants: CaseConference['participants'] = [
  { sector: 'municipality', mode: 'attended' },
  { sector: 'police', mode: 'phone' },
  { sector: 'boernehus', mode: 'attended' },
];
const conference = (conferenceId: string, kind: CaseConference['kind'], heldAt: string, extra: Partial<CaseConference> = {}): CaseConference => ({
  conferenceId,
  caseId,
  houseCode: 'midt',
  kind,
  heldAt,
  participants,
  ...extra,
});
const held = (c: CaseConference): CaseConferenceHeld => ({ type: 'CaseConferenceHeld', data: c });
const hold = (c: CaseConference, knownCase: KnownCase | 'unknown' = openCase, conferenceIdUsedInCase?: string): HoldCaseConference => {
  const { houseCode: _house, ...asked } = c;
  return { type: 'HoldCaseConference', data: { conference: asked, knownCase: knownCase === 'unknown' ? undefined : knownCase, conferenceIdUsedInCase } };
};

const coordinating = conference('SR-1', 'coordinating', '2025-03-14');
const followUp = conference('SR-2', 'follow-up', '2025-04-10');
const concluding = conference('SR-3', 'concluding', '2025-05-20');

describe('coordination decider', () => {
  describe('when no conference was held yet (coordination not opened)', () => {
    it('a coordinating conference opens the coordination', () => spec.given().when(hold(coordinating)).then(held(coordinating)));
    it('refuses a follow-up conference', () => spec.given().when(hold(followUp)).thenFails('CONFERENCE.COORDINATION_NOT_OPENED', /record that one first/));
    it('refuses a concluding conference', () => spec.given().when(hold(concluding)).thenFails('CONFERENCE.COORDINATION_NOT_OPENED'));

    it('refuses a case it does not know, saying a new case may take a moment', () =>
      spec.given().when(hold(coordinating, 'unknown')).thenFails('CASE.UNKNOWN', /may take a moment to arrive/));
    it('refuses a conferenceId used in another case', () =>
      spec.given().when(hold(coordinating, openCase, 'a1b2c3d4-0000-4000-8000-000000000000')).thenFails('CONFERENCE.ID_IN_USE', /another case/));
    it('refuses a future date (Copenhagen calendar)', () => spec.given().when(hold({ ...coordinating, heldAt: '2025-06-03' })).thenFails('CONFERENCE.HELD_IN_FUTURE'));
    it('accepts today', () => spec.given().when(hold({ ...coordinating, heldAt: '2025-06-02' })).then(held({ ...coordinating, heldAt: '2025-06-02' })));
    it('refuses a date before the case was opened', () => spec.given().when(hold({ ...coordinating, heldAt: '2025-03-11' })).thenFails('CONFERENCE.BEFORE_CASE_OPENED'));
    it('accepts the day the case was opened', () => spec.given().when(hold({ ...coordinating, heldAt: '2025-03-12' })).then(held({ ...coordinating, heldAt: '2025-03-12' })));
    it('refuses a date after the case was closed', () =>
      spec.given().when(hold(coordinating, { ...openCase, closedAt: '2025-03-13', closureRevision: 1 })).thenFails('CONFERENCE.AFTER_CASE_CLOSED'));
    it('accepts a closed case on its closing day', () =>
      spec.given().when(hold(coordinating, { ...openCase, closedAt: '2025-03-14', closureRevision: 1 })).then(held(coordinating)));
    it('takes the house from the case and the participants in sector order', () => {
      const reordered = { ...coordinating, houseCode: 'nord' as const, participants: [...participants].reverse() };
      spec.given().when(hold(reordered)).then(held(coordinating));
    });
    it('refuses a conference without participants', () => spec.given().when(hold({ ...coordinating, participants: [] })).thenFails('CONFERENCE.NO_PARTICIPANTS'));
    it('refuses a sector listed twice, naming it', () =>
      spec
        .given()
        .when(hold({ ...coordinating, participants: [...participants, { sector: 'police', mode: 'written' }] }))
        .thenFails('CONFERENCE.SECTOR_LISTED_TWICE', /police/));
    it('refuses a conference without the børnehus', () =>
      spec.given().when(hold({ ...coordinating, participants: [{ sector: 'municipality', mode: 'attended' }] })).thenFails('CONFERENCE.BOERNEHUS_NOT_PRESENT'));
    it.each(['absent', 'written'] as const)('refuses the børnehus taking part as %s', (mode) =>
      spec.given().when(hold({ ...coordinating, participants: [{ sector: 'boernehus', mode }] })).thenFails('CONFERENCE.BOERNEHUS_NOT_PRESENT'));
    it('accepts the børnehus by phone, and other sectors absent or written', () => {
      const c = conference('SR-1', 'coordinating', '2025-03-14', {
        participants: [
          { sector: 'municipality', mode: 'written' },
          { sector: 'police', mode: 'absent' },
          { sector: 'paediatrician', mode: 'phone' },
          { sector: 'forensic', mode: 'absent' },
          { sector: 'boernehus', mode: 'phone' },
        ],
      });
      spec.given().when(hold(c)).then(held(c));
    });
  });

  describe('when the coordination is opened', () => {
    it('holds a follow-up conference', () => spec.given(held(coordinating)).when(hold(followUp)).then(held(followUp)));
    it('holds several follow-up conferences, in any order of their dates', () =>
      spec.given(held(coordinating), held(followUp)).when(hold({ ...followUp, conferenceId: 'SR-2b', heldAt: '2025-03-20' })).then(held({ ...followUp, conferenceId: 'SR-2b', heldAt: '2025-03-20' })));
    it('holds a follow-up on the day of the coordinating one', () =>
      spec.given(held(coordinating)).when(hold({ ...followUp, heldAt: '2025-03-14' })).then(held({ ...followUp, heldAt: '2025-03-14' })));
    it('refuses a follow-up before the coordinating conference', () =>
      spec.given(held(coordinating)).when(hold({ ...followUp, heldAt: '2025-03-13' })).thenFails('CONFERENCE.BEFORE_COORDINATING'));
    it('concludes the coordination directly after the coordinating conference', () => spec.given(held(coordinating)).when(hold(concluding)).then(held(concluding)));
    it('refuses a second coordinating conference', () =>
      spec.given(held(coordinating)).when(hold({ ...coordinating, conferenceId: 'SR-9', heldAt: '2025-04-01' })).thenFails('CONFERENCE.COORDINATION_ALREADY_OPENED', /follow-up/));
    it('ignores the same conference again (a retry)', () => spec.given(held(coordinating)).when(hold(coordinating)).thenNothingHappens());
    it('ignores the same conference with its participants in another order', () =>
      spec.given(held(coordinating)).when(hold({ ...coordinating, participants: [...participants].reverse() })).thenNothingHappens());
    it('answers a retry the same even after the case was closed before it', () =>
      spec.given(held(coordinating)).when(hold(coordinating, { ...openCase, closedAt: '2025-03-13', closureRevision: 2 })).thenNothingHappens());
    it('refuses other content under a conferenceId already used', () =>
      spec.given(held(coordinating)).when(hold({ ...coordinating, heldAt: '2025-03-15' })).thenFails('CONFERENCE.ID_IN_USE', /other content/));
    it('refuses a follow-up after the case was closed', () =>
      spec.given(held(coordinating)).when(hold(followUp, { ...openCase, closedAt: '2025-04-01', closureRevision: 1 })).thenFails('CONFERENCE.AFTER_CASE_CLOSED'));
    it('refuses a follow-up in the future', () => spec.given(held(coordinating)).when(hold({ ...followUp, heldAt: '2025-06-03' })).thenFails('CONFERENCE.HELD_IN_FUTURE'));
    it('refuses a follow-up without the børnehus', () =>
      spec.given(held(coordinating)).when(hold({ ...followUp, participants: [{ sector: 'police', mode: 'attended' }] })).thenFails('CONFERENCE.BOERNEHUS_NOT_PRESENT'));
    it('refuses a follow-up whose case is not known', () => spec.given(held(coordinating)).when(hold(followUp, 'unknown')).thenFails('CASE.UNKNOWN'));
  });

  describe('when the coordination is opened and follow-ups were held', () => {
    const events = [held(coordinating), held(followUp)];
    it('concludes on or after the latest conference', () => spec.given(...events).when(hold({ ...concluding, heldAt: '2025-04-10' })).then(held({ ...concluding, heldAt: '2025-04-10' })));
    it('refuses a concluding conference before the latest follow-up', () =>
      spec.given(...events).when(hold({ ...concluding, heldAt: '2025-04-09' })).thenFails('CONFERENCE.CONCLUDING_BEFORE_LATEST', /2025-04-10/));
    it('refuses a second coordinating conference', () =>
      spec.given(...events).when(hold({ ...coordinating, conferenceId: 'SR-9' })).thenFails('CONFERENCE.COORDINATION_ALREADY_OPENED'));
    it('ignores the follow-up sent again', () => spec.given(...events).when(hold(followUp)).thenNothingHappens());
  });

  describe('when the coordination is concluded', () => {
    const events = [held(coordinating), held(followUp), held(concluding)];
    it('refuses a follow-up after it', () =>
      spec.given(...events).when(hold({ ...followUp, conferenceId: 'SR-4', heldAt: '2025-05-21' })).thenFails('CONFERENCE.COORDINATION_CONCLUDED'));
    it('refuses a second concluding conference', () =>
      spec.given(...events).when(hold({ ...concluding, conferenceId: 'SR-5' })).thenFails('CONFERENCE.COORDINATION_CONCLUDED'));
    it('refuses a coordinating conference', () =>
      spec.given(...events).when(hold({ ...coordinating, conferenceId: 'SR-6' })).thenFails('CONFERENCE.COORDINATION_CONCLUDED'));
    it('ignores the concluding conference sent again', () => spec.given(...events).when(hold(concluding)).thenNothingHappens());
    it('ignores an earlier conference sent again', () => spec.given(...events).when(hold(coordinating)).thenNothingHappens());
    it('refuses other content under the concluding conference id', () =>
      spec.given(...events).when(hold({ ...concluding, heldAt: '2025-05-21' })).thenFails('CONFERENCE.ID_IN_USE'));
  });
});
