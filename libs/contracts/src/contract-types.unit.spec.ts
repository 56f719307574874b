// The TypeScript types of the contracts are derived from their JSON Schemas (DataOf, json-schema-to-ts).
// The type assertions below are checked by the compiler (`nx typecheck contracts`): each says what a
// derived type must be, so a helper that lost a literal type (an enum widened to string, a required
// field turned optional) fails the type check. Each example is typed with its derived type (so it
// compiles only if it fits the type) and checked against its schema with ajv (catalog.unit.spec.ts).
import type { CaseClosedV1, CaseIntakeV1, CaseSettledV1 } from './events/case-lifecycle.events';
import type { ConsultationRecordedV1, ReferralFactsV1, UnderretningDecisionsRecordedV1, UnderretningReceivedV1 } from './events/referrals.events';
import {
  type CaseConferenceHeldV1,
  optionalVideoInterviewFacts,
  VideoInterviewCorrectedV1,
  type VideoInterviewFactsV1,
  videoInterviewFacts,
  VideoInterviewRecordedV1,
  type VideoInterviewV1,
  videoInterviewV1Fields,
} from './events/sector-coordination.events';
import { PoliceVideoInterviewMessageV1 } from './inbound/police-video-interview.message';
import type {
  AbuseType,
  CaseKind,
  CaseOutcome,
  ChildSex,
  Concern,
  ConferenceKind,
  ConsultationOutcome,
  HouseCode,
  ParticipationMode,
  Sector,
  UnderretningSource,
} from './vocabulary';

/** true when A and B are the same type (neither wider nor narrower, same optional fields). */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
type Flat<T> = { [K in keyof T]: T[K] };
type Same<A, B> = Equal<Flat<A>, Flat<B>>;
const holds = <T extends true>(): T | undefined => undefined;

// The shared facts of a video interview, and the three contracts that carry them.
holds<
  Same<
    VideoInterviewFactsV1,
    { interviewId: string; policeDistrict: string; municipalityCode: string; houseCode: HouseCode; conductedAt: string; reportedToPoliceAt?: string; requestedAt?: string; reinterview: boolean }
  >
>();
holds<
  Same<
    VideoInterviewV1,
    VideoInterviewFactsV1 & { revision: number; childRef: string; childSex: ChildSex; childAgeYears: number; daysFromReport?: number; lateAgainstTarget: boolean }
  >
>();
holds<Same<VideoInterviewRecordedV1, VideoInterviewV1>>();
holds<Same<VideoInterviewCorrectedV1, VideoInterviewV1 & { changedFields: string[] }>>();
holds<
  Same<
    PoliceVideoInterviewMessageV1,
    {
      interviewId: string;
      policeDistrict: string;
      childCprEncrypted: string;
      municipalityCode: string;
      houseCode: string;
      conductedAt: string;
      reportedToPoliceAt?: string;
      requestedAt?: string;
      reinterview?: boolean;
    }
  >
>();
holds<Equal<(typeof videoInterviewV1Fields)[number], keyof VideoInterviewV1>>();

// Enums become the vocabulary's unions, arrays of enums arrays of them, nested objects objects.
holds<
  Same<
    UnderretningReceivedV1,
    { underretningId: string; municipalityCode: string; childRef: string; childSex: ChildSex; childAgeYears: number; receivedAt: string; concerns: Concern[]; source: UnderretningSource }
  >
>();
holds<
  Same<
    UnderretningDecisionsRecordedV1,
    {
      underretningId: string;
      municipalityCode: string;
      childRef: string;
      childInvestigationDecidedAt?: string;
      policeReportedAt?: string;
      policeConsultedAt?: string;
      hospitalInvolvedAt?: string;
      preventiveMeasureAt?: string;
    }
  >
>();
holds<Equal<ConsultationRecordedV1['outcome'], ConsultationOutcome>>();
holds<
  Same<
    ReferralFactsV1,
    {
      referralId: string;
      childRef: string;
      childSex: ChildSex;
      childAgeYears: number;
      municipalityCode: string;
      houseCode: HouseCode;
      referredAt: string;
      municipalityAwareAt: string;
      abuseTypes: AbuseType[];
      caseKind: CaseKind;
      underretningId?: string;
    }
  >
>();
holds<Same<CaseClosedV1, CaseIntakeV1 & { closedAt: string; outcome: CaseOutcome; closingMemoSentAt?: string; leadTimeDays: number; revision: number }>>();
holds<Equal<CaseSettledV1['revision'], number | undefined>>();
holds<
  Same<
    CaseConferenceHeldV1,
    { conferenceId: string; caseId: string; houseCode: HouseCode; kind: ConferenceKind; heldAt: string; participants: { sector: Sector; mode: ParticipationMode }[] }
  >
>();

const propertiesOf = (schema: unknown) => Object.keys((schema as { properties: object }).properties);
const requiredOf = (schema: unknown) => (schema as { required: string[] }).required;

describe('contracts: one JSON Schema each, the type derived from it', () => {
  it('writes the facts of a video interview once: the inbound message and the published events carry each of them', () => {
    for (const definition of [PoliceVideoInterviewMessageV1, VideoInterviewRecordedV1, VideoInterviewCorrectedV1]) {
      expect(propertiesOf(definition.schema)).toEqual(expect.arrayContaining(Object.keys(videoInterviewFacts)));
    }
    expect(requiredOf(PoliceVideoInterviewMessageV1.schema)).toEqual(
      [...Object.keys(videoInterviewFacts).filter((f) => !(optionalVideoInterviewFacts as readonly string[]).includes(f)), 'childCprEncrypted'].sort((a, b) =>
        propertiesOf(PoliceVideoInterviewMessageV1.schema).indexOf(a) - propertiesOf(PoliceVideoInterviewMessageV1.schema).indexOf(b),
      ),
    );
    // The published interview schema names the shared facts by the very same schema objects.
    const published = (VideoInterviewRecordedV1.schema as { properties: Record<string, unknown> }).properties;
    for (const [field, schema] of Object.entries(videoInterviewFacts)) expect(published[field]).toBe(schema);
  });

  it('lists the fields of a published video interview in the order of its schema', () => {
    expect(videoInterviewV1Fields).toEqual(propertiesOf(VideoInterviewRecordedV1.schema));
    expect(Object.keys(VideoInterviewRecordedV1.example)).toEqual([...videoInterviewV1Fields]);
  });
});
