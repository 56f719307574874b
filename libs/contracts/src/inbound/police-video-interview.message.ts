import { type DataOf, objectSchema } from '../events/common.schemas';
import { optionalVideoInterviewFacts, videoInterviewFacts } from '../events/sector-coordination.events';
import { defineIntegrationEvent } from '../integration-event';
import { Topics } from '../topics';

/** A compact JWE (RFC 7516): five base64url parts. */
export const COMPACT_JWE = '^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$';

const { interviewId, policeDistrict: _published, reinterview, ...whereAndWhen } = videoInterviewFacts;

/**
 * The inbound message: the facts of a video interview as a police system sends them
 * (videoInterviewFacts, shared with the published VideoInterviewRecordedV1), with the CPR encrypted.
 * Two facts are admitted more loosely than we publish them: a police district or house code we do
 * not know passes the schema, so that sector-coordination's check names it
 * (INBOUND.UNKNOWN_POLICE_DISTRICT, INBOUND.UNKNOWN_HOUSE) instead of a bare schema violation.
 */
const policeVideoInterviewMessageSchema = objectSchema(
  {
    interviewId,
    policeDistrict: { type: 'string', minLength: 1, maxLength: 40 },
    childCprEncrypted: { type: 'string', pattern: COMPACT_JWE, maxLength: 4096, description: 'The child\'s CPR as a compact JWE (RSA-OAEP-256, A256GCM) to the key at /v1/video-interviews/encryption-key' },
    ...whereAndWhen,
    houseCode: { type: 'string', minLength: 1, maxLength: 40 },
    // A copy, not the published event's object: docs/asyncapi.yaml then shows it here in full
    // rather than as a YAML alias into another message.
    reinterview: { ...reinterview },
  },
  optionalVideoInterviewFacts,
);

/**
 * What a police video-interview system puts on `sagsspor.inbound.police.video-interviews.v1`: the
 * fields of `POST /v1/video-interviews`, except that the CPR travels encrypted. No CPR may reach
 * Kafka in clear (domain.md section 3), so the police system encrypts it to sector-coordination's
 * public key (`GET /v1/video-interviews/encryption-key`, a JWKS) as a compact JWE
 * (alg RSA-OAEP-256, enc A256GCM); only sector-coordination can read it, and a message that goes
 * to the dead-letter topic still holds no clear CPR.
 */
export type PoliceVideoInterviewMessageV1 = DataOf<typeof policeVideoInterviewMessageSchema>;

export const PoliceVideoInterviewMessageV1 = defineIntegrationEvent<PoliceVideoInterviewMessageV1>({
  type: 'dk.politi.video-interview.v1',
  topic: Topics.inboundPoliceVideoInterviews,
  source: '/politi/<district>/video-interviews',
  description:
    'A police video interview pushed by a police system over Kafka (CloudEvents 1.0, binary mode, key = interviewId). A later message with the same interviewId corrects the earlier one.',
  schema: policeVideoInterviewMessageSchema,
  example: {
    interviewId: 'OJP-VA-2025-0815',
    policeDistrict: 'oestjylland',
    childCprEncrypted: 'eyJhbGciOiJSU0EtT0FFUC0yNTYiLCJlbmMiOiJBMjU2R0NNIiwia2lkIjoic2MtaW5ib3VuZC0xIn0.c2lnbmVkLWtleQ.aXYtMTIzNDU2.Y2lwaGVydGV4dA.dGFnLTEyMzQ1Ng',
    municipalityCode: '751',
    houseCode: 'midt',
    conductedAt: '2025-03-11',
    reportedToPoliceAt: '2025-03-05',
    requestedAt: '2025-03-06',
    reinterview: false,
  },
});
