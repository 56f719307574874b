import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import { ChildRegistry, DEVELOPMENT_VAULT_KEY, encryptCprForTransport } from '@sagsspor/child-identity';
import { Topics } from '@sagsspor/contracts';
import { cprForms } from '@sagsspor/domain';
import { municipalities } from '@sagsspor/reference-data';
import { authHeaders, generateCpr, readAllMessages, waitFor } from '@sagsspor/testing';
import type { JWK } from 'jose';
import { Kafka, logLevel } from 'kafkajs';
import { DataSource } from 'typeorm';
import { folk1aExport, putPopulation } from './cases-through-the-apis';
import { getJson, postJson, type RunningPlatform, startPlatform } from './platform';
import { dumpDatabase, readTopics } from './platform-contents';
import { DEV_CHILD_LOOKUP_SECRET } from '@sagsspor/platform';

// Issue 8, "must be shown": after a realistic run through all four services (processes, real
// PostgreSQL and Kafka), no CPR number and no name is in any Kafka topic of the run, any table of
// the reporting database, any service's audit log, or any service's log output. Then a child is
// crypto-shredded in the two services that keep CPRs: the CPR can no longer be recovered from any
// table of any service or any topic, and every report answers byte for byte as before.

type Service = 'referrals' | 'case-lifecycle' | 'sector-coordination' | 'reporting';
const services: Service[] = ['referrals', 'case-lifecycle', 'sector-coordination', 'reporting'];

// Generated children (never real persons). A goes through everything and is the one shredded.
const childA = generateCpr('2016-04-02', 'female', 61);
const childB = generateCpr('2014-07-21', 'male', 62);
const childC = generateCpr('2011-12-24', 'female', 63);
const childD = generateCpr('2012-09-30', 'male', 64).replace('-', '');
const cprs = [childA, childB, childC, childD];


// A generated name, as a caseworker might (against the rules) write one in a free-text note.
const suffix = randomBytes(3).toString('hex');
const name = { first: `Freja${suffix}`, last: `Testesen${suffix}` };
const fullName = `${name.first} ${name.last}`;

/** Where each forbidden string was found in `texts` (label → text). */
function findings(texts: Map<string, string>, forbidden: { what: string; needle: string }[]): string[] {
  const found: string[] = [];
  for (const [label, text] of texts) {
    const lower = text.toLowerCase();
    for (const { what, needle } of forbidden) if (lower.includes(needle.toLowerCase())) found.push(`${what} in ${label}`);
  }
  return found;
}

const cprNeedles = (list: string[]) =>
  list.flatMap((cpr) => cprForms(cpr).flatMap((form) => [{ what: `CPR ${form}`, needle: form }, { what: `CPR ${form} (hex, in a binary column)`, needle: Buffer.from(form).toString('hex') }]));
const nameNeedles = [
  { what: 'the name', needle: fullName },
  { what: 'the first name', needle: name.first },
  { what: 'the last name', needle: name.last },
];

/** Every message of every topic of the run's namespace (key, value, headers), by topic. */
async function readAllTopics(platform: RunningPlatform): Promise<Map<string, string>> {
  return new Map([...(await readTopics(platform))].map(([topic, { text }]) => [topic, text]));
}

describe('data protection through all four services: scans for CPRs and names, and crypto-shredding', () => {
  let platform: RunningPlatform;
  let childRefA: string;
  let childRefC: string;
  let videoInterviewA: Record<string, unknown>;
  let tokens: Record<'aarhus' | 'midt' | 'police' | 'ops' | 'admin', Record<string, string>>;
  const reportsBefore = new Map<string, string>();

  const reportPaths = [
    '/v1/reports/usage?year=2025&groupBy=house',
    '/v1/reports/usage?year=2025&groupBy=municipality&format=csv&locale=da',
    '/v1/reports/lead-times?year=2025',
    '/v1/reports/lead-times?year=2025&house=midt&format=csv',
    '/v1/reports/annual-statistics?year=2025',
    '/v1/reports/video-interviews-not-referred?from=2025-01-01&to=2025-12-31&groupBy=house',
    '/v1/reports/mandatory-referral-gaps?from=2025-01-01&to=2025-12-31',
    '/v1/reports/activity',
  ];
  const readReports = async () => {
    const answers = new Map<string, string>();
    for (const path of reportPaths) {
      const response = await fetch(`${platform.url('reporting')}${path}`, { headers: tokens.admin });
      answers.set(path, `${response.status} ${await response.text()}`);
    }
    return answers;
  };

  beforeAll(async () => {
    const [aarhus, midt, police, ops, admin] = await Promise.all([
      authHeaders('municipality', { municipality: '751' }),
      authHeaders('boernehus', { house: 'midt' }),
      authHeaders('police'),
      authHeaders('ops'),
      authHeaders('admin'),
    ]);
    tokens = { aarhus, midt, police, ops, admin };
    platform = await startPlatform('data-protection', Number(process.env.SAGSSPOR_E2E_BASE_PORT ?? 4000));
    const url = (service: Service, path: string) => `${platform.url(service)}${path}`;
    const ok = (what: string, answer: { status: number; body: unknown }) => {
      if (answer.status >= 300) throw new Error(`${what} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return answer.body as Record<string, unknown>;
    };

    // referrals: an underretning meeting the criteria, its referral (accepted), a referral rejected with
    // a note naming someone, a consultation naming a child.
    const underretning = ok('underretning', await postJson(url('referrals', '/v1/underretninger'), { underretningId: 'DP-U-1', childCpr: childA, municipalityCode: '751', receivedAt: '2025-03-03', concerns: ['sexual'], source: 'health' }, aarhus));
    childRefA = underretning.childRef as string;
    ok('decisions', await postJson(url('referrals', '/v1/underretninger/DP-U-1/decisions'), { childInvestigationDecidedAt: '2025-03-04', policeReportedAt: '2025-03-05' }, aarhus));
    ok('referral A', await postJson(url('referrals', '/v1/referrals'), { referralId: 'DP-R-1', childCpr: childA, municipalityCode: '751', referredAt: '2025-03-10', municipalityAwareAt: '2025-03-03', abuseTypes: ['sexual'], underretningId: 'DP-U-1' }, aarhus));
    const accepted = ok('accept A', await postJson(url('referrals', '/v1/referrals/DP-R-1/accept'), { acceptedAt: '2025-03-12' }, midt));
    const caseId = accepted.caseId as string;
    ok('referral B', await postJson(url('referrals', '/v1/referrals'), { referralId: 'DP-R-2', childCpr: childB, municipalityCode: '751', referredAt: '2025-03-10', municipalityAwareAt: '2025-03-03', abuseTypes: ['violence'] }, aarhus));
    ok('reject B', await postJson(url('referrals', '/v1/referrals/DP-R-2/reject'), { rejectedAt: '2025-03-11', reason: 'other', note: `Talt med ${fullName} (plejemor); henvist til Børnehus Syd.` }, midt));
    const consultation = ok('consultation C', await postJson(url('referrals', '/v1/consultations'), { consultationId: 'DP-K-1', houseCode: 'midt', municipalityCode: '751', askedAt: '2025-03-07', childCpr: childC, outcome: 'advice-given' }, midt));
    childRefC = consultation.childRef as string;

    // sector-coordination: A's video interview over HTTPS, D's over Kafka (the CPR as a JWE), an examination.
    videoInterviewA = ok('video interview A', await postJson(url('sector-coordination', '/v1/video-interviews'), { interviewId: 'DP-VA-1', policeDistrict: 'oestjylland', childCpr: childA, municipalityCode: '751', houseCode: 'midt', conductedAt: '2025-03-11', reportedToPoliceAt: '2025-03-05', requestedAt: '2025-03-06' }, police));
    const { keys } = (await getJson(url('sector-coordination', '/v1/video-interviews/encryption-key'))).body as { keys: JWK[] };
    const kafka = new Kafka({ brokers: process.env.KAFKA_BROKERS!.split(','), clientId: 'e2e-police-system', logLevel: logLevel.NOTHING });
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({
      topic: `${platform.namespace}.${Topics.inboundPoliceVideoInterviews}`,
      acks: -1,
      messages: [
        {
          key: 'DP-VA-2',
          value: JSON.stringify({ interviewId: 'DP-VA-2', policeDistrict: 'oestjylland', childCprEncrypted: await encryptCprForTransport(childD, keys[0]), municipalityCode: '751', houseCode: 'midt', conductedAt: '2025-04-02' }),
          headers: { ce_specversion: '1.0', ce_id: randomUUID(), ce_type: 'dk.politi.video-interview.v1', ce_source: '/politi/oestjylland/video-interviews', ce_time: new Date().toISOString(), 'content-type': 'application/json' },
        },
      ],
    });
    await producer.disconnect();
    await waitFor(() => getJson(url('sector-coordination', '/v1/video-interviews/DP-VA-2'), police), (r) => r.status === 200, { timeoutMs: 60000, what: 'the interview sent over Kafka' });

    // case-lifecycle: services, a suspect, the closing memo and the closing of A's case.
    await waitFor(() => getJson(url('case-lifecycle', `/v1/cases/${caseId}`), midt), (r) => r.status === 200, { timeoutMs: 60000, what: 'the case to open' });
    ok('service', await postJson(url('case-lifecycle', `/v1/cases/${caseId}/services`), { serviceId: 'DP-S-1', kind: 'crisis-conversation', deliveredAt: '2025-03-20', recipient: 'carer' }, midt));
    ok('suspect', await postJson(url('case-lifecycle', `/v1/cases/${caseId}/suspects`), { suspectId: 'DP-SU-1', sex: 'male', relation: 'parent', ageGroup: '30-49' }, midt));
    await waitFor(
      () => postJson(url('sector-coordination', '/v1/examinations'), { examinationId: 'DP-EX-1', caseId, kind: 'forensic', performedAt: '2025-03-20' }, midt),
      (r) => r.status === 201,
      { timeoutMs: 60000, what: 'sector-coordination to know the case' },
    );
    ok('close', await postJson(url('case-lifecycle', `/v1/cases/${caseId}/close`), { closedAt: '2025-05-01', outcome: 'completed', closingMemoSentAt: '2025-05-01' }, midt));

    // reporting: the population, then every report once everything has been projected.
    await putPopulation(platform, 2025, folk1aExport(2025, new Map(municipalities.map((m) => [m.code, 10_000]))));
    await waitFor(
      () => getJson(url('reporting', '/v1/reports/activity'), ops).then((r) => r.body),
      (a) => a.underretningerReceived?.total === 1 && a.casesOpened?.total === 1 && a.examinationsPerformed?.total === 1,
      { timeoutMs: 60000, what: 'reporting to project the run' },
    );
    await waitFor(
      () => getJson(url('reporting', '/v1/reports/lead-times?year=2025&house=midt'), ops).then((r) => JSON.stringify(r.body)),
      (text) => /"closed":\{"count":1\b/.test(text),
      { timeoutMs: 60000, what: 'reporting to see the closed case' },
    );
    // Settled: the reports answer the same three times in a row.
    let previous = await readReports();
    for (let stable = 0; stable < 3; ) {
      await new Promise((r) => setTimeout(r, 1000));
      const next = await readReports();
      stable = JSON.stringify([...next]) === JSON.stringify([...previous]) ? stable + 1 : 0;
      previous = next;
    }
    for (const [path, text] of previous) reportsBefore.set(path, text);
  }, 600000);
  afterAll(async () => {
    await platform?.stop();
  });

  describe('scan: no CPR and no name', () => {
    it('in any message of any topic of the run (events, inbound, dead letters)', async () => {
      const topics = await readAllTopics(platform);
      expect([...topics.keys()]).toEqual(expect.arrayContaining([Topics.referralsEvents, Topics.caseLifecycleEvents, Topics.sectorCoordinationEvents, Topics.inboundPoliceVideoInterviews].map((t) => `${platform.namespace}.${t}`)));
      expect(topics.get(`${platform.namespace}.${Topics.referralsEvents}`)).toContain('DP-R-2'); // the scan reads real messages
      expect(topics.get(`${platform.namespace}.${Topics.inboundPoliceVideoInterviews}`)).toContain('childCprEncrypted');
      expect(findings(topics, [...cprNeedles(cprs), ...nameNeedles])).toEqual([]);
    });

    it('in any table of the reporting database', async () => {
      const tables = await dumpDatabase(platform.databaseUrl('reporting'));
      expect(tables.size).toBeGreaterThan(10);
      expect([...tables.values()].join('\n')).toContain(childRefA); // pseudonymous facts are there
      expect(findings(tables, [...cprNeedles(cprs), ...nameNeedles])).toEqual([]);
    });

    it('in the audit log of any service, which recorded every request', async () => {
      const logs = new Map<string, string>();
      for (const service of services) for (const [table, text] of await dumpDatabase(platform.databaseUrl(service), (t) => t === 'audit_log')) logs.set(table, text);
      expect(logs.size).toBe(4);
      expect(logs.get([...logs.keys()].find((k) => k.includes('referrals'))!)).toContain('POST /v1/referrals/:referralId/reject');
      expect(findings(logs, [...cprNeedles(cprs), ...nameNeedles])).toEqual([]);
    });

    it('in the log output of any service', () => {
      expect(platform.output.length).toBeGreaterThan(50);
      expect(findings(new Map([['log output', platform.output.join('\n')]]), [...cprNeedles(cprs), ...nameNeedles])).toEqual([]);
    });

    it('(the scans can find: the name is in the one place it was written, the referrals service’s own events)', async () => {
      const referrals = await dumpDatabase(platform.databaseUrl('referrals'), (t) => t === 'events');
      expect(findings(referrals, nameNeedles).length).toBeGreaterThan(0);
    });
  });

  describe('erasure: after erasing child A', () => {
    beforeAll(async () => {
      // One erasure, asked of either service, holds for both: they share the child registry (ADR 0099).
      const first = await postJson(`${platform.url('referrals')}/v1/admin/child-erasures`, { childRef: childRefA, reason: 'e2e: request from the data protection officer' }, tokens.admin);
      expect({ status: first.status, body: first.body }).toEqual({ status: 200, body: { childRef: childRefA, erased: true } });
      const second = await postJson(`${platform.url('sector-coordination')}/v1/admin/child-erasures`, { childRef: childRefA, reason: 'e2e: asked again' }, tokens.admin);
      expect({ status: second.status, body: second.body }).toEqual({ status: 200, body: { childRef: childRefA, erased: false } });
    });

    it('the police interview and the underretning of one child carried one pseudonym', () => {
      expect(videoInterviewA.childRef).toBe(childRefA);
    });

    it("cannot be revealed from the child registry: the lookup, the key and the sealed CPR are gone (another child's still opens)", async () => {
      const dataSource = new DataSource({ type: 'postgres', url: platform.childRegistryDatabaseUrl });
      await dataSource.initialize();
      try {
        expect(await dataSource.query(`SELECT child_ref FROM child_registry WHERE child_ref = $1`, [childRefA])).toEqual([]);
        const registry = new ChildRegistry(dataSource, DEVELOPMENT_VAULT_KEY, DEV_CHILD_LOOKUP_SECRET, 'e2e');
        expect(await registry.reveal(childRefA)).toBeUndefined();
        expect(await registry.reveal(childRefC)).toBe(childC.replace('-', ''));
      } finally {
        await dataSource.destroy();
      }
    });

    it('is in no table of any service or the registry, in any form, and the erasure is recorded by pseudonym only', async () => {
      const everything = new Map<string, string>();
      for (const url of [...services.map((s) => platform.databaseUrl(s)), platform.childRegistryDatabaseUrl]) for (const [table, text] of await dumpDatabase(url)) everything.set(table, text);
      expect(findings(everything, cprNeedles([childA]))).toEqual([]);
      const erasures = [...everything].filter(([table]) => table.endsWith('.child_registry_erasures')).map(([, text]) => text);
      expect(erasures).toHaveLength(1);
      expect(erasures[0]).toContain(childRefA);
    });

    it('cannot be recovered by trying every CPR its stored age and sex allow, holding every secret the services have', async () => {
      // What the stores say of child A: its sex and its age on the underretning's date (the public event).
      const topic = `${platform.namespace}.${Topics.referralsEvents}`;
      const kafka = new Kafka({ brokers: platform.kafkaBrokers.split(','), clientId: 'e2e-cpr-search', logLevel: logLevel.NOTHING });
      const admin = kafka.admin();
      await admin.connect();
      const count = (await admin.fetchTopicOffsets(topic)).reduce((sum, p) => sum + Number(p.high) - Number(p.low), 0);
      await admin.disconnect();
      const received = (await readAllMessages(kafka, topic, count, 30000))
        .map((m) => JSON.parse(m.value!.toString()) as { childRef?: string; childSex?: 'female' | 'male'; childAgeYears?: number; receivedAt?: string })
        .find((d) => d.childRef === childRefA && d.receivedAt !== undefined)!;
      expect(received).toMatchObject({ childSex: 'female', childAgeYears: 8, receivedAt: '2025-03-03' });
      // Everything stored or published anywhere, as the set of hex strings a keyed hash would be compared with.
      const stored = new Set<string>();
      const everything = new Map([...(await Promise.all([...services.map((s) => platform.databaseUrl(s)), platform.childRegistryDatabaseUrl].map((url) => dumpDatabase(url)))).flatMap((m) => [...m]), ...(await readAllTopics(platform))]);
      everything.set('log output', platform.output.join('\n'));
      for (const text of everything.values()) for (const [hex] of text.matchAll(/[0-9a-f]{64}/g)) stored.add(hex);
      expect(stored.has(childRefA)).toBe(true); // the search reads the pseudonymous history
      // Every CPR of a girl aged 8 on 2025-03-03 (born 2016-03-04 .. 2017-03-03; any serial with an even last digit),
      // through every function of a CPR the services' secrets allow: the registry's lookup hash, and the
      // earlier scheme's pseudonym, which was the same HMAC under the same development secret.
      let tried = 0;
      const found: string[] = [];
      for (let day = Date.parse('2016-03-04'); day <= Date.parse('2017-03-03'); day += 86_400_000) {
        const [y, m, d] = new Date(day).toISOString().slice(0, 10).split('-');
        const date = `${d}${m}${y.slice(2)}`;
        for (let serial = 0; serial < 10000; serial += 2) {
          const cpr = `${date}${String(serial).padStart(4, '0')}`;
          tried++;
          if (stored.has(createHmac('sha256', DEV_CHILD_LOOKUP_SECRET).update(cpr).digest('hex'))) found.push(cpr);
        }
      }
      expect(tried).toBe(365 * 5000);
      expect(found).toEqual([]);
      // The search over every CPR a child can have (18 years of birth dates, both sexes: 66 million) can
      // only single the child out if the value its own CPR gives is stored somewhere; it is not.
      expect(stored.has(createHmac('sha256', DEV_CHILD_LOOKUP_SECRET).update(childA.replace('-', '')).digest('hex'))).toBe(false);
      // The same search finds child C, who was not erased (its lookup hash is in the registry): the search works.
      const lookupC = createHmac('sha256', DEV_CHILD_LOOKUP_SECRET).update(childC.replace('-', '')).digest('hex');
      expect(stored.has(lookupC)).toBe(true);
    }, 120000);

    it('is in no topic in any form; the only encrypted CPRs on Kafka are on the inbound police topic (bounded retention, ADR 0081)', async () => {
      const topics = await readAllTopics(platform);
      expect(findings(topics, cprNeedles([childA]))).toEqual([]);
      const jwe = /eyJ[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/;
      const withJwe = [...topics].filter(([, text]) => jwe.test(text)).map(([topic]) => topic.slice(platform.namespace.length + 1));
      expect(withJwe).toEqual([Topics.inboundPoliceVideoInterviews]);
    });

    it('leaves every report byte for byte as it was', async () => {
      await new Promise((r) => setTimeout(r, 2000));
      const after = await readReports();
      expect(reportsBefore.size).toBe(reportPaths.length);
      for (const [path, text] of reportsBefore) expect({ path, text: after.get(path) }).toEqual({ path, text });
      for (const text of reportsBefore.values()) expect(text).toMatch(/^200 /);
    });

    it('gives the same CPR, arriving again, a new pseudonym: nothing links it to the erased history', async () => {
      const again = await postJson(`${platform.url('referrals')}/v1/underretninger`, { underretningId: 'DP-U-9', childCpr: childA, municipalityCode: '751', receivedAt: '2025-04-01', concerns: ['sexual'], source: 'health' }, tokens.aarhus);
      expect(again.status).toBe(201);
      expect((again.body as { childRef: string }).childRef).toMatch(/^[0-9a-f]{64}$/);
      expect((again.body as { childRef: string }).childRef).not.toBe(childRefA);
    });
  });
});
