import { controlledClock, httpAs, type ServiceUnderTest } from '@sagsspor/service-testing';
import { generateCpr, waitFor } from '@sagsspor/testing';
import type { DataSource } from 'typeorm';
import { TenantScopedIds1765100000000 } from './tenant-scoped-ids.migration';
import { eventTypes, startReferrals } from './test-support/referrals-under-test';

// ADR 0095's migration on real PostgreSQL: streams and rows stored the way the service stored them
// before (one name per id, `underretning-<id>`), migrated, are all there under the new names and
// fold to the same state; the service goes on with them (decisions, the watch's deadline firing).
const clock = controlledClock('2025-03-10T09:00:00Z');
const aarhusChild = generateCpr('2016-04-02', 'female', 961);
const kbhChild = generateCpr('2014-07-21', 'male', 962);
const underretning = (underretningId: string, municipalityCode: string, childCpr: string) => ({ underretningId, childCpr, municipalityCode, receivedAt: '2025-03-03', concerns: ['violence'], source: 'school' });
const referral = (referralId: string, municipalityCode: string, childCpr: string) => ({ referralId, childCpr, municipalityCode, referredAt: '2025-03-06', municipalityAwareAt: '2025-03-03', abuseTypes: ['violence'] });

const tenantPrefixed = `^(underretning-|referral-|mandatory-referral-watch-)[0-9]{3}:`;

/** The rows as the service wrote them before ADR 0095: the inverse of the migration. */
async function toTheFormBefore(db: DataSource): Promise<void> {
  await db.transaction(async (m) => {
    await m.query(`UPDATE events SET stream_id = regexp_replace(stream_id, $1, '\\1') WHERE stream_id ~ $1`, [tenantPrefixed]);
    await m.query(`UPDATE command_idempotency SET stream_id = regexp_replace(stream_id, $1, '\\1') WHERE stream_id ~ $1`, [tenantPrefixed]);
    await m.query(`ALTER TABLE referral_register DROP CONSTRAINT referral_register_pkey, ADD PRIMARY KEY (referral_id)`);
    await m.query(`ALTER TABLE mandatory_referral_watches DROP CONSTRAINT mandatory_referral_watches_pkey, DROP COLUMN municipality_code, ADD PRIMARY KEY (underretning_id)`);
    await m.query(
      `UPDATE scheduled_commands SET schedule_id = regexp_replace(schedule_id, '^mandatory-referral-deadline:[0-9]{3}:', 'mandatory-referral-deadline:'), payload = payload - 'municipalityCode'
        WHERE kind = 'mandatory-referral-deadline'`,
    );
    await m.query(`UPDATE events SET data = data - 'municipalityCode' WHERE event_type = 'MandatoryReferralWatchStopped'`);
    await m.query(`DELETE FROM migrations WHERE name = 'TenantScopedIds1765100000000'`);
  });
}

async function migrate(db: DataSource): Promise<void> {
  const runner = db.createQueryRunner();
  try {
    await runner.startTransaction();
    await new TenantScopedIds1765100000000().up(runner);
    await runner.commitTransaction();
  } finally {
    await runner.release();
  }
}

const everyEvent = (db: DataSource) =>
  db.query(`SELECT global_position::text, event_id, stream_id, stream_version, event_type, data, metadata, recorded_at FROM events ORDER BY global_position`);
const rowsOf = (db: DataSource, table: string, order: string) => db.query(`SELECT * FROM ${table} ORDER BY ${order}`);

describe('the tenant-scoped ids migration (ADR 0095) on real PostgreSQL', () => {
  let service: ServiceUnderTest;
  const as = (municipality: string) => httpAs(service.url, 'municipality', { municipality });
  const midt = () => httpAs(service.url, 'boernehus', { house: 'midt' });

  beforeAll(async () => {
    service = await startReferrals('referrals_tenant_migration', { clock });
  });
  afterAll(() => service?.drop());

  it('moves every event, answer, register row, watch and deadline to the tenant-scoped names, and the streams fold to the same state', async () => {
    // An underretning whose watch has a deadline, one whose watch stopped, a referral accepted, one submitted elsewhere.
    expect((await as('751').post('/v1/underretninger', underretning('MIG-U-1', '751', aarhusChild))).status).toBe(201);
    expect((await as('751').post('/v1/underretninger/MIG-U-1/decisions', { childInvestigationDecidedAt: '2025-03-05', policeReportedAt: '2025-03-06' })).body.mandatoryReferralCriteria.met).toBe(true);
    expect((await as('101').post('/v1/underretninger', underretning('MIG-U-2', '101', kbhChild))).status).toBe(201);
    await as('101').post('/v1/underretninger/MIG-U-2/decisions', { childInvestigationDecidedAt: '2025-03-05', policeReportedAt: '2025-03-06' });
    expect((await as('101').post('/v1/underretninger/MIG-U-2/decisions', { policeReportedAt: null }, { 'idempotency-key': 'mig-withdraw' })).status).toBe(200);
    expect((await as('751').post('/v1/referrals', { ...referral('MIG-R-1', '751', kbhChild), childCpr: generateCpr('2013-05-05', 'male', 963) })).status).toBe(201);
    expect((await midt().post('/v1/referrals/MIG-R-1/accept', { acceptedAt: '2025-03-07' })).status).toBe(200);
    expect((await as('101').post('/v1/referrals', referral('MIG-R-2', '101', kbhChild))).status).toBe(201);

    const reads = async () => ({
      u1: (await as('751').get('/v1/underretninger/MIG-U-1')).body,
      u2: (await as('101').get('/v1/underretninger/MIG-U-2')).body,
      r1: (await as('751').get('/v1/referrals/MIG-R-1')).body,
      r2: (await as('101').get('/v1/referrals/MIG-R-2')).body,
      queue: (await midt().get('/v1/referrals')).body,
    });
    const db = service.dataSource;
    const [answersBefore, eventsBefore, registerBefore, watchesBefore, deadlinesBefore, keysBefore] = [
      await reads(),
      await everyEvent(db),
      await rowsOf(db, 'referral_register', 'municipality_code, referral_id'),
      await rowsOf(db, 'mandatory_referral_watches', 'municipality_code, underretning_id'),
      await rowsOf(db, 'scheduled_commands', 'schedule_id'),
      await rowsOf(db, 'command_idempotency', 'idempotency_key'),
    ];
    expect(answersBefore.u1.mandatoryReferralWatch).toMatchObject({ status: 'watching' });
    expect(answersBefore.u2.mandatoryReferralWatch).toMatchObject({ status: 'stopped' });
    expect(deadlinesBefore.map((d: { schedule_id: string }) => d.schedule_id)).toContain('mandatory-referral-deadline:751:MIG-U-1');

    await toTheFormBefore(db);
    const old = await db.query(`SELECT DISTINCT stream_id FROM events ORDER BY stream_id`);
    expect(old.map((r: { stream_id: string }) => r.stream_id)).toEqual(
      expect.arrayContaining(['underretning-MIG-U-1', 'underretning-MIG-U-2', 'referral-MIG-R-1', 'referral-MIG-R-2', 'mandatory-referral-watch-MIG-U-1', 'mandatory-referral-watch-MIG-U-2']),
    );
    expect(old.filter((r: { stream_id: string }) => /:/.test(r.stream_id))).toEqual([]);

    await migrate(db);

    const stoppedWithoutTenant = (e: { event_type: string; data: Record<string, unknown> }) =>
      e.event_type === 'MandatoryReferralWatchStopped' ? { ...e, data: { underretningId: e.data.underretningId } } : e;
    expect((await everyEvent(db)).map(stoppedWithoutTenant)).toEqual(eventsBefore.map(stoppedWithoutTenant));
    expect(await rowsOf(db, 'referral_register', 'municipality_code, referral_id')).toEqual(registerBefore);
    expect(await rowsOf(db, 'mandatory_referral_watches', 'municipality_code, underretning_id')).toEqual(watchesBefore);
    expect(await rowsOf(db, 'scheduled_commands', 'schedule_id')).toEqual(deadlinesBefore);
    expect(await rowsOf(db, 'command_idempotency', 'idempotency_key')).toEqual(keysBefore);
    expect(await reads()).toEqual(answersBefore);
  });

  it('goes on with the migrated streams: a decision, a referral of the same id elsewhere, the deadline firing on its watch', async () => {
    expect((await as('751').post('/v1/underretninger/MIG-U-1/decisions', { hospitalInvolvedAt: '2025-03-07' })).status).toBe(200);
    expect(await eventTypes(service, 'underretning-751:MIG-U-1')).toHaveLength(6);
    expect((await as('101').post('/v1/referrals', referral('MIG-R-1', '101', kbhChild))).status).toBe(201);
    expect((await as('751').get('/v1/referrals/MIG-R-1')).body).toMatchObject({ municipalityCode: '751', status: 'accepted' });
    clock.set('2025-03-20T23:00:00Z');
    const watch = await waitFor(
      async () => (await as('751').get('/v1/underretninger/MIG-U-1')).body.mandatoryReferralWatch,
      (w) => w?.status === 'gap-open',
      { what: 'the migrated deadline to fire' },
    );
    expect(watch).toMatchObject({ gapId: 'gap-MIG-U-1', referralDueBy: '2025-03-20' });
    expect(await eventTypes(service, 'mandatory-referral-watch-751:MIG-U-1')).toEqual(['MandatoryReferralDeadlineSet', 'MandatoryReferralGapOpened']);
  });
});
