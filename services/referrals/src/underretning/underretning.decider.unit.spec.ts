import { deciderSpec } from '@sagsspor/domain';
import type { NotReferredReason } from '@sagsspor/contracts';
import type { RecordNotReferredReasons, RecordUnderretningDecisions, UnderretningArrival } from './underretning.commands';
import { underretningDecider } from './underretning.decider';
import type { CriteriaEvaluation, UnderretningEvent, UnderretningFacts } from './underretning.events';

// The command carries the birth date (from the CPR); the events keep the age on receivedAt.
const arrival: UnderretningArrival = {
  underretningId: 'U-1',
  municipalityCode: '751',
  childRef: 'a'.repeat(64),
  childBirthDate: '2016-04-02',
  childSex: 'female',
  receivedAt: '2025-05-20',
  concerns: ['violence'],
  source: 'school',
};
const { childBirthDate: birthDate, ...rest } = arrival;
const facts: UnderretningFacts = { ...rest, childAgeYears: 9 };
const ref = { underretningId: 'U-1', municipalityCode: '751', childRef: 'a'.repeat(64) };
// Today is 2025-06-02 in Copenhagen.
const spec = deciderSpec(underretningDecider, new Date('2025-06-02T10:00:00Z'));

const received: UnderretningEvent = { type: 'UnderretningReceived', data: facts };
const evaluation = (criteria: CriteriaEvaluation): UnderretningEvent => ({ type: 'MandatoryReferralCriteriaEvaluated', data: { ...ref, ...criteria } });
const nothingYet: CriteriaEvaluation = { policeInvolvement: 'consulted', abuseSuspected: true, investigationDecided: false, policeOrHospitalInvolved: false, met: false };
const receive = { type: 'ReceiveUnderretning' as const, data: arrival, policeInvolvement: 'consulted' as const };
/** A later command: the handler passes the birth date from the registry (`undefined` once the child is erased). */
const decide = (
  changes: RecordUnderretningDecisions['data']['changes'],
  policeInvolvement: 'consulted' | 'reported' = 'consulted',
  childBirthDate: string = birthDate,
): RecordUnderretningDecisions => ({
  type: 'RecordUnderretningDecisions',
  data: { underretningId: 'U-1', changes },
  policeInvolvement,
  childBirthDate,
});
/** The same command once the child is erased: the registry has no birth date to give. */
const decideErased = (changes: RecordUnderretningDecisions['data']['changes']): RecordUnderretningDecisions => ({ ...decide(changes), childBirthDate: undefined });

describe('underretning decider', () => {
  describe('when none was received', () => {
    it('receives it and evaluates the criteria at once', () => spec.given().when(receive).then(received, evaluation(nothingYet)));
    it('records which police-involvement definition the evaluation used', () =>
      spec.given().when({ ...receive, policeInvolvement: 'reported' }).then(received, evaluation({ ...nothingYet, policeInvolvement: 'reported' })));
    it('finds no abuse suspected for neglect alone', () =>
      spec
        .given()
        .when({ ...receive, data: { ...arrival, concerns: ['neglect'] } })
        .then({ type: 'UnderretningReceived', data: { ...facts, concerns: ['neglect'] } }, evaluation({ ...nothingYet, abuseSuspected: false })));
    it('refuses a receipt date in the future', () =>
      spec.given().when({ ...receive, data: { ...arrival, receivedAt: '2025-06-03' } }).thenFails('UNDERRETNING.RECEIVED_IN_FUTURE', /receivedAt 2025-06-03/));
    it('refuses a child of 18, naming the date', () =>
      spec.given().when({ ...receive, data: { ...arrival, childBirthDate: '2007-05-20' } }).thenFails('UNDERRETNING.NOT_A_CHILD', /0-17 years old on receivedAt 2025-05-20/));
    it('refuses a child not yet born', () => spec.given().when({ ...receive, data: { ...arrival, childBirthDate: '2025-05-21' } }).thenFails('UNDERRETNING.NOT_A_CHILD', /not born/));
    it('accepts a child on the last day of being 17', () =>
      spec
        .given()
        .when({ ...receive, data: { ...arrival, childBirthDate: '2007-05-21' } })
        .then({ type: 'UnderretningReceived', data: { ...facts, childAgeYears: 17 } }, evaluation(nothingYet)));
    it('keeps the age on receivedAt, never the birth date', () =>
      spec
        .given()
        .when({ ...receive, data: { ...arrival, childBirthDate: '2016-05-21' } })
        .then({ type: 'UnderretningReceived', data: { ...facts, childAgeYears: 8 } }, evaluation(nothingYet)));
    it('receives it sent after the fact with the decisions made so far: received, recorded and evaluated at once', () =>
      spec
        .given()
        .when({ ...receive, decisions: { childInvestigationDecidedAt: '2025-05-22', policeReportedAt: '2025-05-21', preventiveMeasureAt: null } })
        .then(
          received,
          { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { childInvestigationDecidedAt: '2025-05-22', policeReportedAt: '2025-05-21' }, corrected: [] } },
          evaluation({ ...nothingYet, investigationDecided: true, policeOrHospitalInvolved: true, met: true, metAt: '2025-05-22', childAgeYears: 9 }),
        ));
    it('refuses it with the decisions when a date is wrong: nothing is received', () =>
      spec.given().when({ ...receive, decisions: { policeReportedAt: '2025-05-19' } }).thenFails('UNDERRETNING.DATE_BEFORE_RECEIVED', /policeReportedAt 2025-05-19/));
    it('cannot record decisions for an underretning it never received', () => spec.given().when(decide({ policeReportedAt: '2025-05-21' })).thenFails('UNDERRETNING.NOT_FOUND'));
  });

  describe('when received, with no decisions yet', () => {
    const history = [received, evaluation(nothingYet)];
    it('does nothing when the same underretning arrives again', () => spec.given(...history).when(receive).thenNothingHappens());
    it('refuses it again with decisions it does not have: other content under the same id', () =>
      spec.given(...history).when({ ...receive, decisions: { policeReportedAt: '2025-05-21' } }).thenFails('UNDERRETNING.ID_IN_USE'));
    it('refuses other content under the same id', () =>
      spec.given(...history).when({ ...receive, data: { ...arrival, concerns: ['sexual'] } }).thenFails('UNDERRETNING.ID_IN_USE'));
    it('records a § 20 decision and evaluates: not met without police or hospital', () =>
      spec
        .given(...history)
        .when(decide({ childInvestigationDecidedAt: '2025-05-22' }))
        .then(
          { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { childInvestigationDecidedAt: '2025-05-22' }, corrected: [] } },
          evaluation({ ...nothingYet, investigationDecided: true }),
        ));
    it('finds the criteria met, at the latest of the three dates, with the age on that date', () =>
      spec
        .given(...history)
        .when(decide({ childInvestigationDecidedAt: '2025-05-22', policeReportedAt: '2025-05-25' }))
        .then(
          { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { childInvestigationDecidedAt: '2025-05-22', policeReportedAt: '2025-05-25' }, corrected: [] } },
          evaluation({ ...nothingYet, investigationDecided: true, policeOrHospitalInvolved: true, met: true, metAt: '2025-05-25', childAgeYears: 9 }),
        ));
    it('counts a police consultation as involvement under `consulted`', () =>
      spec
        .given(...history)
        .when(decide({ childInvestigationDecidedAt: '2025-05-22', policeConsultedAt: '2025-05-21' }))
        .then(
          { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { childInvestigationDecidedAt: '2025-05-22', policeConsultedAt: '2025-05-21' }, corrected: [] } },
          evaluation({ ...nothingYet, investigationDecided: true, policeOrHospitalInvolved: true, met: true, metAt: '2025-05-22', childAgeYears: 9 }),
        ));
    it('does not count a police consultation under `reported`, and says so', () =>
      spec
        .given(...history)
        .when(decide({ childInvestigationDecidedAt: '2025-05-22', policeConsultedAt: '2025-05-21' }, 'reported'))
        .then(
          { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { childInvestigationDecidedAt: '2025-05-22', policeConsultedAt: '2025-05-21' }, corrected: [] } },
          evaluation({ ...nothingYet, policeInvolvement: 'reported', investigationDecided: true }),
        ));
    it('refuses an empty set of decisions', () => spec.given(...history).when(decide({})).thenFails('UNDERRETNING.NO_DECISIONS'));
    it('refuses a date in the future, naming the field', () =>
      spec.given(...history).when(decide({ hospitalInvolvedAt: '2025-06-03' })).thenFails('UNDERRETNING.DATE_IN_FUTURE', /^hospitalInvolvedAt 2025-06-03/));
    it('refuses a date before receipt, naming the field', () =>
      spec.given(...history).when(decide({ policeReportedAt: '2025-05-19' })).thenFails('UNDERRETNING.DATE_BEFORE_RECEIVED', /^policeReportedAt 2025-05-19/));
    it('refuses a date on which the child is 18, from the birth date in the command, naming the field', () =>
      spec
        .given({ type: 'UnderretningReceived', data: { ...facts, childAgeYears: 17 } })
        .when(decide({ preventiveMeasureAt: '2025-05-25' }, 'consulted', '2007-05-25'))
        .thenFails('UNDERRETNING.NOT_A_CHILD', /on preventiveMeasureAt 2025-05-25/));
    it('accepts a date on the last day the child is 17', () =>
      spec
        .given({ type: 'UnderretningReceived', data: { ...facts, childAgeYears: 17 } })
        .when(decide({ preventiveMeasureAt: '2025-05-24' }, 'consulted', '2007-05-25'))
        .then(
          { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { preventiveMeasureAt: '2025-05-24' }, corrected: [] } },
          evaluation({ ...nothingYet, abuseSuspected: true }),
        ));
    it('takes the age on metAt from the birth date when a birthday falls between receipt and metAt', () =>
      spec
        .given({ type: 'UnderretningReceived', data: { ...facts, childAgeYears: 8 } }, evaluation(nothingYet))
        .when(decide({ childInvestigationDecidedAt: '2025-05-22', policeReportedAt: '2025-05-25' }, 'consulted', '2016-05-23'))
        .then(
          { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { childInvestigationDecidedAt: '2025-05-22', policeReportedAt: '2025-05-25' }, corrected: [] } },
          evaluation({ ...nothingYet, investigationDecided: true, policeOrHospitalInvolved: true, met: true, metAt: '2025-05-25', childAgeYears: 9 }),
        ));
    describe('after the child is erased (no birth date in the command)', () => {
      it('skips the exact age rule on the decision dates', () =>
        spec
          .given({ type: 'UnderretningReceived', data: { ...facts, childAgeYears: 17 } })
          .when(decideErased({ preventiveMeasureAt: '2025-05-25' }))
          .then(
            { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { preventiveMeasureAt: '2025-05-25' }, corrected: [] } },
            evaluation({ ...nothingYet, abuseSuspected: true }),
          ));
      it('takes the age on receipt, from the first event, as the age on metAt', () =>
        spec
          .given({ type: 'UnderretningReceived', data: { ...facts, childAgeYears: 8 } }, evaluation(nothingYet))
          .when(decideErased({ childInvestigationDecidedAt: '2025-05-22', policeReportedAt: '2025-05-25' }))
          .then(
            { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { childInvestigationDecidedAt: '2025-05-22', policeReportedAt: '2025-05-25' }, corrected: [] } },
            evaluation({ ...nothingYet, investigationDecided: true, policeOrHospitalInvolved: true, met: true, metAt: '2025-05-25', childAgeYears: 8 }),
          ));
      it('still refuses a date before receipt or in the future', () => {
        spec.given(...history).when(decideErased({ policeReportedAt: '2025-05-19' })).thenFails('UNDERRETNING.DATE_BEFORE_RECEIVED');
        spec.given(...history).when(decideErased({ policeReportedAt: '2025-06-03' })).thenFails('UNDERRETNING.DATE_IN_FUTURE');
      });
    });
    it('does nothing when a date is withdrawn that was never recorded', () => spec.given(...history).when(decide({ policeReportedAt: null })).thenNothingHappens());
  });

  describe('when received, with decisions recorded', () => {
    const decisions = { childInvestigationDecidedAt: '2025-05-22', policeReportedAt: '2025-05-25' };
    const met: CriteriaEvaluation = { ...nothingYet, investigationDecided: true, policeOrHospitalInvolved: true, met: true, metAt: '2025-05-25', childAgeYears: 9 };
    const history = [received, evaluation(nothingYet), { type: 'UnderretningDecisionsRecorded' as const, data: { ...ref, decisions, corrected: [] } }, evaluation(met)];
    it('does nothing when the same dates are recorded again', () => spec.given(...history).when(decide({ policeReportedAt: '2025-05-25' })).thenNothingHappens());
    it('does nothing when the same underretning arrives again', () => spec.given(...history).when(receive).thenNothingHappens());
    it('refuses other content under the same id', () => spec.given(...history).when({ ...receive, data: { ...arrival, source: 'police' } }).thenFails('UNDERRETNING.ID_IN_USE'));
    it('corrects a date (the latest value wins) and evaluates again', () =>
      spec
        .given(...history)
        .when(decide({ policeReportedAt: '2025-05-23' }))
        .then(
          { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { ...decisions, policeReportedAt: '2025-05-23' }, corrected: ['policeReportedAt'] } },
          evaluation({ ...met, metAt: '2025-05-23' }),
        ));
    it('keeps the criteria met when a § 11 preventive measure is recorded', () =>
      spec
        .given(...history)
        .when(decide({ preventiveMeasureAt: '2025-05-26' }))
        .then({ type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { ...decisions, preventiveMeasureAt: '2025-05-26' }, corrected: [] } }, evaluation(met)));
    it('withdraws a date recorded by mistake, and the criteria are no longer met', () =>
      spec
        .given(...history)
        .when(decide({ policeReportedAt: null }))
        .then(
          { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { childInvestigationDecidedAt: '2025-05-22' }, corrected: ['policeReportedAt'] } },
          evaluation({ ...nothingYet, investigationDecided: true }),
        ));
    it('refuses a correction into the future', () => spec.given(...history).when(decide({ policeReportedAt: '2025-06-10' })).thenFails('UNDERRETNING.DATE_IN_FUTURE'));
  });

  describe('why the child was not referred (ADR 0074)', () => {
    const history = [received, evaluation(nothingYet)];
    const reasons = (data: Omit<RecordNotReferredReasons['data'], 'underretningId'>): RecordNotReferredReasons => ({ type: 'RecordNotReferredReasons', data: { underretningId: 'U-1', ...data } });
    const recorded = (data: { reasons: NotReferredReason[]; note?: string }, recordedOn = '2025-06-02'): UnderretningEvent => ({
      type: 'UnderretningNotReferredReasonsRecorded',
      data: { ...ref, ...data, recordedOn },
    });
    it('cannot record reasons for an underretning it never received', () => spec.given().when(reasons({ reasons: ['other'] })).thenFails('UNDERRETNING.NOT_FOUND'));
    it('records the reasons, dated today in Copenhagen, in the vocabulary\'s order', () =>
      spec
        .given(...history)
        .when(reasons({ reasons: ['consent-treated-as-required', 'preventive-measure-instead'] }))
        .then(recorded({ reasons: ['preventive-measure-instead', 'consent-treated-as-required'] })));
    it('keeps the note with the reasons', () =>
      spec
        .given(...history)
        .when(reasons({ reasons: ['police-assessment-decided'], note: 'Politiet vurderede sagen' }))
        .then(recorded({ reasons: ['police-assessment-decided'], note: 'Politiet vurderede sagen' })));
    it('does nothing when the same set and note come again, in any order', () =>
      spec
        .given(...history, recorded({ reasons: ['preventive-measure-instead', 'parents-opposed'] }, '2025-05-30'))
        .when(reasons({ reasons: ['parents-opposed', 'preventive-measure-instead'] }))
        .thenNothingHappens());
    it('replaces the set when it changes (the latest is the truth)', () =>
      spec
        .given(...history, recorded({ reasons: ['preventive-measure-instead'] }, '2025-05-30'))
        .when(reasons({ reasons: ['preventive-measure-instead', 'police-not-involved'] }))
        .then(recorded({ reasons: ['preventive-measure-instead', 'police-not-involved'] })));
    it('records again when only the note changes, and when the note is dropped', () => {
      spec
        .given(...history, recorded({ reasons: ['other'] }, '2025-05-30'))
        .when(reasons({ reasons: ['other'], note: 'Familien flyttede' }))
        .then(recorded({ reasons: ['other'], note: 'Familien flyttede' }));
      spec
        .given(...history, recorded({ reasons: ['other'], note: 'Familien flyttede' }, '2025-05-30'))
        .when(reasons({ reasons: ['other'] }))
        .then(recorded({ reasons: ['other'] }));
    });
    it('refuses an empty set', () => spec.given(...history).when(reasons({ reasons: [] })).thenFails('UNDERRETNING.NO_REASONS', /^reasons/));
    it('leaves the decisions and the criteria alone: a reason may be recorded when the criteria were met too', () =>
      spec
        .given(
          ...history,
          { type: 'UnderretningDecisionsRecorded', data: { ...ref, decisions: { childInvestigationDecidedAt: '2025-05-22', policeReportedAt: '2025-05-25' }, corrected: [] } },
          evaluation({ ...nothingYet, investigationDecided: true, policeOrHospitalInvolved: true, met: true, metAt: '2025-05-25', childAgeYears: 9 }),
        )
        .when(reasons({ reasons: ['waiting-time'] }))
        .then(recorded({ reasons: ['waiting-time'] })));
  });
});
