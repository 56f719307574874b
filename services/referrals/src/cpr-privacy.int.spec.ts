import { ChildRegistry } from '@sagsspor/child-identity';
import { cprForms } from '@sagsspor/domain';
import { controlledClock, type HttpAnswer, httpAs, scanForCprs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr, waitFor } from '@sagsspor/testing';
import { publishedMessages, startReferrals } from './test-support/referrals-under-test';

// Generated numbers (never a real person's): one with the hyphen, one sent without it, and some refused ones.
const referredChild = generateCpr('2016-04-02', 'female', 51);
const consultedChild = generateCpr('2011-12-24', 'male', 52);
const compactChild = generateCpr('2013-02-14', 'female', 53).replace('-', '');
const refused = ['310218-4001', generateCpr('2006-01-01', 'male', 54), generateCpr('2025-05-01', 'female', 55)];
const allCprs = [referredChild, consultedChild, compactChild, ...refused];
/** Every form of a CPR (docs/data-protection.md): what each scan below looks for. */
const forms = cprForms;

/** Every table of the service's database (here the child registry's too, where the CPR is sealed), as text. */
async function dumpTables(service: ServiceUnderTest): Promise<Map<string, string>> {
  const tables: { table_name: string }[] = await service.dataSource.query(
    `SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`,
  );
  const dump = new Map<string, string>();
  for (const { table_name: table } of tables) {
    const [row] = await service.dataSource.query(`SELECT coalesce(json_agg(t)::text, '') AS dump FROM "${table.replace(/"/g, '')}" t`);
    dump.set(table, row.dump);
  }
  return dump;
}

describe('no CPR number outside the child registry: Kafka, logs, every table, every answer', () => {
  const clock = controlledClock('2025-03-10T09:00:00Z');
  let service: ServiceUnderTest;
  const answers: HttpAnswer[] = [];

  beforeAll(async () => {
    service = await startReferrals('referrals_cpr_privacy', { clock });
    const aarhus = httpAs(service.url, 'municipality', { municipality: '751' });
    const midt = httpAs(service.url, 'boernehus', { house: 'midt' });
    const call = async (answer: Promise<HttpAnswer>, status: number) => {
      const a = await answer;
      answers.push(a);
      expect(a.status).toBe(status);
    };
    const underretning = { underretningId: 'P-U-1', childCpr: referredChild, municipalityCode: '751', receivedAt: '2025-03-03', concerns: ['sexual'], source: 'health' };
    await call(aarhus.post('/v1/underretninger', underretning), 201);
    await call(aarhus.post('/v1/underretninger', underretning), 201);
    await call(aarhus.post('/v1/underretninger/P-U-1/decisions', { childInvestigationDecidedAt: '2025-03-04', hospitalInvolvedAt: '2025-03-05' }), 200);
    await call(aarhus.post('/v1/underretninger', { ...underretning, underretningId: 'P-U-2', childCpr: compactChild }), 201);
    await call(aarhus.get('/v1/underretninger/P-U-1'), 200);
    await call(midt.post('/v1/consultations', { consultationId: 'P-K-1', houseCode: 'midt', municipalityCode: '751', askedAt: '2025-03-07', childCpr: consultedChild, outcome: 'advice-given' }), 201);
    await call(aarhus.get('/v1/consultations/P-K-1'), 200);
    for (const [i, cpr] of refused.entries()) {
      await call(aarhus.post('/v1/underretninger', { ...underretning, underretningId: `P-BAD-${i}`, childCpr: cpr }), 422);
      await call(aarhus.post('/v1/referrals', { referralId: `P-BAD-${i}`, childCpr: cpr, municipalityCode: '751', referredAt: '2025-03-08', municipalityAwareAt: '2025-03-03', abuseTypes: [] }), 422);
      // The same CPR in an id is refused at the door, before it could reach an event or the audit log (ADR 0080).
      await call(aarhus.post('/v1/referrals', { referralId: `P-BAD-${cpr}`, childCpr: cpr, municipalityCode: '751', referredAt: '2025-03-08', municipalityAwareAt: '2025-03-03', abuseTypes: [] }), 400);
    }
    await call(aarhus.post('/v1/referrals', { referralId: 'P-BAD-CPR', childCpr: `${referredChild}x`, municipalityCode: '751', referredAt: '2025-03-08', municipalityAwareAt: '2025-03-03', abuseTypes: [] }), 400);
    await call(midt.post('/v1/referrals/P-R-1/reject', { rejectedAt: '2025-03-08', reason: 'other', note: `cpr ${referredChild}` }), 400);
    // Why a child was not referred: a note holding a CPR is refused at the door; one without is kept here, never published (ADR 0074).
    await call(aarhus.post('/v1/underretninger/P-U-2/not-referred-reasons', { reasons: ['other'], note: `cpr ${referredChild}` }), 400);
    await call(aarhus.post('/v1/underretninger/P-U-2/not-referred-reasons', { reasons: ['parents-opposed'], note: 'Forældrene sagde nej.' }), 200);

    // The watch fires for P-U-1 (no referral), and a late referral closes the gap.
    clock.set('2025-03-19T23:00:00Z');
    await waitFor(() => aarhus.get('/v1/underretninger/P-U-1'), (a) => a.body.mandatoryReferralWatch?.status === 'gap-open', { what: 'the gap to open' });
    const referral = { referralId: 'P-R-1', childCpr: referredChild, municipalityCode: '751', referredAt: '2025-03-19', municipalityAwareAt: '2025-03-03', abuseTypes: ['sexual'], underretningId: 'P-U-1' };
    await call(aarhus.post('/v1/referrals', referral), 201);
    await call(aarhus.post('/v1/referrals', referral), 201);
    await call(midt.post('/v1/referrals/P-R-1/accept', { acceptedAt: '2025-03-19' }), 200);
    await call(aarhus.post('/v1/referrals', { ...referral, referralId: 'P-R-2', underretningId: undefined, childCpr: compactChild }), 201);
    await call(midt.post('/v1/referrals/P-R-2/reject', { rejectedAt: '2025-03-19', reason: 'other', note: 'Henvist til rette børnehus.' }), 200);
    await call(aarhus.post('/v1/referrals', { ...referral, referralId: 'P-R-3', underretningId: undefined, childCpr: consultedChild }), 201);
    await call(aarhus.post('/v1/referrals/P-R-3/withdraw', { withdrawnAt: '2025-03-19', reason: 'duplicate' }), 200);
    await call(aarhus.get('/v1/referrals/P-R-1'), 200);
    await call(midt.get('/v1/referrals?status=accepted&house=midt'), 200);
    await call(midt.post('/v1/referrals/P-R-1/reject', { rejectedAt: '2025-03-19', reason: 'duplicate' }), 409);
  });
  afterAll(() => service?.drop());

  it('keeps each CPR that was accepted sealed in the child registry, and none of the refused ones', async () => {
    const registry = service.app.get(ChildRegistry);
    const refs = new Set<string>();
    for (const a of answers) if (typeof a.body?.childRef === 'string') refs.add(a.body.childRef);
    const revealed = await Promise.all([...refs].map((ref) => registry.reveal(ref)));
    expect(revealed.sort()).toEqual([referredChild, consultedChild, compactChild].map((c) => c.replace('-', '')).sort());
    // A refused command takes its registration back: only the three accepted children are registered.
    expect(await service.dataSource.query(`SELECT count(*)::int AS n FROM child_registry`)).toEqual([{ n: 3 }]);
  });

  it('finds no CPR in any table of the service, the sealed registry included', async () => {
    const dump = await dumpTables(service);
    expect([...dump.keys()]).toEqual(expect.arrayContaining(['events', 'command_idempotency', 'scheduled_commands', 'referral_register', 'mandatory_referral_watches', 'relay_checkpoints']));
    expect(dump.get('events')).toContain('MandatoryReferralGapClosed'); // the scan reads real rows
    for (const [table, text] of dump) {
      for (const cpr of allCprs) for (const form of forms(cpr)) expect({ table, found: text.includes(form) }).toEqual({ table, found: false });
    }
  });

  it('finds no CPR in any message published to Kafka', async () => {
    const messages = await publishedMessages(service);
    // P-U-1: received, decisions, two evaluations, gap opened (v1 and v2, ADR 0013) and closed; P-U-2: received, evaluated and its reasons not referred; P-K-1; P-R-1..3: two each.
    expect(messages).toHaveLength(17);
    expect(messages.map((m) => m.value?.toString()).join('\n')).not.toContain('Forældrene sagde nej');
    const headers = (m: (typeof messages)[number]) => Object.entries(m.headers ?? {}).map(([name, value]) => `${name}=${String(value)}`);
    const text = messages.map((m) => [m.key?.toString(), m.value?.toString(), ...headers(m)].join(' ')).join('\n');
    expect(text).toContain('mandatory-referral-gap-closed');
    for (const cpr of allCprs) for (const form of forms(cpr)) expect(text).not.toContain(form);
  });

  it('finds no CPR in the service’s log output', () => {
    expect(service.logs.length).toBeGreaterThan(0);
    const text = service.logs.join('\n');
    for (const cpr of allCprs) for (const form of forms(cpr)) expect(text).not.toContain(form);
  });

  it('finds no CPR of anyone, in any form the detector knows, in any table but the vault, any topic or any log line', async () => {
    const { findings, scanned } = await scanForCprs(service);
    expect(scanned.rows.events).toBeGreaterThan(10);
    expect(Object.values(scanned.messages).reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(15);
    expect(findings).toEqual([]);
  });

  it('never answers with a CPR, not even in an error', () => {
    const text = answers.map((a) => a.text).join('\n');
    expect(text).toContain('childRef');
    for (const cpr of allCprs) for (const form of forms(cpr)) expect(text).not.toContain(form);
  });
});
