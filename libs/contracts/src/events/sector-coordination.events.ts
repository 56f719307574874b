import { defineIntegrationEvent } from '../integration-event';
import { Topics } from '../topics';
import {
  type ChildSex,
  type ConferenceKind,
  conferenceKinds,
  type ExaminationKind,
  examinationKinds,
  type HouseCode,
  type ParticipationMode,
  participationModes,
  type Sector,
  sectors,
} from '../vocabulary';
import { childAgeYears, childRef, childSex, enumOf, houseCode, identifier, isoDate, municipalityCode, objectSchema, revision, uuid } from './common.schemas';

const source = '/sagsspor/sector-coordination';
const exampleCaseId = '0b6f4c1e-8a5d-4f3b-9c2e-7d1a6b5c4e3f';
const exampleChildRef = '5f2b9c0e1d3a4b6c8e7f9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d';

/** A police video interview as the police system last described it (the whole interview each time). */
export interface VideoInterviewV1 {
  interviewId: string;
  revision: number;
  policeDistrict: string;
  childRef: string;
  childSex: ChildSex;
  /** Age at the interview. */
  childAgeYears: number;
  municipalityCode: string;
  houseCode: HouseCode;
  conductedAt: string;
  reportedToPoliceAt?: string;
  requestedAt?: string;
  reinterview: boolean;
  /** Days from the police report to the interview, when the report date is known. */
  daysFromReport?: number;
  /** The interview was held later than 7 days after the police report (the target). */
  lateAgainstTarget: boolean;
}

const interview = {
  interviewId: identifier,
  revision,
  policeDistrict: { type: 'string', pattern: '^[a-z-]{2,40}$', description: 'Police district code (reference data)' },
  childRef,
  childSex,
  childAgeYears,
  municipalityCode,
  houseCode,
  conductedAt: isoDate,
  reportedToPoliceAt: isoDate,
  requestedAt: isoDate,
  reinterview: { type: 'boolean' },
  daysFromReport: { type: 'integer' },
  lateAgainstTarget: { type: 'boolean' },
};
const interviewOptional = ['reportedToPoliceAt', 'requestedAt', 'daysFromReport'];
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
  schema: objectSchema(interview, interviewOptional),
  example: interviewExample,
});

export interface VideoInterviewCorrectedV1 extends VideoInterviewV1 {
  /** Which fields this correction changed. */
  changedFields: string[];
}

export const VideoInterviewCorrectedV1 = defineIntegrationEvent<VideoInterviewCorrectedV1>({
  type: 'dk.sagsspor.sector-coordination.video-interview-corrected.v1',
  topic: Topics.sectorCoordinationEvents,
  source,
  description: 'The police system corrected an interview it sent before. The whole interview again with the next revision; the highest revision is the truth.',
  schema: objectSchema({ ...interview, changedFields: { type: 'array', minItems: 1, uniqueItems: true, items: { type: 'string', pattern: '^[a-zA-Z]{1,40}$' } } }, interviewOptional),
  example: { ...interviewExample, revision: 2, conductedAt: '2025-03-12', daysFromReport: 7, changedFields: ['conductedAt'] },
});

export interface VideoInterviewRequestedV1 {
  requestId: string;
  policeDistrict: string;
  childRef: string;
  municipalityCode: string;
  houseCode: HouseCode;
  requestedAt: string;
}

export const VideoInterviewRequestedV1 = defineIntegrationEvent<VideoInterviewRequestedV1>({
  type: 'dk.sagsspor.sector-coordination.video-interview-requested.v1',
  topic: Topics.sectorCoordinationEvents,
  source,
  description: 'The police requested (planned) a video interview of a child: until the police release the child, the house may not start its own work with the child.',
  schema: objectSchema({ requestId: identifier, policeDistrict: interview.policeDistrict, childRef, municipalityCode, houseCode, requestedAt: isoDate }),
  example: { requestId: 'OJP-REQ-2025-0311', policeDistrict: 'oestjylland', childRef: exampleChildRef, municipalityCode: '751', houseCode: 'midt', requestedAt: '2025-03-06' },
});

export interface ChildReleasedByPoliceV1 {
  childRef: string;
  policeDistrict: string;
  releasedAt: string;
  /** The interview the release follows, when the police system names one. */
  interviewId?: string;
}

export const ChildReleasedByPoliceV1 = defineIntegrationEvent<ChildReleasedByPoliceV1>({
  type: 'dk.sagsspor.sector-coordination.child-released-by-police.v1',
  topic: Topics.sectorCoordinationEvents,
  source,
  description: 'The police system released (frigav) the child: the house may start its own work. (The house can also record a release on the case in case-lifecycle.)',
  schema: objectSchema({ childRef, policeDistrict: interview.policeDistrict, releasedAt: isoDate, interviewId: identifier }, ['interviewId']),
  example: { childRef: exampleChildRef, policeDistrict: 'oestjylland', releasedAt: '2025-03-12', interviewId: 'OJP-VA-2025-0815' },
});

export interface ConferenceParticipantV1 {
  sector: Sector;
  mode: ParticipationMode;
}

export interface CaseConferenceHeldV1 {
  conferenceId: string;
  caseId: string;
  houseCode: HouseCode;
  kind: ConferenceKind;
  heldAt: string;
  participants: ConferenceParticipantV1[];
}

export const CaseConferenceHeldV1 = defineIntegrationEvent<CaseConferenceHeldV1>({
  type: 'dk.sagsspor.sector-coordination.case-conference-held.v1',
  topic: Topics.sectorCoordinationEvents,
  source,
  description: 'A case conference (sagssamråd) was held in a børnehus case, with how each sector took part.',
  schema: objectSchema({
    conferenceId: identifier,
    caseId: uuid,
    houseCode,
    kind: enumOf(conferenceKinds),
    heldAt: isoDate,
    participants: { type: 'array', minItems: 1, items: objectSchema({ sector: enumOf(sectors), mode: enumOf(participationModes) }) },
  }),
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

export interface ExaminationPerformedV1 {
  examinationId: string;
  caseId: string;
  kind: ExaminationKind;
  performedAt: string;
}

export const ExaminationPerformedV1 = defineIntegrationEvent<ExaminationPerformedV1>({
  type: 'dk.sagsspor.sector-coordination.examination-performed.v1',
  topic: Topics.sectorCoordinationEvents,
  source,
  description: 'A paediatric or forensic examination was performed in a børnehus case.',
  schema: objectSchema({ examinationId: identifier, caseId: uuid, kind: enumOf(examinationKinds), performedAt: isoDate }),
  example: { examinationId: 'EX-2025-17', caseId: exampleCaseId, kind: 'paediatric', performedAt: '2025-03-20' },
});
