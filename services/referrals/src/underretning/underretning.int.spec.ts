import { Topics, UnderretningReceivedV1 } from '@sagsspor/contracts';
import { createKafka, fromKafkaMessage, qualifiedTopic } from '@sagsspor/messaging';
import { httpAs, readAllMessages, type ServiceUnderTest, startServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr } from '@sagsspor/testing';
import { ReferralsModule } from '../app.module';

const childCpr = generateCpr('2016-04-02', 'female', 11);
const underretning = { underretningId: 'INT-U-1', childCpr, municipalityCode: '751', receivedAt: '2025-03-04', concerns: ['violence'], source: 'school' };

describe('POST /v1/underretninger on real PostgreSQL and Kafka', () => {
  let service: ServiceUnderTest;

  beforeAll(async () => {
    service = await startServiceUnderTest({ serviceName: 'referrals', label: 'referrals_underretning', moduleFor: (c, l, o) => ReferralsModule.forRoot(c, l, o) });
  });
  afterAll(() => service?.drop());

  it('stores it once, answers a retry the same, and publishes one public event without the CPR', async () => {
    const aarhus = httpAs(service.url, 'municipality', { municipality: '751' });
    const first = await aarhus.post('/v1/underretninger', underretning);
    expect(first.status).toBe(201);
    expect(await aarhus.post('/v1/underretninger', underretning)).toMatchObject({ status: 201, body: first.body });
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM events WHERE stream_id = 'underretning-INT-U-1'`)).toEqual([{ n: 1 }]);

    const kafka = createKafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'referrals-int' });
    const [message] = await readAllMessages(kafka, qualifiedTopic(service.config.kafka, Topics.referralsEvents), 1);
    const event = fromKafkaMessage(message);
    expect(event.type).toBe(UnderretningReceivedV1.type);
    expect(event.data).toMatchObject({ underretningId: 'INT-U-1', childAgeYears: 8, childSex: 'female', childRef: first.body.childRef });
    for (const text of [message.value!.toString(), JSON.stringify(message.headers), ...service.logs]) {
      expect(text).not.toContain(childCpr.replace('-', ''));
      expect(text).not.toContain(childCpr);
    }
  });
});
