import { containsCpr, cprForms, REDACTED_CPR } from '@sagsspor/domain';
import { cprPlacesInMessage, withoutCprs } from './cpr-in-messages';

const clean = { key: Buffer.from('OJP-VA-1'), value: Buffer.from(JSON.stringify({ interviewId: 'OJP-VA-1', childCprEncrypted: 'eyJhbGciOi.x.y' })), headers: { ce_id: 'ce-1', traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' } };

/** Everything a dead letter carries, as one text, for the scan. */
const textOf = (m: { key: Buffer | string | null; value: Buffer | string | null; headers: Record<string, unknown> }) =>
  [m.key?.toString(), m.value?.toString(), ...Object.entries(m.headers).map(([k, v]) => `${k}=${String(v)}`)].join(' ');

describe('CPR numbers in Kafka messages', () => {
  it('finds none in a clean message, and leaves it as it is', () => {
    expect(cprPlacesInMessage(clean, ['childCprEncrypted'])).toEqual([]);
    expect(withoutCprs(clean)).toEqual({ ...clean, redacted: false });
  });

  it('names the key, the headers and the fields that hold one, in every form, but not the CPR field', () => {
    for (const form of cprForms('010203-1234')) {
      const message = {
        key: Buffer.from(`VA-${form}`),
        value: Buffer.from(JSON.stringify({ interviewId: `VA-${form}`, childCprEncrypted: form, nested: [{ note: form }] })),
        headers: { ce_id: Buffer.from(form), [form]: 'x', fine: 'y' },
      };
      expect({ form, places: cprPlacesInMessage(message, ['childCprEncrypted']) }).toEqual({ form, places: ['(key)', '(header ce_id)', '(a header name)', 'interviewId', 'nested[0].note'] });
    }
    expect(cprPlacesInMessage({ key: null, value: Buffer.from('not json 010203-1234'), headers: {} })).toEqual(['(value)']);
    expect(cprPlacesInMessage({ key: null, value: Buffer.from('{"a":"\\u0030102031234"}'), headers: {} })).toEqual(['a']);
  });

  it('redacts every form from key, header names and values and the value, and says so', () => {
    for (const form of cprForms('010203-1234')) {
      const message = {
        key: Buffer.from(`VA-${form}`),
        value: Buffer.from(JSON.stringify({ interviewId: `VA-${form}`, childCpr: form, kept: 'OJP' })),
        headers: { ce_id: Buffer.from(form), [`x-${form}`]: 'x', list: [Buffer.from('a'), Buffer.from(form)], fine: 'y' },
      };
      const letter = withoutCprs(message);
      expect({ form, redacted: letter.redacted, found: containsCpr(textOf(letter)) }).toEqual({ form, redacted: true, found: false });
      expect(JSON.parse(letter.value!.toString())).toEqual({ interviewId: REDACTED_CPR, childCpr: REDACTED_CPR, kept: 'OJP' });
      expect(letter.headers.fine).toBe('y');
      expect(letter.key).toBe(REDACTED_CPR);
    }
  });

  it('replaces a value whole when it is not JSON, or when the CPR is written across its fields', () => {
    expect(withoutCprs({ key: null, value: Buffer.from('{"a": 010203-1234'), headers: {} }).value).toBe(REDACTED_CPR);
    expect(withoutCprs({ key: null, value: Buffer.from('{"a":"\\u0030102031234"}'), headers: {} })).toMatchObject({ value: JSON.stringify({ a: REDACTED_CPR }), redacted: true });
  });
});
