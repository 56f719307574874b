import { fromKafkaMessage, MalformedMessageError, toKafkaMessage } from './cloudevents';

const headers = toKafkaMessage({ id: 'e-1', type: 'dk.test.v1', source: '/test', time: '2025-01-02T10:00:00Z', partitionKey: 'k', data: {} }).headers;
const message = (value: string) => ({ key: Buffer.from('k'), value: Buffer.from(value), headers: headers ?? {}, timestamp: '0', offset: '0', attributes: 0 });

describe('fromKafkaMessage', () => {
  it('refuses a value that is not JSON without quoting it (it may hold personal data)', () => {
    const decode = () => fromKafkaMessage(message('not json 020416-4002'));
    expect(decode).toThrow(MalformedMessageError);
    expect(decode).toThrow(/^value is not valid JSON/);
    expect(decode).not.toThrow(/020416/);
  });

  it('keeps the position of the error where JSON.parse gives one', () => {
    expect(() => fromKafkaMessage(message('{"a": 1,}'))).toThrow(/^value is not valid JSON \(at position \d+\)$/);
  });
});
