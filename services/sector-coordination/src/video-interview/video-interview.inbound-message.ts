import { createHash } from 'node:crypto';
import { CprTransportError, decryptCprFromTransport } from '@sagsspor/child-identity';
import { type IntegrationEvent, PoliceVideoInterviewMessageV1 } from '@sagsspor/contracts';
import { CPR_FIELDS } from '@sagsspor/domain';
import { cprPlacesInMessage, fromKafkaMessage, InvalidMessageError } from '@sagsspor/messaging';
import type { JWK } from 'jose';
import type { KafkaMessage } from 'kafkajs';
import { type InputProblem, validateVideoInterviewInput, type VideoInterviewInput } from './video-interview.validation';

// The inbound police message (PoliceVideoInterviewMessageV1) on its way to the command: decoding and
// checking, without Nest, so it is tested as plain functions. Every refusal is an InvalidMessageError,
// which the consumer dead-letters at once with its code, message and fields.


/**
 * The inbound message is not one of our integration events: CloudEvents headers; no CPR number
 * anywhere but the CPR field (the key, every header, every field: they are stored, published and
 * logged as ids; the dead letter of a refused message is redacted by the consumer); our type only; and
 * the key must be the interviewId (one interview's messages on one partition keep their order, so a
 * correction never overtakes what it corrects). The inbox id includes a digest of the value, so a
 * sender reusing a ce_id for a correction cannot have the correction dropped as a duplicate.
 */
export function decodePoliceVideoInterviewMessage(message: KafkaMessage): IntegrationEvent {
  const event = fromKafkaMessage(message);
  // On this topic a CPR belongs in childCprEncrypted; a clear childCpr has its own refusal (INBOUND.CLEAR_CPR), which names the mistake better.
  const withCpr = cprPlacesInMessage(message, [...CPR_FIELDS]);
  if (withCpr.length > 0) {
    throw new InvalidMessageError(
      'INBOUND.CPR_OUTSIDE_CPR_FIELD',
      `a CPR number may only travel encrypted, as childCprEncrypted: ${withCpr.join(', ')} must not contain one`,
      withCpr.map((field) => ({ field, message: `${field} must not contain a CPR number` })),
    );
  }
  if (event.type !== PoliceVideoInterviewMessageV1.type) {
    throw new InvalidMessageError('INBOUND.UNKNOWN_TYPE', `ce_type must be ${PoliceVideoInterviewMessageV1.type} on this topic`, [{ field: 'ce_type', message: `ce_type must be ${PoliceVideoInterviewMessageV1.type}` }]);
  }
  const interviewId = (event.data as { interviewId?: unknown } | null)?.interviewId;
  const key = message.key?.toString('utf8');
  if (typeof interviewId === 'string' && key !== interviewId) {
    throw new InvalidMessageError('INBOUND.KEY_MISMATCH', 'the message key must be the interviewId, so that an interview and its corrections stay in order', [
      { field: '(key)', message: 'the message key must be the interviewId' },
    ]);
  }
  const digest = createHash('sha256').update(message.value ?? Buffer.alloc(0)).digest('hex').slice(0, 32);
  return { ...event, id: `${event.source}|${event.id}|${digest}` };
}

function invalid(code: string, problems: InputProblem[]): InvalidMessageError {
  return new InvalidMessageError(code, `the video interview was not recorded: ${problems.map((p) => p.message).join('; ')}`, problems);
}

/** On Kafka the CPR is childCprEncrypted: problems with the decrypted CPR are named by that field. */
function onTheWire(problem: InputProblem): InputProblem {
  if (problem.field !== 'childCpr') return problem;
  if (problem.message === 'childCpr is required') return { field: 'childCprEncrypted', message: 'childCprEncrypted is required' };
  return { field: 'childCprEncrypted', message: problem.message.replace(/^childCpr /, 'childCprEncrypted (decrypted) ') };
}

/**
 * The same validation as POST /v1/video-interviews, once the CPR is decrypted. Throws
 * InvalidMessageError (a code, a message naming the fields, the fields) for the dead-letter topic.
 */
export async function videoInterviewInputFromMessage(data: unknown, privateJwk: JWK): Promise<VideoInterviewInput> {
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    throw invalid('INBOUND.INVALID_FIELD', [{ field: '(root)', message: 'the video interview must be a JSON object' }]);
  }
  const { childCprEncrypted, ...rest } = data as Record<string, unknown>;
  if ('childCpr' in rest) {
    throw invalid('INBOUND.CLEAR_CPR', [{ field: 'childCpr', message: 'childCpr must never be sent in clear on Kafka: send it encrypted as childCprEncrypted' }]);
  }
  let childCpr: string | undefined;
  let notDecryptable: InputProblem | undefined;
  if (childCprEncrypted !== undefined && childCprEncrypted !== null) {
    try {
      if (typeof childCprEncrypted !== 'string') throw new CprTransportError('must be a compact JWE (a string)');
      childCpr = await decryptCprFromTransport(childCprEncrypted, privateJwk);
    } catch (error) {
      if (!(error instanceof CprTransportError)) throw error;
      notDecryptable = { field: 'childCprEncrypted', message: `childCprEncrypted ${error.message} (key: GET /v1/video-interviews/encryption-key)` };
    }
  }
  const checked = validateVideoInterviewInput(childCpr === undefined ? rest : { ...rest, childCpr });
  if (notDecryptable) {
    const others = checked.valid ? [] : checked.problems.filter((p) => p.field !== 'childCpr');
    throw invalid('INBOUND.CPR_NOT_DECRYPTABLE', [notDecryptable, ...others.map(onTheWire)]);
  }
  if (!checked.valid) throw invalid(checked.code, checked.problems.map(onTheWire));
  return checked.input;
}
