import { defineIntegrationEvent } from '../integration-event';
import { Topics } from '../topics';
import { conferenceKinds, examinationKinds, participationModes, sectors } from '../vocabulary';
import {
  childAgeYears,
  childRef,
  childSex,
  type DataOf,
  enumOf,
  fieldsOf,
  houseCode,
  identifier,
  policeGivenId,
  isoDate,
  municipalityCode,
  type ObjectSchema,
  objectSchema,
  revision,
  uuid,
} from './common.schemas';

const source = '/sagsspor/sector-coordination';
const exampleCaseId = '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f';
const exampleChildRef = '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d';

/**
 * The facts of a video interview as a police system sends them, each field written once: the
 * inbound police message (PoliceVideoInterviewMessageV1) and `POST /v1/video-interviews` take them
 * (with the child's CPR), and VideoInterviewRecordedV1 / VideoInterviewCorrectedV1 carry them (with
 * the child's pseudonym and what follows from the dates). A field added here reaches all of them.
 */
export const videoInterviewFacts = {
  interviewId: policeGivenId,
  policeDistrict: { type: 'string', pattern: '^[a-z-]{2,40}$', description: 'Police district code (reference data)' },
  municipalityCode,
  houseCode,
  conductedAt: isoDate,
  reportedToPoliceAt: isoDate,
  requestedAt: isoDate,
  reinterview: { type: 'boolean' },
} as const;
/** The facts a police system may leave out (reinterview is then false). */
export const optionalVideoInterviewFacts = ['reportedToPoliceAt', 'requestedAt', 'reinterview'] as const;

/** The facts once checked: reinterview is always there (false when not sent). */
export type VideoInterviewFactsV1 = DataOf<ObjectSchema<typeof videoInterviewFacts, 'reportedToPoliceAt' | 'requestedAt'>>;

const { interviewId, policeDistrict, ...whereAndWhen } = videoInterviewFacts;
const interview = {
  interviewId,
  revision,
  policeDistrict,
  childRef,
  childSex,
  /** Age at the interview. */
  childAgeYears,
  ...whereAndWhen,
  /** Days from the police report to the interview, when the report date is known. */
  daysFromReport: { type: 'integer' },
  /** The interview was held later than 7 days after the police report (the target). */
  lateAgainstTarget: { type: 'boolean' },
} as const;
const interviewOptional = ['reportedToPoliceAt', 'requestedAt', 'daysFromReport'] as const;
const videoInterviewSchema = objectSchema(interview, interviewOptional);

/** A police video interview as the police system last described it (the whole interview each time). */
export type VideoInterviewV1 = DataOf<typeof videoInterviewSchema>;

/** The fields of a published video interview, in the order of its schema. */
export const videoInterviewV1Fields = fieldsOf(videoInterviewSchema);

const interviewExample: VideoInterviewV1 = {
  interviewId: 'OJP-VA-2025-0815',
  revision: 1,
  policeDistrict: 'oestjylland',
  childRef: exampleChildRef,
  childSex: 'female',
  childAgeYears: 9,
  municipalityCode: '751',
  houseCode: 'midt',
  conductedAt: '2025-03-11',
  reportedToPoliceAt: '2025-03-05',
  requestedAt: '2025-03-06',
  reinterview: false,
  daysFromReport: 6,
  lateAgainstTarget: false,
};

export type VideoInterviewRecordedV1 = VideoInterviewV1;

export const VideoInterviewRecordedV1 = defineIntegrationEvent<VideoInterviewRecordedV1>({
  type: 'dk.sagsspor.sector-coordination.video-interview-recorded.v1',
  topic: Topics.sectorCoordinationEvents,
  source,
  description: 'The police conducted a video interview (videoafhøring) of a child in a børnehus (revision 1).',
  schema: videoInterviewSchema,
  example: interviewExample,
});

const videoInterviewCorrectedSchema = objectSchema(
  {
    ...interview,
    /** Which fields this correction changed. */
    changedFields: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[a-zA-Z]{1,40}$' } },
  },
  interviewOptional,
);
export type VideoInterviewCorrectedV1 = DataOf<typeof videoInterviewCorrectedSchema>;

export const VideoInterviewCorrectedV1 = defineIntegrationEvent<VideoInterviewCorrectedV1>({
  type: 'dk.sagsspor.sector-coordination.video-interview-corrected.v1',
  topic: Topics.sectorCoordinationEvents,
  source,
  description: 'The police system corrected an interview it sent before. The whole interview again with the next revision; the highest revision is the truth.',
  schema: videoInterviewCorrectedSchema,
  example: { ...interviewExample, revision: 2, conductedAt: '2025-03-12', daysFromReport: 7, changedFields: ['conductedAt'] },
});

const videoInterviewRequestedSchema = objectSchema({ requestId: identifier, policeDistrict, childRef, municipalityCode, houseCode, requestedAt: isoDate });
export type VideoInterviewRequestedV1 = DataOf<typeof videoInterviewRequestedSchema>;

export const VideoInterviewRequestedV1 = defineIntegrationEvent<VideoInterviewRequestedV1>({
  type: 'dk.sagsspor.sector-coordination.video-interview-requested.v1',
  topic: Topics.sectorCoordinationEvents,
  source,
  description: 'The police requested (planned) a video interview of a child: until the police release the child, the house may not start its own work with the child.',
  schema: videoInterviewRequestedSchema,
  example: { requestId: 'OJP-REQ-2025-0311', policeDistrict: 'oestjylland', childRef: exampleChildRef, municipalityCode: '751', houseCode: 'midt', requestedAt: '2025-03-06' },
});

const childReleasedByPoliceSchema = objectSchema(
  {
    childRef,
    policeDistrict,
    releasedAt: isoDate,
    /** The interview the release follows, when the police system names one. */
    interviewId: policeGivenId,
  },
  ['interviewId'],
);
export type ChildReleasedByPoliceV1 = DataOf<typeof childReleasedByPoliceSchema>;

export const ChildReleasedByPoliceV1 = defineIntegrationEvent<ChildReleasedByPoliceV1>({
  type: 'dk.sagsspor.sector-coordination.child-released-by-police.v1',
  topic: Topics.sectorCoordinationEvents,
  source,
  description: 'The police system released (frigav) the child: the house may start its own work. (The house can also record a release on the case in case-lifecycle.)',
  schema: childReleasedByPoliceSchema,
  example: { childRef: exampleChildRef, policeDistrict: 'oestjylland', releasedAt: '2025-03-12', interviewId: 'OJP-VA-2025-0815' },
});

const conferenceParticipantSchema = objectSchema({ sector: enumOf(sectors), mode: enumOf(participationModes) });
export type ConferenceParticipantV1 = DataOf<typeof conferenceParticipantSchema>;

const caseConferenceHeldSchema = objectSchema({
  conferenceId: identifier,
  caseId: uuid,
  houseCode,
  kind: enumOf(conferenceKinds),
  heldAt: isoDate,
  participants: { type: 'array', minItems: 1, items: conferenceParticipantSchema },
});
export type CaseConferenceHeldV1 = DataOf<typeof caseConferenceHeldSchema>;

export const CaseConferenceHeldV1 = defineIntegrationEvent<CaseConferenceHeldV1>({
  type: 'dk.sagsspor.sector-coordination.case-conference-held.v1',
  topic: Topics.sectorCoordinationEvents,
  source,
  description: 'A case conference (sagssamråd) was held in a børnehus case, with how each sector took part.',
  schema: caseConferenceHeldSchema,
  example: {
    conferenceId: 'MIDT-SR-2025-77',
    caseId: exampleCaseId,
    houseCode: 'midt',
    kind: 'coordinating',
    heldAt: '2025-03-14',
    participants: [
      { sector: 'municipality', mode: 'attended' },
      { sector: 'police', mode: 'phone' },
      { sector: 'paediatrician', mode: 'written' },
      { sector: 'boernehus', mode: 'attended' },
    ],
  },
});

const examinationPerformedSchema = objectSchema({ examinationId: identifier, caseId: uuid, kind: enumOf(examinationKinds), performedAt: isoDate });
export type ExaminationPerformedV1 = DataOf<typeof examinationPerformedSchema>;

export const ExaminationPerformedV1 = defineIntegrationEvent<ExaminationPerformedV1>({
  type: 'dk.sagsspor.sector-coordination.examination-performed.v1',
  topic: Topics.sectorCoordinationEvents,
  source,
  description: 'A paediatric or forensic examination was performed in a børnehus case.',
  schema: examinationPerformedSchema,
  example: { examinationId: 'EX-2025-17', caseId: exampleCaseId, kind: 'paediatric', performedAt: '2025-03-20' },
});
