import { encryptCprForTransport, publicCprTransportJwk } from '@sagsspor/child-identity';
import { PoliceVideoInterviewMessageV1 } from '@sagsspor/contracts';
import { cprForms } from '@sagsspor/domain';
import { InvalidMessageError, MalformedMessageError, toKafkaMessage } from '@sagsspor/messaging';
import { exportJWK, generateKeyPair } from 'jose';
import type { KafkaMessage } from 'kafkajs';
import { DEVELOPMENT_INBOUND_CPR_PRIVATE_JWK as privateJwk } from './development-inbound-cpr-key';
import { decodePoliceVideoInterviewMessage, videoInterviewInputFromMessage } from './video-interview.inbound-message';

const cpr = '020416-4002';
const publicJwk = publicCprTransportJwk(privateJwk);
const fields = { interviewId: 'OJP-VA-1', policeDistrict: 'oestjylland', municipalityCode: '751', houseCode: 'midt', conductedAt: '2025-03-11' };

const kafkaMessage = (data: unknown, key: string, type = PoliceVideoInterviewMessageV1.type, id = 'ce-1'): KafkaMessage => {
  const m = toKafkaMessage({ id, type, source: '/politi/oestjylland/video-interviews', time: '2025-03-11T12:00:00Z', partitionKey: key, data });
  return { key: Buffer.from(key), value: Buffer.from(m.value as string), headers: m.headers ?? {}, timestamp: '0', offset: '0', attributes: 0 };
};

const withHeader = (name: string, value: string): KafkaMessage => {
  const message = kafkaMessage(fields, 'OJP-VA-1');
  message.headers = { ...message.headers, [name]: value };
  return message;
};

const refusal = async (data: unknown) => {
  try {
    await videoInterviewInputFromMessage(data, privateJwk);
  } catch (error) {
    if (error instanceof InvalidMessageError) return error;
    throw error;
  }
  throw new Error('expected the message to be refused');
};

describe('decoding the inbound police message', () => {
  it('takes a CloudEvent of our type whose key is the interviewId', () => {
    const event = decodePoliceVideoInterviewMessage(kafkaMessage(fields, 'OJP-VA-1'));
    expect(event).toMatchObject({ type: PoliceVideoInterviewMessageV1.type, source: '/politi/oestjylland/video-interviews', data: fields });
  });

  it('gives the inbox an id from source, ce_id and content: a reused ce_id with other content is not a duplicate', () => {
    const first = decodePoliceVideoInterviewMessage(kafkaMessage(fields, 'OJP-VA-1'));
    const again = decodePoliceVideoInterviewMessage(kafkaMessage(fields, 'OJP-VA-1'));
    const corrected = decodePoliceVideoInterviewMessage(kafkaMessage({ ...fields, conductedAt: '2025-03-12' }, 'OJP-VA-1'));
    expect(again.id).toBe(first.id);
    expect(corrected.id).not.toBe(first.id);
    expect(first.id).toMatch(/^\/politi\/oestjylland\/video-interviews\|ce-1\|[0-9a-f]{32}$/);
  });

  it('refuses another event type on the topic (never skips it silently)', () => {
    expect(() => decodePoliceVideoInterviewMessage(kafkaMessage(fields, 'OJP-VA-1', 'dk.politi.something-else.v1'))).toThrow(expect.objectContaining({ code: 'INBOUND.UNKNOWN_TYPE' }));
  });

  it('refuses a key other than the interviewId: corrections must stay in order on one partition', () => {
    expect(() => decodePoliceVideoInterviewMessage(kafkaMessage(fields, 'another-key'))).toThrow(expect.objectContaining({ code: 'INBOUND.KEY_MISMATCH' }));
  });

  it('refuses a CPR in any form in the key, a header or any field but childCprEncrypted, naming the places and never the CPR', () => {
    const problems: string[] = [];
    for (const form of cprForms('010203-1234')) {
      const withKey = kafkaMessage({ ...fields, interviewId: `VA-${form}` }, `VA-${form}`);
      const inHeader = withHeader('ce_id', `ce-${form}`);
      const inTraceparent = withHeader('traceparent', form);
      const inField = kafkaMessage({ ...fields, houseCode: `midt ${form}` }, 'OJP-VA-1');
      const inFieldName = kafkaMessage({ ...fields, [form]: 'x' }, 'OJP-VA-1');
      const cases: [string, KafkaMessage, string[]][] = [
        ['key and interviewId', withKey, ['(key)', 'interviewId']],
        ['ce_id', inHeader, ['(header ce_id)']],
        ['traceparent', inTraceparent, ['(header traceparent)']],
        ['a field', inField, ['houseCode']],
        ['a field name', inFieldName, ['(a field name)']],
      ];
      for (const [what, message, places] of cases) {
        try {
          decodePoliceVideoInterviewMessage(message);
          problems.push(`${form} in ${what}: accepted`);
        } catch (error) {
          const e = error as InvalidMessageError;
          if (e.code !== 'INBOUND.CPR_OUTSIDE_CPR_FIELD' || JSON.stringify(e.fields?.map((f) => f.field)) !== JSON.stringify(places)) problems.push(`${form} in ${what}: ${e.code} ${JSON.stringify(e.fields)}`);
          if (/1234|１２３４|١٢٣٤/.test(`${e.message} ${JSON.stringify(e.fields)}`)) problems.push(`${form} in ${what}: the refusal repeats the CPR`);
        }
      }
    }
    expect(problems).toEqual([]);
    const inNumber = { ...kafkaMessage(fields, 'OJP-VA-1'), value: Buffer.from(JSON.stringify({ ...fields, extra: 1102031234 })) };
    expect(() => decodePoliceVideoInterviewMessage(inNumber)).toThrow(expect.objectContaining({ code: 'INBOUND.CPR_OUTSIDE_CPR_FIELD', fields: [{ field: 'extra', message: 'extra must not contain a CPR number' }] }));
    // The encrypted CPR field is where a CPR belongs; a clear childCpr is left to its own refusal (INBOUND.CLEAR_CPR).
    expect(() => decodePoliceVideoInterviewMessage(kafkaMessage({ ...fields, childCprEncrypted: '0102031234' }, 'OJP-VA-1'))).not.toThrow();
    expect(() => decodePoliceVideoInterviewMessage(kafkaMessage({ ...fields, childCpr: cpr }, 'OJP-VA-1'))).not.toThrow();
  });

  it('leaves a missing interviewId for validation to name', () => {
    const { interviewId: _id, ...rest } = fields;
    expect(decodePoliceVideoInterviewMessage(kafkaMessage(rest, 'no-id')).data).toEqual(rest);
  });

  it('refuses a value that is not JSON as malformed, without quoting it', () => {
    const message = { ...kafkaMessage(fields, 'OJP-VA-1'), value: Buffer.from(`{"childCpr": "${cpr}"`) };
    expect(() => decodePoliceVideoInterviewMessage(message)).toThrow(MalformedMessageError);
    expect(() => decodePoliceVideoInterviewMessage(message)).not.toThrow(/020416/);
  });
});

describe('the inbound message → the checked input', () => {
  it('decrypts the CPR and checks the rest as the REST path does', async () => {
    const input = await videoInterviewInputFromMessage({ ...fields, childCprEncrypted: await encryptCprForTransport(cpr, publicJwk), reinterview: true }, privateJwk);
    expect(input).toEqual({ ...fields, childCpr: cpr, reinterview: true });
  });

  it('refuses a clear CPR on Kafka', async () => {
    expect(await refusal({ ...fields, childCpr: cpr })).toMatchObject({ code: 'INBOUND.CLEAR_CPR', fields: [{ field: 'childCpr' }] });
  });

  it('names a missing childCprEncrypted along with the other missing fields', async () => {
    const { interviewId: _id, ...rest } = fields;
    const error = await refusal(rest);
    expect(error.code).toBe('INBOUND.MISSING_FIELD');
    expect(error.fields).toEqual([
      { field: 'interviewId', message: 'interviewId is required' },
      { field: 'childCprEncrypted', message: 'childCprEncrypted is required' },
    ]);
  });

  it('names an encrypted value that is not a CPR by the field sent', async () => {
    const error = await refusal({ ...fields, childCprEncrypted: await encryptCprForTransport('310218-4001', publicJwk) });
    expect(error).toMatchObject({ code: 'INBOUND.INVALID_CPR', fields: [{ field: 'childCprEncrypted', message: expect.stringMatching(/^childCprEncrypted \(decrypted\) must be a CPR number with a real birth date/) }] });
    expect(error.message).not.toContain('310218');
  });

  it('refuses a CPR encrypted to another key, and names the other bad fields too', async () => {
    const { privateKey } = await generateKeyPair('RSA-OAEP-256', { extractable: true });
    const otherPublic = publicCprTransportJwk({ ...(await exportJWK(privateKey)), kid: 'someone-else' });
    const error = await refusal({ ...fields, policeDistrict: 'atlantis', childCprEncrypted: await encryptCprForTransport(cpr, otherPublic) });
    expect(error.code).toBe('INBOUND.CPR_NOT_DECRYPTABLE');
    expect(error.fields!.map((f) => f.field)).toEqual(['childCprEncrypted', 'policeDistrict']);
    expect(error.message).toMatch(/encrypted to key 'someone-else'.*GET \/v1\/video-interviews\/encryption-key/);
  });

  it('refuses a childCprEncrypted that is not a JWE', async () => {
    expect(await refusal({ ...fields, childCprEncrypted: 12345 })).toMatchObject({ code: 'INBOUND.CPR_NOT_DECRYPTABLE' });
    expect(await refusal({ ...fields, childCprEncrypted: 'abc' })).toMatchObject({ code: 'INBOUND.CPR_NOT_DECRYPTABLE' });
  });

  it('refuses what is not an object', async () => {
    expect(await refusal(['x'])).toMatchObject({ code: 'INBOUND.INVALID_FIELD', fields: [{ field: '(root)' }] });
  });

  it('says in its message which fields are wrong', async () => {
    const error = await refusal({ ...fields, policeDistrict: 'atlantis', childCprEncrypted: await encryptCprForTransport(cpr, publicJwk) });
    expect(error).toMatchObject({ code: 'INBOUND.UNKNOWN_POLICE_DISTRICT', message: expect.stringMatching(/^the video interview was not recorded: policeDistrict must be a known police district code/) });
  });
});
