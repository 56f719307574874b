import { createHmac } from 'node:crypto';
import { ChildRegistry, DEVELOPMENT_VAULT_KEY, moveChildPseudonym } from '@sagsspor/child-identity';
import { deadLetterTopicOf, Topics } from '@sagsspor/contracts';
import { createKafka, qualifiedTopic } from '@sagsspor/messaging';
import { migratePseudonyms } from '@sagsspor/platform';
import { httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr } from '@sagsspor/testing';
import { DataSource } from 'typeorm';
import { publishedMessages, startReferrals } from './test-support/referrals-under-test';
import { referralsUpcasters } from './upcasters';

// ADR 0099's migration on data as the previous release left it: the child's pseudonym a keyed hash
// of its CPR (HMAC under the old CHILD_REF_SECRET) in the registry it took over, in every event and
// read table and on the topic, and the birth date in the stored events. After `migratePseudonyms`
// no trace of the old pseudonym or the birth date is left, and the service answers as before.

const OLD_CHILD_REF_SECRET = 'sagsspor-local-development-secret-not-for-production';
const birthDate = '2015-06-20';
const cpr = generateCpr(birthDate, 'female', 77);
const legacyRef = createHmac('sha256', OLD_CHILD_REF_SECRET).update(cpr.replace('-', '')).digest('hex');

describe('migrating child pseudonyms on data of the previous release (real PostgreSQL and Kafka)', () => {
  let service: ServiceUnderTest;
  const municipality = (s: ServiceUnderTest) => httpAs(s.url, 'municipality', { municipality: '751' });

  afterAll(() => service?.drop());

  it('leaves no old pseudonym and no birth date anywhere, and the service answers as before', async () => {
    service = await startReferrals('referrals_pseudonym_migration');
    const underretning = { underretningId: 'MIG-U-1', childCpr: cpr, municipalityCode: '751', receivedAt: '2025-03-03', concerns: ['sexual'], source: 'health' };
    const received = await municipality(service).post('/v1/underretninger', underretning);
    expect(received.status).toBe(201);
    const referral = await municipality(service).post('/v1/referrals', { referralId: 'MIG-R-1', childCpr: cpr, municipalityCode: '751', referredAt: '2025-03-10', municipalityAwareAt: '2025-03-03', abuseTypes: ['sexual'], underretningId: 'MIG-U-1' });
    expect(referral.status).toBe(201);
    await publishedMessages(service);
    const randomRef = received.body.childRef as string;
    await service.stop();

    // As the previous release left it: the legacy pseudonym in every table and on the topic (emptied, and
    // published again by the relay from the legacy rows), the birth date in the events.
    const store = await new DataSource({ type: 'postgres', url: service.config.databaseUrl }).initialize();
    const kafka = createKafka({ ...service.config.kafka, clientId: `${service.namespace}-migration` });
    const kafkaAdmin = kafka.admin();
    await kafkaAdmin.connect();
    const topic = qualifiedTopic(service.config.kafka, Topics.referralsEvents);
    const emptyTopic = async () =>
      kafkaAdmin.deleteTopicRecords({ topic, partitions: (await kafkaAdmin.fetchTopicOffsets(topic)).map((p) => ({ partition: p.partition, offset: p.high })) });
    await emptyTopic();
    await store.transaction(async (m) => {
      await moveChildPseudonym(m, DEVELOPMENT_VAULT_KEY, randomRef, legacyRef);
      const columns: { table_name: string; column_name: string; data_type: string }[] = await m.query(
        `SELECT table_name, column_name, data_type FROM information_schema.columns
          WHERE table_schema = 'public' AND data_type IN ('jsonb', 'text') AND table_name NOT IN ('audit_log', 'child_registry')`,
      );
      for (const c of columns) {
        await m.query(`UPDATE "${c.table_name}" SET "${c.column_name}" = replace("${c.column_name}"::text, $1, $2)::${c.data_type} WHERE "${c.column_name}"::text LIKE '%' || $1 || '%'`, [randomRef, legacyRef]);
      }
      await m.query(
        `UPDATE events SET data = (data - 'childAgeYears') || jsonb_build_object('childBirthDate', $1::text) WHERE event_type IN ('UnderretningReceived', 'ReferralSubmitted')`,
        [birthDate],
      );
      await m.query(`DELETE FROM relay_checkpoints`);
    });
    service = await service.restart();
    const legacyMessages = await publishedMessages(service);
    expect(legacyMessages.map((m) => m.value!.toString()).join('\n')).toContain(legacyRef);
    const before = (await municipality(service).get('/v1/underretninger/MIG-U-1')).body;
    expect(before.childRef).toBe(legacyRef);
    await service.stop();

    try {
      const result = await migratePseudonyms({
        services: [{ service: 'referrals', dataSource: store, upcasters: referralsUpcasters }],
        registry: store,
        vaultKey: DEVELOPMENT_VAULT_KEY,
        kafkaAdmin,
        topics: [topic, deadLetterTopicOf(topic)],
      });
      expect(result).toMatchObject({ pseudonyms: 1, topicsEmptied: [topic, deadLetterTopicOf(topic)] });
      expect(result.eventsReshaped.referrals).toBeGreaterThanOrEqual(2);
    } finally {
      await kafkaAdmin.disconnect();
    }

    const tables: { name: string }[] = await store.query(`SELECT format('%I', table_name) AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`);
    const dumps = await Promise.all(tables.map(async ({ name }) => ((await store.query(`SELECT coalesce(string_agg(t::text, E'\\n'), '') AS text FROM ${name} t`)) as { text: string }[])[0].text));
    const dump = dumps.join('\n');
    expect(dump).toContain('UnderretningReceived'); // the dump reads the events
    // Neither the old pseudonym nor the birth date in any table (the registry's included).
    expect(tables.filter((_t, i) => dumps[i].includes(legacyRef) || dumps[i].includes(birthDate)).map((t) => t.name)).toEqual([]);
    expect(dump).not.toContain('childBirthDate');
    expect(await store.query(`SELECT to_regclass('public.child_pseudonym_migration') IS NULL AS dropped`)).toEqual([{ dropped: true }]); // no old → new link is kept
    await store.destroy();

    service = await service.restart();
    const after = (await municipality(service).get('/v1/underretninger/MIG-U-1')).body;
    expect(after.childRef).toMatch(/^[0-9a-f]{64}$/);
    expect(after.childRef).not.toBe(legacyRef);
    expect({ ...after, childRef: 'x' }).toEqual({ ...before, childRef: 'x' });
    // The registry finds the child under its new pseudonym, and its CPR still opens there.
    const registry = service.app.get(ChildRegistry);
    expect(await registry.reveal(after.childRef)).toBe(cpr.replace('-', ''));
    const again = await municipality(service).post('/v1/underretninger', { ...underretning, underretningId: 'MIG-U-2' });
    expect(again.body.childRef).toBe(after.childRef);
    // The topic holds the rewritten history only.
    const republished = (await publishedMessages(service)).map((m) => m.value!.toString()).join('\n');
    expect(republished).toContain(after.childRef);
    expect(republished).not.toContain(legacyRef);
  }, 300000);
});
